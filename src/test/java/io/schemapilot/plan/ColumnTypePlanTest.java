package io.schemapilot.plan;

import static io.schemapilot.plan.PlanDb.assertRehearsed;
import static io.schemapilot.plan.PlanDb.down;
import static io.schemapilot.plan.PlanDb.exec;
import static io.schemapilot.plan.PlanDb.one;
import static io.schemapilot.plan.PlanDb.plan;
import static io.schemapilot.plan.PlanDb.type;
import static io.schemapilot.plan.PlanDb.up;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogDiff;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The type change of a column outside the primary key ({@code column-type}) on real PostgreSQL: a serial or identity
 * column keeps its sequence across the swap (and back), and the swap's down leaves exactly what the steps before it
 * left, so the swap runs again the same way.
 */
class ColumnTypePlanTest {

    private static String sequenceType(Connection c, String sequence) throws SQLException {
        return one(c, "SELECT format_type(seqtypid, NULL) FROM pg_sequence WHERE seqrelid = '" + sequence
                + "'::regclass");
    }

    /** The catalog differences, without the column order (a column dropped and added back comes last). */
    private static List<String> diff(CatalogSnapshot before, Connection c) {
        return CatalogDiff.diff(before, new CatalogReader().read(c)).stream()
                .map(CatalogDiff.Difference::description).filter(d -> !d.contains("column order changed")).toList();
    }

    /** The plan's own SQL, re-checked: nothing it must not do (moving the sequence included). */
    private static void assertSelfChecked(MigrationPlan plan, Connection c) {
        PlanCheck.Result self = PlanCheck.run(plan, null, new CatalogReader().read(c));
        assertEquals(List.of(), self.violations());
    }

    private static final String SERIAL = """
            CREATE TABLE tickets (id bigint PRIMARY KEY, n serial, title text);
            CREATE INDEX tickets_n_idx ON tickets (n);
            INSERT INTO tickets (id, title) SELECT g, 't' || g FROM generate_series(1, 25) g;
            ANALYZE;
            """;

    @Test
    void a_serial_column_outside_the_key_keeps_its_sequence_which_widens_and_comes_back() throws Exception {
        String sql = "ALTER TABLE tickets ALTER COLUMN n TYPE bigint;";
        try (TestDatabases.TestDb db = TestDatabases.withSchema(SERIAL); Connection c = db.connect()) {
            CatalogSnapshot before = new CatalogReader().read(c);
            MigrationPlan plan = plan(c, sql);
            assertEquals("column-type", plan.changes().get(0).recipe());
            assertSelfChecked(plan, c);
            PlanRehearser r = new PlanRehearser();
            int id = 100;
            for (MigrationPlan.Phase p : plan.phases()) {
                up(c, r, p.steps());
                exec(c, "INSERT INTO tickets (id, title) VALUES (" + id++ + ", 'during " + p.name() + "')");
            }
            assertEquals("bigint", type(c, "tickets", "n"));
            assertEquals(null, type(c, "tickets", "n__new"));
            assertEquals("bigint", sequenceType(c, "tickets_n_seq"), "the sequence follows the column's type");
            assertEquals("public.tickets_n_seq", one(c, "SELECT pg_get_serial_sequence('tickets', 'n')"),
                    "owned by the new column (dropping the old one kept it)");
            assertEquals("nextval('tickets_n_seq'::regclass)", one(c, "SELECT column_default FROM "
                    + "information_schema.columns WHERE table_name = 'tickets' AND column_name = 'n'"));
            assertEquals("YES", one(c, "SELECT CASE WHEN is_nullable = 'NO' THEN 'YES' END FROM "
                    + "information_schema.columns WHERE table_name = 'tickets' AND column_name = 'n'"), "NOT NULL");
            assertEquals("28", one(c, "SELECT max(n) FROM tickets"), "25 rows, one per phase after them");
            assertEquals("29", one(c, "INSERT INTO tickets (id) VALUES (200) RETURNING n"));
            exec(c, "SELECT setval('tickets_n_seq', 5000000000)");
            assertEquals("5000000001", one(c, "INSERT INTO tickets (id) VALUES (201) RETURNING n"));
            exec(c, "DELETE FROM tickets WHERE id = 201");
            exec(c, "SELECT setval('tickets_n_seq', 29)");

            // the downs: integer again, the sequence integer and owned by n, its position kept
            down(c, r, plan.allSteps());
            assertEquals(List.of(), diff(before, c));
            assertEquals("integer", type(c, "tickets", "n"));
            assertEquals("integer", sequenceType(c, "tickets_n_seq"));
            assertEquals("public.tickets_n_seq", one(c, "SELECT pg_get_serial_sequence('tickets', 'n')"));
            assertEquals("29", one(c, "SELECT n FROM tickets WHERE id = 200"));
            assertEquals("30", one(c, "INSERT INTO tickets (id) VALUES (202) RETURNING n"));
        }
        try (TestDatabases.TestDb db = TestDatabases.withSchema(SERIAL); Connection c = db.connect()) {
            assertRehearsed(c, plan(c, sql));
        }
    }

    private static final String IDENTITY = """
            CREATE TABLE events (
              id bigint PRIMARY KEY,
              seq integer GENERATED ALWAYS AS IDENTITY (START WITH 10),
              other smallint GENERATED BY DEFAULT AS IDENTITY,
              what text
            );
            INSERT INTO events (id, what) SELECT g, 'e' || g FROM generate_series(1, 20) g;
            ANALYZE;
            """;

    @Test
    void identity_columns_outside_the_key_keep_their_identity_and_position() throws Exception {
        String sql = "ALTER TABLE events ALTER COLUMN seq TYPE bigint;\nALTER TABLE events ALTER COLUMN other TYPE "
                + "integer;";
        try (TestDatabases.TestDb db = TestDatabases.withSchema(IDENTITY); Connection c = db.connect()) {
            CatalogSnapshot before = new CatalogReader().read(c);
            MigrationPlan plan = plan(c, sql);
            assertEquals(List.of("column-type", "column-type"),
                    plan.changes().stream().map(MigrationPlan.ChangeItem::recipe).toList());
            assertSelfChecked(plan, c);
            assertTrue(plan.notes().stream().anyMatch(n -> n.startsWith("The identity of public.events.seq is added "
                    + "again on the new column at the same position")), plan.notes()::toString);
            PlanRehearser r = new PlanRehearser();
            int id = 100;
            for (MigrationPlan.Phase p : plan.phases()) {
                up(c, r, p.steps());
                exec(c, "INSERT INTO events (id, what) VALUES (" + id++ + ", 'during " + p.name() + "')");
            }
            assertEquals("bigint", type(c, "events", "seq"));
            assertEquals("integer", type(c, "events", "other"));
            assertEquals("a", one(c, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'events'::regclass "
                    + "AND attname = 'seq'"), "still GENERATED ALWAYS");
            assertEquals("d", one(c, "SELECT attidentity FROM pg_attribute WHERE attrelid = 'events'::regclass "
                    + "AND attname = 'other'"), "still GENERATED BY DEFAULT");
            assertEquals("public.events_seq_seq", one(c, "SELECT pg_get_serial_sequence('events', 'seq')"));
            assertEquals("bigint", sequenceType(c, "events_seq_seq"));
            assertEquals("integer", sequenceType(c, "events_other_seq"));
            int phases = plan.phases().size();
            assertEquals(String.valueOf(10 + 20 + phases - 1), one(c, "SELECT max(seq) FROM events"));
            assertEquals(String.valueOf(20 + phases), one(c, "SELECT max(other) FROM events"));
            assertEquals(String.valueOf(10 + 20 + phases), one(c, "INSERT INTO events (id) VALUES (200) RETURNING "
                    + "seq"), "the identity goes on where it was");
            assertEquals(String.valueOf(20 + phases + 1), one(c, "SELECT other FROM events WHERE id = 200"));
            exec(c, "INSERT INTO events (id, seq) OVERRIDING SYSTEM VALUE VALUES (201, 5000000000)");
            exec(c, "DELETE FROM events WHERE id = 201");

            down(c, r, plan.allSteps());
            assertEquals(List.of(), diff(before, c));
            assertEquals("integer", type(c, "events", "seq"));
            assertEquals("smallint", type(c, "events", "other"));
            assertEquals("integer", sequenceType(c, "events_seq_seq"));
            assertEquals("smallint", sequenceType(c, "events_other_seq"));
            assertEquals(String.valueOf(10 + 20 + phases), one(c, "SELECT seq FROM events WHERE id = 200"));
            assertEquals(String.valueOf(10 + 20 + phases + 1), one(c, "INSERT INTO events (id) VALUES (202) "
                    + "RETURNING seq"), "the position survives the way back too");
        }
        try (TestDatabases.TestDb db = TestDatabases.withSchema(IDENTITY); Connection c = db.connect()) {
            assertRehearsed(c, plan(c, sql));
        }
    }

    private static final String AMOUNTS = """
            CREATE TABLE payments (
              id bigint PRIMARY KEY,
              amount integer NOT NULL DEFAULT 0,
              CONSTRAINT payments_amount_check CHECK (amount >= 0)
            );
            CREATE INDEX payments_amount_idx ON payments (amount);
            INSERT INTO payments SELECT g, g * 10 FROM generate_series(1, 30) g;
            ANALYZE;
            """;

    @Test
    void the_swap_down_brings_back_the_not_null_proof_so_the_swap_runs_again_the_same_way() throws Exception {
        String sql = "ALTER TABLE payments ALTER COLUMN amount TYPE numeric(12,2);";
        try (TestDatabases.TestDb db = TestDatabases.withSchema(AMOUNTS); Connection c = db.connect()) {
            MigrationPlan plan = plan(c, sql);
            assertEquals("column-type", plan.changes().get(0).recipe());
            PlanRehearser r = new PlanRehearser();
            up(c, r, plan.phases().get(0).steps());
            up(c, r, plan.phases().get(1).steps());
            CatalogSnapshot beforeContract = new CatalogReader().read(c);
            String check = one(c, "SELECT pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE "
                    + "' (not valid)' END FROM pg_constraint WHERE conname = 'payments_amount__new_nn_check'");
            assertEquals("CHECK ((amount__new IS NOT NULL))", check);

            List<MigrationPlan.Step> contract = plan.phases().get(2).steps();
            up(c, r, contract);
            exec(c, "INSERT INTO payments (id, amount) VALUES (100, 12.5)");
            down(c, r, contract);
            assertEquals(List.of(), diff(beforeContract, c), "the contract's downs leave what the backfill left");
            assertEquals(check, one(c, "SELECT pg_get_constraintdef(oid) || CASE WHEN convalidated THEN '' ELSE "
                    + "' (not valid)' END FROM pg_constraint WHERE conname = 'payments_amount__new_nn_check'"));
            assertEquals("12.50", one(c, "SELECT amount__new FROM payments WHERE id = 100"));

            // the swap again: same result as the first time
            up(c, r, contract);
            assertEquals("numeric(12,2)", type(c, "payments", "amount"));
            assertEquals(null, one(c, "SELECT conname FROM pg_constraint WHERE conname LIKE '%nn_check'"));
            assertEquals("YES", one(c, "SELECT CASE WHEN is_nullable = 'NO' THEN 'YES' END FROM "
                    + "information_schema.columns WHERE table_name = 'payments' AND column_name = 'amount'"));
        }
        try (TestDatabases.TestDb db = TestDatabases.withSchema(AMOUNTS); Connection c = db.connect()) {
            assertRehearsed(c, plan(c, sql));
        }
    }
}
