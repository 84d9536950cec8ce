package io.schemapilot.plan;

import static io.schemapilot.plan.PlanDb.exec;
import static io.schemapilot.plan.PlanDb.one;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviour of planned steps on real PostgreSQL beyond the round trip of {@link PlanCorrectnessTest}. */
class PlanDatabaseTest {

    private static void runPhases(Connection c, MigrationPlan plan, PlanRehearser r, int phases) throws Exception {
        for (int i = 0; i < phases; i++) {
            for (MigrationPlan.Step s : plan.phases().get(i).steps()) {
                r.up(c, s);
                assertEquals(List.of(), r.verify(c, s), "verify " + s.id());
            }
        }
    }

    @Test
    void drop_column_down_brings_the_dropped_values_back_even_without_a_catalog() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            String before = one(c, "SELECT string_agg(id || '=' || coalesce(note, 'NULL'), ',' ORDER BY id) FROM orders");
            MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql", "ALTER TABLE orders DROP COLUMN note;"));
            PlanRehearser r = new PlanRehearser();
            runPhases(c, plan, r, plan.phases().size());
            assertEquals("0", one(c, "SELECT count(*) FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                    + "AND attname = 'note' AND NOT attisdropped"));
            List<MigrationPlan.Step> steps = new ArrayList<>(plan.allSteps());
            java.util.Collections.reverse(steps);
            for (MigrationPlan.Step s : steps) {
                r.down(c, s);
            }
            assertEquals(before, one(c, "SELECT string_agg(id || '=' || coalesce(note, 'NULL'), ',' ORDER BY id) "
                    + "FROM orders"));
            assertEquals(null, one(c, "SELECT to_regnamespace('schemapilot_backup')"), "backup schema removed");
        }
    }

    @Test
    void rename_column_keeps_old_and_new_writers_in_sync_during_the_transition() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            CatalogSnapshot cat = new CatalogReader().read(c);
            MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql",
                    "ALTER TABLE users RENAME COLUMN name TO full_name;").withCatalog(cat, "--schema")
                    .withOptions(PlanCorrectnessTest.testOptions()));
            PlanRehearser r = new PlanRehearser();
            runPhases(c, plan, r, 2); // expand + backfill: old and new application versions run side by side
            assertEquals("name 7", one(c, "SELECT full_name FROM users WHERE id = 7"));
            exec(c, "INSERT INTO users (email, name) VALUES ('old@example.com', 'Old Writer')");
            exec(c, "INSERT INTO users (email, full_name) VALUES ('new@example.com', 'New Writer')");
            assertEquals("Old Writer", one(c, "SELECT full_name FROM users WHERE email = 'old@example.com'"));
            assertEquals("New Writer", one(c, "SELECT name FROM users WHERE email = 'new@example.com'"));
            exec(c, "UPDATE users SET full_name = 'Renamed' WHERE id = 3");
            exec(c, "UPDATE users SET name = 'Old Update' WHERE id = 4");
            assertEquals("Renamed", one(c, "SELECT name FROM users WHERE id = 3"));
            assertEquals("Old Update", one(c, "SELECT full_name FROM users WHERE id = 4"));
            for (MigrationPlan.Step s : plan.phases().get(2).steps()) {
                r.up(c, s);
            }
            assertEquals("Renamed", one(c, "SELECT full_name FROM users WHERE id = 3"));
            assertEquals("1", one(c, "SELECT count(*) FROM pg_indexes WHERE tablename = 'users' "
                    + "AND indexdef LIKE '%(full_name)%'"));
        }
    }

    @Test
    void type_change_fills_the_new_column_from_writes_during_the_transition() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            CatalogSnapshot cat = new CatalogReader().read(c);
            MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql",
                    "ALTER TABLE orders ALTER COLUMN qty TYPE bigint;").withCatalog(cat, "--schema")
                    .withOptions(PlanCorrectnessTest.testOptions()));
            PlanRehearser r = new PlanRehearser();
            runPhases(c, plan, r, 2);
            exec(c, "INSERT INTO orders (user_id, qty) VALUES (1, 4)");
            assertEquals("4", one(c, "SELECT qty__new FROM orders WHERE id = (SELECT max(id) FROM orders)"));
            for (MigrationPlan.Step s : plan.phases().get(2).steps()) {
                r.up(c, s);
                assertEquals(List.of(), r.verify(c, s));
            }
            assertEquals("bigint", one(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE "
                    + "attrelid = 'orders'::regclass AND attname = 'qty'"));
            assertEquals("t", one(c, "SELECT attnotnull FROM pg_attribute WHERE attrelid = 'orders'::regclass "
                    + "AND attname = 'qty'"));
            assertEquals("CHECK ((qty > 0))", one(c, "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
                    + "WHERE conname = 'orders_qty_check'"));
            assertEquals("CREATE INDEX orders_qty_idx ON public.orders USING btree (qty)",
                    one(c, "SELECT pg_get_indexdef('orders_qty_idx'::regclass)"));
            assertEquals("1", one(c, "SELECT column_default FROM information_schema.columns "
                    + "WHERE table_name = 'orders' AND column_name = 'qty'"));
        }
    }

    @Test
    void seed_data_satisfies_the_constraints_of_the_new_tables() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            MigrationPlan plan = PlanRenderGoldenTest.plan();
            PlanRehearser r = new PlanRehearser();
            runPhases(c, plan, r, plan.phases().size());
            for (MigrationPlan.SeedData s : plan.seedData()) {
                exec(c, s.sql());
            }
            assertEquals("3", one(c, "SELECT count(*) FROM coupons"));
        }
    }

    @Test
    void rehearsing_a_whole_plan_on_a_shadow_database_reports_a_restored_schema() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql", """
                    ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
                    CREATE INDEX orders_status_idx ON orders (status);
                    ALTER TABLE orders ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();
                    UPDATE orders SET status = 'archived' WHERE status IS NULL;
                    DROP TABLE legacy;
                    """).withCatalog(new CatalogReader().read(c), "--schema")
                    .withOptions(PlanCorrectnessTest.testOptions()));
            Rehearsal rehearsal = new PlanRehearser().rehearse(c, plan);
            assertTrue(rehearsal.upOk(), rehearsal.notes().toString());
            assertEquals(Boolean.TRUE, rehearsal.downOk(), rehearsal.notes().toString());
            assertEquals(List.of(), rehearsal.differences());
            assertEquals(Boolean.TRUE, rehearsal.schemaRestored());
            assertEquals(Boolean.TRUE, rehearsal.reapplyOk(), rehearsal.notes().toString());
            MigrationPlan attached = Planner.withRehearsal(plan, rehearsal);
            assertTrue(attached.checklist().stream().anyMatch(i -> i.item().startsWith("Rollback tested") && i.done()));
        }
    }

    @Test
    void dropped_constraints_come_back_in_the_down_from_the_migration_or_the_catalog() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            // the safe SET NOT NULL pattern (its CHECK is dropped at the end), and a CHECK the catalog knows
            MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql", """
                    ALTER TABLE orders ADD CONSTRAINT orders_status_not_null CHECK (status IS NOT NULL) NOT VALID;
                    ALTER TABLE orders VALIDATE CONSTRAINT orders_status_not_null;
                    ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                    ALTER TABLE orders DROP CONSTRAINT orders_status_not_null;
                    ALTER TABLE orders DROP CONSTRAINT orders_qty_check;
                    """).withCatalog(new CatalogReader().read(c), "--schema")
                    .withOptions(PlanCorrectnessTest.testOptions()));
            List<MigrationPlan.Step> drops = plan.allSteps().stream()
                    .filter(s -> s.up().contains("DROP CONSTRAINT")).toList();
            assertEquals(2, drops.size(), plan.allSteps().toString());
            for (MigrationPlan.Step s : drops) {
                assertTrue(s.reversible() && s.down() != null && s.down().contains("ADD CONSTRAINT"), s.toString());
            }
            assertTrue(drops.get(0).down().contains("VALIDATE CONSTRAINT orders_status_not_null"), drops.get(0).down());
            // catalog-only: NOT VALID adds no scan, and SET NOT NULL after the validated CHECK skips its own
            // (a scan of a table without statistics would be "unknown")
            for (MigrationPlan.Step s : plan.allSteps()) {
                if (s.up().contains("NOT VALID") || s.up().contains("SET NOT NULL")) {
                    assertEquals(Estimates.METADATA_SECONDS, s.estimatedSeconds(), s.toString());
                }
            }
            assertTrue(drops.get(1).down().contains("CHECK ((qty > 0))"), drops.get(1).down());
            assertTrue(plan.checklist().stream().anyMatch(i -> i.item().startsWith("Every step can be undone")
                    && i.done()), plan.checklist().toString());
            assertFalse(plan.deployment().stream().anyMatch(d -> d.contains("..")), plan.deployment().toString());
            exec(c, "UPDATE orders SET status = 'new' WHERE status IS NULL");
            Rehearsal rehearsal = new PlanRehearser().rehearse(c, plan);
            assertTrue(rehearsal.upOk(), rehearsal.notes().toString());
            assertEquals(Boolean.TRUE, rehearsal.downOk(), rehearsal.notes().toString());
            assertEquals(List.of(), rehearsal.differences());
            assertEquals(Boolean.TRUE, rehearsal.schemaRestored());
        }
    }
}
