package io.schemapilot.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

class RehearserTest {
    private static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users (id),
                                 total integer NOT NULL, note text);
            INSERT INTO users SELECT g, 'u' || g || '@example.com' FROM generate_series(1, 200) g;
            INSERT INTO orders SELECT g, 1 + g % 200, g * 10, NULL FROM generate_series(1, 1000) g;
            """;

    private static Rehearsal rehearse(String up, String down) throws Exception {
        Rehearsal[] out = new Rehearsal[1];
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, SCHEMA, "schema.sql");
                out[0] = Rehearser.rehearse(c, new Rehearser.Input(SCHEMA, "schema.sql", up, "up.sql", down, "down.sql",
                        AnalysisSettings.defaults()));
            }
        });
        return out[0];
    }

    @Test
    void traces_locks_and_rewrites_and_proves_the_down_restores_the_schema() throws Exception {
        Rehearsal r = rehearse("""
                ALTER TABLE orders ALTER COLUMN total TYPE bigint;
                CREATE INDEX CONCURRENTLY orders_user_idx ON orders (user_id);
                ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';
                """, """
                ALTER TABLE orders DROP COLUMN status;
                DROP INDEX CONCURRENTLY orders_user_idx;
                ALTER TABLE orders ALTER COLUMN total TYPE integer;
                """);
        assertTrue(r.ran());
        assertTrue(r.upOk());
        assertTrue(r.downOk());
        assertTrue(r.reapplyOk());
        assertTrue(r.schemaRestored(), () -> "differences: " + r.differences());
        Rehearsal.Lock typeLock = r.locks().stream().filter(l -> l.step().equals("1")).findFirst().orElseThrow();
        assertEquals(LockMode.ACCESS_EXCLUSIVE, typeLock.lock());
        assertEquals("public.orders", typeLock.object());
        assertTrue(typeLock.observed());
        assertTrue(typeLock.hazards().contains("alter-column-type-rewrite"), typeLock.hazards().toString());
        assertTrue(r.rewrites().stream().anyMatch(w -> w.step().equals("1") && w.object().equals("public.orders")),
                "int -> bigint rewrites orders");
        assertFalse(r.rewrites().stream().anyMatch(w -> w.step().equals("3")),
                "a constant default is catalog-only on PG 11+: no rewrite");
        Rehearsal.Lock cic = r.locks().stream().filter(l -> l.step().equals("2")).findFirst().orElseThrow();
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, cic.lock());
        assertFalse(cic.observed(), "CONCURRENTLY runs outside a transaction: lock from the model");
        assertEquals(9, r.statements().size(), "3 up + 3 down + 3 re-apply");
    }

    @Test
    void a_down_that_does_not_restore_the_schema_is_caught() throws Exception {
        Rehearsal r = rehearse("""
                ALTER TABLE orders ADD COLUMN status text;
                CREATE INDEX orders_note_idx ON orders (note);
                """, """
                ALTER TABLE orders DROP COLUMN status;
                """);
        assertTrue(r.downOk());
        assertFalse(r.schemaRestored());
        assertTrue(r.differences().stream().anyMatch(d -> d.contains("orders_note_idx")), r.differences().toString());
    }

    @Test
    void locks_inside_an_explicit_transaction_are_held_until_commit() throws Exception {
        Rehearsal r = rehearse("""
                BEGIN;
                ALTER TABLE orders ADD COLUMN status text;
                UPDATE orders SET status = 'new';
                COMMIT;
                """, "ALTER TABLE orders DROP COLUMN status;");
        assertTrue(r.upOk());
        Rehearsal.Lock ae = r.locks().stream().filter(l -> l.step().equals("2")).findFirst().orElseThrow();
        assertEquals(LockMode.ACCESS_EXCLUSIVE, ae.lock());
        double updateMs = r.statements().stream().filter(s -> s.step().equals("3")).findFirst().orElseThrow().ms();
        assertTrue(ae.heldMs() >= (long) updateMs, "held through the backfill until COMMIT");
        assertTrue(r.locks().stream().noneMatch(l -> l.step().equals("3") && l.lock() == LockMode.ACCESS_EXCLUSIVE),
                "the UPDATE does not count the AE lock twice");
    }

    @Test
    void a_down_that_cannot_be_split_is_named_and_the_up_is_not_reported_as_failed() throws Exception {
        Rehearsal r = rehearse("ALTER TABLE orders ADD COLUMN status text;", "DO $$ BEGIN");
        assertFalse(r.ran());
        assertTrue(r.notes().get(0).startsWith("cannot split the down migration down.sql: "), r.notes().toString());
        String text = new io.schemapilot.report.render.RehearsalRenderer().text(r);
        assertTrue(text.contains("up: not run"), text);
        assertFalse(text.contains("FAILED"), text);
    }

    @Test
    void a_failing_up_stops_and_reports_the_postgres_error() throws Exception {
        Rehearsal r = rehearse("""
                ALTER TABLE orders ADD COLUMN status text;
                ALTER TABLE orders ALTER COLUMN note SET NOT NULL;
                """, "ALTER TABLE orders DROP COLUMN status;");
        assertFalse(r.upOk());
        assertNull(r.downOk());
        Rehearsal.StatementRun failed = r.statements().get(r.statements().size() - 1);
        assertFalse(failed.ok());
        assertTrue(failed.error().contains("null values"), failed.error());
        assertEquals("2", failed.step());
    }

    @Test
    void without_a_down_the_rollback_is_reported_untested() throws Exception {
        Rehearsal r = rehearse("CREATE INDEX CONCURRENTLY orders_total_idx ON orders (total);", null);
        assertTrue(r.upOk());
        assertNull(r.schemaRestored());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("rollback was not tested")));
    }
}
