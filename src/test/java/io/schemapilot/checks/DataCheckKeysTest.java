package io.schemapilot.checks;

import static io.schemapilot.checks.DataCheckRunnerTest.assertCount;
import static io.schemapilot.checks.DataCheckRunnerTest.counting;
import static io.schemapilot.checks.DataCheckRunnerTest.exec;
import static io.schemapilot.checks.DataCheckRunnerTest.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.checks.DataCheckRun.Purpose;
import io.schemapilot.checks.DataCheckRun.Query;
import io.schemapilot.report.DataCheck;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shared statement's two shortcuts, against real PostgreSQL (the embedded 16, and the
 * {@code SCHEMAPILOT_TEST_PG_URL} server when set): a foreign key to an integer key that is a range with few gaps is a
 * condition of the scan, and a lone uniqueness check is split between two branches. Every answer is compared with
 * the query-per-check layout ({@code withOneStatement(false)}) on the same data.
 */
class DataCheckKeysTest {

    private static final String CUSTOMERS_FK = "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
            + "(customer_id) REFERENCES customers (id);";

    @Test
    void a_foreign_key_to_a_gapless_integer_key_is_a_condition_of_the_scan() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                // customers.id: every value from -50 to 449; an integer column referencing a bigint one; NULL keys
                exec(c, """
                        CREATE TABLE customers (id bigint PRIMARY KEY, name text);
                        INSERT INTO customers SELECT g, 'c' || g FROM generate_series(-50, 449) g;
                        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id integer, status text);
                        INSERT INTO orders SELECT g, g % 500 - 50, 'paid' FROM generate_series(1, 5000) g;
                        UPDATE orders SET customer_id = NULL WHERE id % 100 = 0;
                        """);
                List<PlannedCheck> plan = DataCheckPlanner.plan(CUSTOMERS_FK, new CatalogReader().read(c));
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheck fk = run.checks().get(0);
                assertCount(fk, 0, true);
                assertEquals(5000L, fk.result().rows());
                assertTrue(fk.result().note().contains("every key is within public.customers.id -50..449, which has "
                        + "no gaps"), fk.result().note());
                assertEquals("SELECT count(*) FROM \"public\".\"orders\" WHERE \"customer_id\" IS NOT NULL AND "
                        + "(\"customer_id\" < (-50) OR \"customer_id\" > 449)", fk.sql());
                // the key types, the range of customers.id, one scan; no sort, no look-up, no anti-join
                assertEquals(List.of(Purpose.STATISTICS, Purpose.ORPHANS, Purpose.SCAN), purposes(run));
                assertEquals("public.customers", run.queries().get(1).table());
                assertFalse(scanSql(run).contains("DISTINCT"), scanSql(run));

                // orphans below, above and far above the range: counted and sampled in the same one scan
                exec(c, """
                        UPDATE orders SET customer_id = -51 WHERE id IN (1, 2);
                        UPDATE orders SET customer_id = 450 WHERE id = 3;
                        UPDATE orders SET customer_id = 100000 WHERE id = 4;
                        """);
                DataCheckRun failing = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheck orphans = failing.checks().get(0);
                assertCount(orphans, 4, false);
                assertEquals(Set.of(1, 2, 3, 4), values(orphans, "id"));
                assertEquals(Set.of(-51, 450, 100000), values(orphans, "customer_id"));
                assertTrue(orphans.result().note().contains("keys checked against public.customers.id -50..449, which "
                        + "has no gaps: a key outside the range has no row"), orphans.result().note());
                assertEquals(List.of(Purpose.STATISTICS, Purpose.ORPHANS, Purpose.SCAN), purposes(failing));
                assertSameAnswers(c, plan, failing);
            }
        });
    }

    @Test
    void a_key_in_a_gap_of_the_referenced_range_is_an_orphan() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, """
                        CREATE TABLE customers (id integer PRIMARY KEY);
                        INSERT INTO customers SELECT g FROM generate_series(1, 1000) g WHERE g NOT IN (10, 500, 501, 777);
                        CREATE TABLE orders (id integer PRIMARY KEY, customer_id smallint);
                        INSERT INTO orders SELECT row_number() OVER (ORDER BY id), id FROM customers;
                        UPDATE orders SET customer_id = NULL WHERE id % 7 = 0;
                        """);
                List<PlannedCheck> plan = DataCheckPlanner.plan(CUSTOMERS_FK, new CatalogReader().read(c));
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheck fk = run.checks().get(0);
                assertCount(fk, 0, true);
                assertTrue(run.serverVersionNum() >= 140000, "the missing values are listed from PostgreSQL 14 on");
                assertTrue(fk.result().note().contains("every key is within public.customers.id 1..1,000, which lacks 4 "
                        + "values of that range, and none is a missing one"), fk.result().note());
                assertTrue(fk.sql().contains("OR \"customer_id\" = ANY (CAST('{10,500,501,777}' AS bigint[]))"),
                        fk.sql());
                assertEquals(0, run.count("public.orders", Purpose.ORPHANS));

                // keys in the gaps, and one below the range
                exec(c, """
                        UPDATE orders SET customer_id = 500 WHERE id IN (1, 2);
                        UPDATE orders SET customer_id = 777 WHERE id = 3;
                        UPDATE orders SET customer_id = 0 WHERE id = 4;
                        UPDATE orders SET customer_id = 10 WHERE id = 5;
                        """);
                DataCheckRun failing = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheck orphans = failing.checks().get(0);
                assertCount(orphans, 5, false);
                assertEquals(Set.of(1, 2, 3, 4, 5), values(orphans, "id"));
                assertTrue(orphans.result().note().contains("a key outside the range or equal to a missing value has "
                        + "no row"), orphans.result().note());
                assertSameAnswers(c, plan, failing);
            }
        });
    }

    @Test
    void an_empty_referenced_table_makes_every_non_null_key_an_orphan() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, """
                        CREATE TABLE customers (id bigint PRIMARY KEY);
                        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);
                        INSERT INTO orders SELECT g, CASE WHEN g % 2 = 0 THEN g END FROM generate_series(1, 10) g;
                        """);
                List<PlannedCheck> plan = DataCheckPlanner.plan(CUSTOMERS_FK, new CatalogReader().read(c));
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheck orphans = run.checks().get(0);
                assertCount(orphans, 5, false);
                assertTrue(orphans.result().note().contains("public.customers.id holds no values, so no key has its "
                        + "row"), orphans.result().note());
                assertSameAnswers(c, plan, run);
            }
        });
    }

    @Test
    void foreign_keys_to_keys_that_are_no_range_keep_their_usual_path_with_the_same_answers() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                // sparse: 999 of 1,000 values missing; codes: text; loose: no unique index (50 twice, 7 missing, so
                // count(*) alone would say "no gaps"); evens: a partial unique index; amounts: numeric
                exec(c, """
                        CREATE TABLE sparse (id bigint PRIMARY KEY);
                        INSERT INTO sparse SELECT g * 1000 FROM generate_series(1, 100) g;
                        CREATE TABLE codes (code text PRIMARY KEY);
                        INSERT INTO codes SELECT 'c' || g FROM generate_series(1, 100) g;
                        CREATE TABLE loose (id bigint);
                        INSERT INTO loose SELECT g FROM generate_series(1, 100) g WHERE g <> 7;
                        INSERT INTO loose VALUES (50);
                        CREATE INDEX ON loose (id);
                        CREATE TABLE evens (id int);
                        INSERT INTO evens SELECT g FROM generate_series(1, 100) g;
                        CREATE UNIQUE INDEX ON evens (id) WHERE id % 2 = 0;
                        CREATE TABLE amounts (id numeric PRIMARY KEY);
                        INSERT INTO amounts SELECT g FROM generate_series(1, 100) g;
                        CREATE TABLE child (id int PRIMARY KEY, sparse_id bigint, code text, loose_id bigint,
                                            even_id int, amount_id numeric);
                        INSERT INTO child SELECT g, (g % 100 + 1) * 1000, 'c' || (g % 100 + 1),
                                                 CASE WHEN g % 100 + 1 = 7 THEN 8 ELSE g % 100 + 1 END, g % 100 + 1,
                                                 g % 100 + 1
                          FROM generate_series(1, 2000) g;
                        UPDATE child SET sparse_id = 1500, code = 'x', loose_id = 7, even_id = 101, amount_id = 1.5
                         WHERE id IN (1, 2);
                        UPDATE child SET loose_id = 7 WHERE id = 3;
                        UPDATE child SET sparse_id = NULL, code = NULL, loose_id = NULL, even_id = NULL,
                                         amount_id = NULL WHERE id = 4;
                        ANALYZE;
                        """);
                List<PlannedCheck> plan = DataCheckPlanner.plan("""
                        ALTER TABLE child ADD FOREIGN KEY (sparse_id) REFERENCES sparse (id);
                        ALTER TABLE child ADD FOREIGN KEY (code) REFERENCES codes (code);
                        ALTER TABLE child ADD FOREIGN KEY (loose_id) REFERENCES loose (id);
                        ALTER TABLE child ADD FOREIGN KEY (even_id) REFERENCES evens (id);
                        ALTER TABLE child ADD FOREIGN KEY (amount_id) REFERENCES amounts (id);
                        """, new CatalogReader().read(c));
                assertEquals(5, plan.size(), plan.toString());
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                List<Long> counts = run.checks().stream().map(d -> d.result().count()).toList();
                assertEquals(List.of(2L, 2L, 3L, 2L, 2L), counts, run.checks().toString());
                for (DataCheck d : run.checks()) {
                    assertTrue(d.exact(), d.id());
                    assertFalse(d.result().note().contains("checked against"), d.result().note());
                }
                // only sparse.id qualified for a range (an integer key with a unique index): it was read, and it has
                // too many gaps; the others were never read for it
                List<String> ranges = run.queries().stream().filter(q -> q.purpose() == Purpose.ORPHANS
                        && !q.table().equals("public.child")).map(Query::table).toList();
                assertEquals(List.of("public.sparse"), ranges, run.queries().toString());
                assertSameAnswers(c, plan, run);
            }
        });
    }

    @Test
    void a_lone_uniqueness_check_is_split_between_two_halves_by_key_parity() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                // distinct keys, negative and positive (all = 1 mod 3), some NULL
                exec(c, """
                        CREATE TABLE t (id int PRIMARY KEY, k bigint, status text);
                        INSERT INTO t SELECT g, g * 3 - 5000, 'x' FROM generate_series(1, 4000) g;
                        UPDATE t SET k = NULL WHERE id % 500 = 0;
                        """);
                List<PlannedCheck> plan = DataCheckPlanner.plan("""
                        ALTER TABLE t ALTER COLUMN status SET NOT NULL;
                        ALTER TABLE t ADD CONSTRAINT t_k_key UNIQUE (k);
                        """, new CatalogReader().read(c));
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                String sql = scanSql(run);
                assertTrue(sql.contains("WHERE \"k\" % 2 = 0") && sql.contains("WHERE (\"k\" % 2 = 0) IS NOT TRUE"),
                        sql);
                assertTrue(sql.contains("sum(d1)::bigint AS d1"), "the halves add up: " + sql);
                assertEquals(2, countOf(sql, "count(DISTINCT \"k\")"), sql);
                for (DataCheck d : run.checks()) {
                    assertCount(d, 0, true);
                    assertEquals(4000L, d.result().rows(), d.id() + ": both halves' rows");
                }

                // duplicates in both halves (multiples of 3, so no clash with the others): 12 three times, -9 and 15
                // twice; and NULLs for the other check, counted in both halves
                exec(c, """
                        UPDATE t SET k = 12 WHERE id IN (1, 2, 3);
                        UPDATE t SET k = -9 WHERE id IN (4, 5);
                        UPDATE t SET k = 15 WHERE id IN (6, 7);
                        UPDATE t SET status = NULL WHERE id IN (8, 3000);
                        """);
                DataCheckRun failing = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                assertCount(failing.check("nulls-t-status"), 2, false);
                assertEquals(Set.of(8, 3000), values(failing.check("nulls-t-status"), "id"));
                DataCheck dups = failing.check("duplicates-t-k");
                assertCount(dups, 3, false);
                assertTrue(dups.result().note().contains("3 groups of equal keys covering 7 rows"),
                        dups.result().note());
                assertEquals(1, failing.count("public.t", Purpose.DUPLICATES));
                assertSameAnswers(c, plan, failing);
            }
        });
    }

    @Test
    void a_text_key_is_split_by_the_median_of_its_histogram() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, """
                        CREATE TABLE users (id int PRIMARY KEY, email text);
                        INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 3000) g;
                        UPDATE users SET email = NULL WHERE id IN (5, 6);
                        ANALYZE users;
                        """);
                List<PlannedCheck> plan = DataCheckPlanner.plan(
                        "CREATE UNIQUE INDEX users_email_key ON users (email);", new CatalogReader().read(c));
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                String sql = scanSql(run);
                assertTrue(sql.matches("(?s).*WHERE \"email\" < 'user[0-9]+@example\\.com'.*"), sql);
                assertCount(run.checks().get(0), 0, true);

                // duplicates far below and far above the median
                exec(c, """
                        UPDATE users SET email = 'a@example.com' WHERE id IN (1, 2);
                        UPDATE users SET email = 'zz@example.com' WHERE id IN (3, 4, 7);
                        """);
                DataCheckRun failing = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheck dups = failing.checks().get(0);
                assertCount(dups, 2, false);
                assertEquals(Set.of("a@example.com", "zz@example.com"), values(dups, "email"));
                assertSameAnswers(c, plan, failing);
            }
        });
    }

    @Test
    void no_split_for_a_secret_looking_key_nor_without_parallel_workers() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, """
                        CREATE TABLE users (id int PRIMARY KEY, api_token text, n bigint);
                        INSERT INTO users SELECT g, 'tok-' || g, g FROM generate_series(1, 3000) g;
                        ANALYZE users;
                        """);
                // the median of a secret-looking column would be a token in the SQL: not split, never read
                List<String> sent = Collections.synchronizedList(new ArrayList<>());
                DataCheckRun secret = new DataCheckRunner(CheckMode.EXACT).run(counting(c, sent), DataCheckPlanner
                        .plan("CREATE UNIQUE INDEX users_token_key ON users (api_token);", new CatalogReader().read(c)));
                assertCount(secret.checks().get(0), 0, true);
                assertFalse(scanSql(secret).contains("UNION ALL"), scanSql(secret));
                assertFalse(sent.stream().anyMatch(s -> s.contains("histogram_bounds")), sent.toString());

                // no parallel workers: the halves would run one after the other, so one scan
                exec(c, "SET max_parallel_workers_per_gather = 0");
                DataCheckRun serial = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan(
                        "ALTER TABLE users ADD CONSTRAINT users_n_key UNIQUE (n);", new CatalogReader().read(c)));
                assertCount(serial.checks().get(0), 0, true);
                assertFalse(scanSql(serial).contains("% 2"), scanSql(serial));
            }
        });
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** The same counts and samples from the query-per-check layout, on the same data. */
    private static void assertSameAnswers(Connection c, List<PlannedCheck> plan, DataCheckRun one) {
        DataCheckRun each = new DataCheckRunner(DataCheckRunner.Options.of(CheckMode.EXACT).withOneStatement(false))
                .run(c, plan);
        for (PlannedCheck p : plan) {
            DataCheck a = each.check(p.id());
            DataCheck b = one.check(p.id());
            assertEquals(a.result().count(), b.result().count(), p.id());
            assertEquals(a.passed(), b.passed(), p.id());
            assertEquals(Set.copyOf(a.result().sample()), Set.copyOf(b.result().sample()), p.id());
        }
    }

    private static List<Purpose> purposes(DataCheckRun run) {
        return run.queries().stream().map(Query::purpose).toList();
    }

    private static String scanSql(DataCheckRun run) {
        return run.queries().stream().filter(q -> q.purpose() == Purpose.SCAN).map(Query::sql).findFirst()
                .orElseThrow(() -> new AssertionError("no shared statement: " + run.queries()));
    }

    private static long countOf(String s, String part) {
        long n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
