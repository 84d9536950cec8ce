package io.schemapilot.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.checks.DataCheckRun.Purpose;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import io.schemapilot.report.Json;
import io.schemapilot.testing.TestDatabases;
import io.schemapilot.testing.TestDatabases.TestDb;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The data checks against real PostgreSQL: the embedded server (16), and the {@code SCHEMAPILOT_TEST_PG_URL} server
 * (15 on the build machines, which has no {@code pg_input_is_valid}) when it is set. Known data, exact answers.
 */
class DataCheckRunnerTest {

    /** 200 users (2 duplicate e-mail groups, 2 NULL e-mails), 1000 orders with known faults, a sessions table. */
    static final String DATA = """
            CREATE TYPE order_status AS ENUM ('new', 'pending', 'paid', 'shipped');
            CREATE TABLE users (id bigint PRIMARY KEY, email text, api_token text, password_hash text);
            INSERT INTO users SELECT g, 'user' || g || '@example.com', 'tok-' || g, 'hash-' || g
              FROM generate_series(1, 200) g;
            UPDATE users SET email = 'user10@example.com' WHERE id IN (11, 12);
            UPDATE users SET email = 'user20@example.com' WHERE id = 21;
            UPDATE users SET email = NULL WHERE id IN (30, 31);
            UPDATE users SET api_token = 'tok-dup' WHERE id IN (40, 41);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, status order_status, amount text,
                                 total numeric, legacy text, code varchar(20));
            INSERT INTO orders
            SELECT g, (g % 200) + 1, 'paid', (g * 3)::text, g, CASE WHEN g % 10 = 0 THEN 'old-' || g END, 'c' || g
              FROM generate_series(1, 1000) g;
            UPDATE orders SET status = NULL WHERE id IN (5, 50, 500);
            UPDATE orders SET user_id = 9001 WHERE id IN (7, 8);
            UPDATE orders SET user_id = 9002 WHERE id = 9;
            UPDATE orders SET user_id = 9003 WHERE id = 13;
            UPDATE orders SET user_id = NULL WHERE id IN (11, 12);
            UPDATE orders SET status = 'pending' WHERE id BETWEEN 100 AND 104;
            UPDATE orders SET amount = 'abc' WHERE id = 21;
            UPDATE orders SET amount = '12.5x' WHERE id = 22;
            UPDATE orders SET amount = '' WHERE id = 23;
            UPDATE orders SET amount = '99999999999' WHERE id = 24;
            UPDATE orders SET amount = NULL WHERE id = 25;
            UPDATE orders SET total = 0 WHERE id = 31;
            UPDATE orders SET total = -5 WHERE id = 32;
            UPDATE orders SET total = NULL WHERE id = 33;
            CREATE TABLE sessions (token text PRIMARY KEY, user_id bigint, note text);
            INSERT INTO sessions SELECT 'secret-token-' || g, g, CASE WHEN g IN (3, 4) THEN NULL ELSE 'n' END
              FROM generate_series(1, 10) g;
            """;

    static final String MIGRATION = """
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
            ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id);
            ALTER TABLE orders ALTER COLUMN amount TYPE integer USING amount::integer;
            ALTER TABLE orders ADD CONSTRAINT positive_total CHECK (total > 0);
            ALTER TYPE order_status RENAME VALUE 'pending' TO 'awaiting';
            ALTER TABLE orders DROP COLUMN legacy;
            """;

    @Test
    void exact_counts_and_samples_for_every_kind() throws Exception {
        List<Integer> versions = Collections.synchronizedList(new ArrayList<>());
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, DATA);
                CatalogSnapshot catalog = new CatalogReader().read(c);
                List<PlannedCheck> plan = DataCheckPlanner.plan(MIGRATION, catalog);
                assertEquals(List.of("nulls-orders-status", "duplicates-users-email", "orphans-orders-user_id",
                        "cast-orders-amount", "check-orders-positive_total", "enum-orders-status",
                        "data-loss-orders-legacy"), plan.stream().map(PlannedCheck::id).toList());

                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                versions.add(run.serverVersionNum());

                DataCheck nulls = run.check("nulls-orders-status");
                assertCount(nulls, 3, false);
                assertEquals(Set.of(5, 50, 500), values(nulls, "id"));
                assertEquals("public.orders.status", nulls.object());
                assertEquals(1, nulls.statement());
                assertEquals(1000L, nulls.result().rows());

                DataCheck dups = run.check("duplicates-users-email");
                assertCount(dups, 2, false);
                assertEquals(List.of(Map.of("email", "user10@example.com", "rows", 3),
                        Map.of("email", "user20@example.com", "rows", 2)), dups.result().sample());
                assertTrue(dups.result().note().contains("covering 5 rows"), dups.result().note());

                DataCheck orphans = run.check("orphans-orders-user_id");
                assertCount(orphans, 4, false);
                assertEquals(Set.of(7, 8, 9, 13), values(orphans, "id"));
                assertEquals(Set.of(9001, 9002, 9003), values(orphans, "user_id"));

                DataCheck cast = run.check("cast-orders-amount");
                assertCount(cast, 4, false);
                assertEquals(Set.of(21, 22, 23, 24), values(cast, "id"));
                assertEquals(Set.of("abc", "12.5x", "", "99999999999"), values(cast, "amount"));
                if (run.serverVersionNum() >= 160000) {
                    assertTrue(cast.sql().contains("pg_input_is_valid"), cast.sql());
                } else {
                    assertTrue(cast.result().note().contains("before 16"), cast.result().note());
                }

                DataCheck check = run.check("check-orders-positive_total");
                assertCount(check, 2, false);
                assertEquals(Set.of(31, 32), values(check, "id"));

                DataCheck label = run.check("enum-orders-status");
                assertCount(label, 5, false);
                assertEquals(Set.of(100, 101, 102, 103, 104), values(label, "id"));

                DataCheck loss = run.check("data-loss-orders-legacy");
                assertCount(loss, 100, false);
                assertTrue(loss.result().sample().isEmpty());

                // a passing check: same shape, passed, count 0, no sample
                DataCheckRun clean = new DataCheckRunner(CheckMode.EXACT).run(c,
                        DataCheckPlanner.plan("ALTER TABLE orders ALTER COLUMN code SET NOT NULL;", catalog));
                assertCount(clean.checks().get(0), 0, true);
                assertTrue(clean.checks().get(0).result().sample().isEmpty());
                assertTrue(c.getAutoCommit(), "the connection's auto-commit is restored");
            }
        });
        // both code paths ran when a second server was given (PostgreSQL 15 there: the probes without pg_input_is_valid)
        assertEquals(TestDatabases.external().isPresent() ? 2 : 1, versions.size(), versions.toString());
    }

    @Test
    void a_table_locked_by_another_session_falls_back_to_the_estimate() throws Exception {
        try (TestDb db = TestDatabases.fresh(); Connection c = db.connect(); Connection other = db.connect()) {
            exec(c, DATA + "ANALYZE;");
            CatalogSnapshot catalog = new CatalogReader().read(c);
            other.setAutoCommit(false);
            exec(other, "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            try {
                long t0 = System.nanoTime();
                DataCheckRun run = new DataCheckRunner(DataCheckRunner.Options.of(CheckMode.EXACT)
                        .withLockTimeout(Duration.ofMillis(200))).run(c,
                        DataCheckPlanner.plan("ALTER TABLE orders ALTER COLUMN status SET NOT NULL;", catalog));
                assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "no long wait behind the lock");
                DataCheck d = run.checks().get(0);
                assertNull(d.error(), d.error());
                assertFalse(d.exact());
                assertEquals(3, d.result().count());
                assertTrue(d.result().note().contains("public.orders is locked by another session (lock_timeout "
                        + "200 ms), so this is an estimate"), d.result().note());
            } finally {
                other.rollback();
            }
        }
    }

    @Test
    void checks_on_one_table_share_one_statement() throws Exception {
        try (TestDb db = TestDatabases.fresh(); Connection raw = db.connect()) {
            exec(raw, DATA + "ANALYZE;");
            CatalogSnapshot catalog = new CatalogReader().read(raw);
            List<String> sent = Collections.synchronizedList(new ArrayList<>());
            Connection counting = counting(raw, sent);

            DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(counting,
                    DataCheckPlanner.plan(MIGRATION, catalog));

            // the runner's own account: nulls, orphans, cast, check, enum and data-loss on orders in ONE statement
            // (users.id holds 1..200 without gaps, so the foreign key is a condition of that scan, with its orphan rows
            // counted and sampled there), the uniqueness check on users in one; it found something, so it gets a
            // query of its own for the count of groups and the sample
            assertEquals(1, run.count("public.orders", Purpose.SCAN));
            assertEquals(6, run.queries().stream().filter(q -> q.purpose() == Purpose.SCAN
                    && q.table().equals("public.orders")).findFirst().orElseThrow().checks());
            assertEquals(1, run.count("public.users", Purpose.SCAN));
            assertEquals(0, run.count("public.orders", Purpose.ORPHANS));
            assertEquals(1, run.count("public.users", Purpose.ORPHANS), "the range of users.id");
            assertEquals(1, run.count("public.users", Purpose.DUPLICATES));
            assertEquals(1, run.count("public.orders", Purpose.STATISTICS), "the key types");
            assertEquals(1, run.count("public.users", Purpose.STATISTICS), "the key type and median of email");
            assertEquals(6, run.queries().size(), run.queries().toString());
            assertCount(run.check("orphans-orders-user_id"), 4, false);
            assertEquals(Set.of(7, 8, 9, 13), values(run.check("orphans-orders-user_id"), "id"));
            assertTrue(run.check("orphans-orders-user_id").result().note().contains("keys checked against "
                    + "public.users.id 1..200, which has no gaps"), run.check("orphans-orders-user_id").result().note());
            assertCount(run.check("duplicates-users-email"), 2, false);

            // and what really went over the wire: four data queries, one of them reading orders with FILTERs
            List<String> data = sent.stream().filter(s -> s.contains("count(") && !s.contains("pg_stats")).toList();
            assertEquals(4, data.size(), data.toString());
            String orders = data.stream().filter(s -> s.contains("FROM \"public\".\"orders\"")
                    && s.contains("FILTER") && s.contains("sp_total")).findFirst().orElseThrow();
            assertEquals(6, countOf(orders, "count(*) FILTER"), orders); // the 5 row checks and the foreign key
            assertTrue(orders.contains("count(*) FILTER (WHERE \"user_id\" IS NOT NULL AND (\"user_id\" < 1 OR "
                    + "\"user_id\" > 200))"), orders);
            assertFalse(orders.contains("array_agg"), orders);
            // the range and the rows are read in one snapshot
            assertTrue(sent.stream().anyMatch(s -> s.startsWith("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, "
                    + "READ ONLY")), sent.toString());
            assertTrue(data.stream().anyMatch(s -> s.contains("count(DISTINCT \"email\")")), data.toString());
            // the checks' transactions sort in memory, without JIT
            assertTrue(sent.stream().anyMatch(s -> s.contains("SET LOCAL work_mem = '512MB'; SET LOCAL jit = off")),
                    sent.toString());
            // nothing is fetched row by row: every data query is an aggregate answering in one row
            for (String s : data) {
                assertTrue(s.contains("count("), s);
            }
            for (String s : sent) {
                assertFalse(s.strip().matches("(?is)^(insert|update|delete|drop|alter|create|truncate|grant)\\b.*"), s);
            }
        }
    }

    @Test
    void passing_uniqueness_and_foreign_key_checks_need_one_statement_on_two_scans() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                // customers.id has far too many gaps for a range check: the foreign key sorts its distinct keys
                exec(c, """
                        CREATE TABLE customers (id bigint PRIMARY KEY);
                        INSERT INTO customers SELECT g * 1000 FROM generate_series(1, 500) g;
                        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint, order_no bigint, region text,
                                             seq int, status text);
                        INSERT INTO orders SELECT g, (g % 500 + 1) * 1000, g * 7, 'r' || (g % 3), g, 'paid'
                          FROM generate_series(1, 20000) g;
                        UPDATE orders SET customer_id = NULL, order_no = NULL, region = NULL WHERE id % 1000 = 0;
                        ANALYZE;
                        """);
                CatalogSnapshot catalog = new CatalogReader().read(c);
                String migration = """
                        ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                        ALTER TABLE orders ADD CONSTRAINT orders_order_no_key UNIQUE (order_no);
                        ALTER TABLE orders ADD CONSTRAINT orders_region_seq_key UNIQUE (region, seq);
                        ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id)
                            REFERENCES customers (id);
                        """;
                List<PlannedCheck> plan = DataCheckPlanner.plan(migration, catalog);
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                // the key types, the range of customers.id (too many gaps), n_distinct of customer_id, the statement
                assertEquals(List.of(Purpose.STATISTICS, Purpose.ORPHANS, Purpose.STATISTICS, Purpose.SCAN),
                        run.queries().stream().map(DataCheckRun.Query::purpose).toList(), run.queries().toString());
                assertEquals("public.customers", run.queries().get(1).table());
                String sql = run.queries().get(3).sql();
                assertTrue(sql.contains("UNION ALL"), "two branches, side by side: " + sql);
                assertEquals(2, countOf(sql, "count(DISTINCT"), sql);
                assertTrue(sql.contains("count(DISTINCT ROW(\"region\", \"seq\"))"), sql);
                for (DataCheck d : run.checks()) {
                    assertCount(d, 0, true);
                    assertEquals(20000L, d.result().rows(), d.id());
                    assertTrue(d.result().note().contains("counted in one statement over public.orders with 3 other "
                            + "checks"), d.result().note());
                }
                assertTrue(run.check("duplicates-orders-order_no").sql().startsWith("SELECT count(*) - count(DISTINCT "
                        + "\"order_no\")"), run.check("duplicates-orders-order_no").sql());

                // the same checks failing: the counts and samples are those of the query-per-check layout
                exec(c, """
                        UPDATE orders SET status = NULL WHERE id IN (3, 4);
                        UPDATE orders SET order_no = 70 WHERE id IN (11, 12);
                        UPDATE orders SET seq = 5, region = 'r2' WHERE id = 6;
                        UPDATE orders SET region = NULL, seq = 5 WHERE id = 7;
                        UPDATE orders SET customer_id = 9000 + id WHERE id IN (21, 22);
                        UPDATE orders SET customer_id = 9021 WHERE id = 23;
                        """);
                DataCheckRun one = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                DataCheckRun each = new DataCheckRunner(DataCheckRunner.Options.of(CheckMode.EXACT)
                        .withOneStatement(false)).run(c, plan);
                assertEquals(0, each.count("public.orders", Purpose.STATISTICS));
                assertCount(one.check("nulls-orders-status"), 2, false);
                assertCount(one.check("duplicates-orders-order_no"), 1, false);
                assertCount(one.check("duplicates-orders-region-seq"), 1, false);
                assertCount(one.check("orphans-orders-customer_id"), 3, false);
                for (PlannedCheck p : plan) {
                    assertEquals(each.check(p.id()).result().count(), one.check(p.id()).result().count(), p.id());
                    assertEquals(Set.copyOf(each.check(p.id()).result().sample()),
                            Set.copyOf(one.check(p.id()).result().sample()), p.id());
                }
                DataCheck orphans = one.check("orphans-orders-customer_id");
                assertEquals(Set.of(21, 22, 23), values(orphans, "id"));
                assertEquals(1, one.count("public.orders", Purpose.ORPHANS));
                // its rows counted by the two keys without a row, found by the shared statement (PostgreSQL 14+)
                assertTrue(orphans.sql().contains("\"customer_id\" = ANY (CAST('{\"9021\",\"9022\"}' AS bigint[]))")
                        || orphans.sql().contains("\"customer_id\" = ANY (CAST('{\"9022\",\"9021\"}' AS bigint[]))"),
                        orphans.sql());
                assertTrue(orphans.result().note().contains("2 keys of customer_id without a row in public.customers"),
                        orphans.result().note());
                assertEquals(2, one.count("public.orders", Purpose.DUPLICATES));
            }
        });
    }

    @Test
    void a_foreign_key_column_with_many_distinct_keys_keeps_its_anti_join() throws Exception {
        try (TestDb db = TestDatabases.fresh(); Connection c = db.connect()) {
            exec(c, """
                    CREATE TABLE parent (id bigint PRIMARY KEY);
                    INSERT INTO parent SELECT g * 100000 FROM generate_series(1, 10) g;
                    CREATE TABLE child (id bigint, parent_id bigint, other_id bigint);
                    INSERT INTO child SELECT g, (g % 10 + 1) * 100000, g FROM generate_series(1, 1000) g;
                    """); // never analysed: no n_distinct, so the runner cannot tell how many keys there are (and
                          // parent.id is no range: 899,990 values of it are missing)
            CatalogSnapshot catalog = new CatalogReader().read(c);
            DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan(
                    "ALTER TABLE child ADD CONSTRAINT child_fk FOREIGN KEY (parent_id) REFERENCES parent (id);",
                    catalog));
            assertCount(run.checks().get(0), 0, true);
            assertEquals(1, run.count("public.child", Purpose.ORPHANS), run.queries().toString());
            assertEquals(0, run.count("public.child", Purpose.SCAN));
        }
    }

    @Test
    void orphan_keys_with_quotes_and_backslashes_are_counted_exactly() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, """
                        CREATE TABLE codes (code text PRIMARY KEY);
                        INSERT INTO codes SELECT 'c' || g FROM generate_series(1, 50) g;
                        CREATE TABLE items (id int PRIMARY KEY, code text);
                        INSERT INTO items SELECT g, 'c' || (g % 50 + 1) FROM generate_series(1, 3000) g;
                        UPDATE items SET code = 'a"b' WHERE id IN (1, 2);
                        UPDATE items SET code = E'c\\\\d' WHERE id = 3;
                        UPDATE items SET code = 'e''f}{,' WHERE id = 4;
                        UPDATE items SET code = NULL WHERE id = 5;
                        ANALYZE;
                        """);
                CatalogSnapshot catalog = new CatalogReader().read(c);
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan(
                        "ALTER TABLE items ADD CONSTRAINT items_code_fk FOREIGN KEY (code) REFERENCES codes (code);",
                        catalog));
                DataCheck d = run.checks().get(0);
                assertCount(d, 4, false);
                assertEquals(Set.of(1, 2, 3, 4), values(d, "id"));
                assertEquals(Set.of("a\"b", "c\\d", "e'f}{,"), values(d, "code"));
                assertTrue(d.sql().contains("AS text[]"), d.sql());
                // the key types (text: no range check), n_distinct of code, the statement, the rows of the 3 keys
                assertEquals(List.of(Purpose.STATISTICS, Purpose.STATISTICS, Purpose.SCAN, Purpose.ORPHANS),
                        run.queries().stream().map(DataCheckRun.Query::purpose).toList());
            }
        });
    }

    @Test
    void work_mem_must_be_a_size() {
        assertThrows(IllegalArgumentException.class, () -> DataCheckRunner.Options.of(CheckMode.EXACT)
                .withWorkMem("1GB'; DROP TABLE x; --"));
        assertEquals("64MB", DataCheckRunner.Options.of(CheckMode.EXACT).withWorkMem("64MB").workMem());
        assertNull(DataCheckRunner.Options.of(CheckMode.EXACT).withWorkMem(null).workMem());
    }

    @Test
    void estimate_mode_reads_pg_stats_in_milliseconds() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, DATA + "ANALYZE;");
                CatalogSnapshot catalog = new CatalogReader().read(c);
                DataCheckRun run = new DataCheckRunner(CheckMode.ESTIMATE).run(c,
                        DataCheckPlanner.plan(MIGRATION, catalog));

                assertTrue(run.took().toMillis() < 1000, "estimate took " + run.took());
                assertTrue(run.queries().stream().allMatch(q -> q.purpose() == Purpose.STATISTICS));
                assertEquals(2, run.queries().size(), "one statistics query per table");

                DataCheck nulls = run.check("nulls-orders-status");
                assertEquals(3, nulls.result().count());
                assertFalse(nulls.exact());
                assertFalse(nulls.passed());
                assertTrue(nulls.result().note().contains("estimated from pg_stats"), nulls.result().note());
                assertTrue(nulls.sql().contains("pg_stats"));
                assertEquals(100, run.check("data-loss-orders-legacy").result().count());
                assertEquals(5, run.check("enum-orders-status").result().count());
                assertEquals(3, run.check("duplicates-users-email").result().count(), "rows beyond the first");

                DataCheck orphans = run.check("orphans-orders-user_id");
                assertEquals(-1, orphans.result().count());
                assertNotNull(orphans.error());
                assertTrue(orphans.error().contains("no estimate"), orphans.error());
            }
        });
    }

    @Test
    void exact_mode_past_its_budget_falls_back_to_the_estimate_and_sample_mode_states_its_size() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, """
                        CREATE TABLE big AS
                        SELECT g AS id, CASE WHEN g % 1000 = 0 THEN NULL ELSE g END AS v
                          FROM generate_series(1, 2000000) g;
                        ANALYZE big;
                        """);
                CatalogSnapshot catalog = new CatalogReader().read(c);
                List<PlannedCheck> plan = DataCheckPlanner.plan("ALTER TABLE big ALTER COLUMN v SET NOT NULL;",
                        catalog);

                DataCheckRun tight = new DataCheckRunner(DataCheckRunner.Options.of(CheckMode.EXACT)
                        .withBudget(Duration.ofMillis(1))).run(c, plan);
                DataCheck fallback = tight.checks().get(0);
                assertFalse(fallback.exact());
                assertNull(fallback.error());
                assertTrue(fallback.result().note().contains("exceeded the budget of 1 ms"),
                        fallback.result().note());
                assertTrue(fallback.result().note().contains("estimate"), fallback.result().note());
                assertTrue(fallback.result().count() > 1000 && fallback.result().count() < 3000,
                        "about 2000 NULLs: " + fallback.result().count());
                assertNotNull(tight.queries().get(0).error(), "the timed-out query is on record");

                DataCheckRun sampled = new DataCheckRunner(DataCheckRunner.Options.of(CheckMode.SAMPLE)
                        .withSample(20_000, DataCheckRunner.SampleMethod.SYSTEM)).run(c, plan);
                DataCheck s = sampled.checks().get(0);
                assertFalse(s.exact());
                assertTrue(s.sql().contains("TABLESAMPLE SYSTEM (1) REPEATABLE"), s.sql());
                assertTrue(s.result().note().contains("rows sampled"), s.result().note());
                assertTrue(s.result().rows() > 5_000 && s.result().rows() < 60_000, "sampled " + s.result().rows());
                assertTrue(s.result().count() > 500 && s.result().count() < 6000, "scaled " + s.result().count());

                DataCheckRun whole = new DataCheckRunner(CheckMode.EXACT).run(c, plan);
                assertCount(whole.checks().get(0), 2000, false);
            }
        });
    }

    @Test
    void a_target_that_disappears_mid_check_gives_a_clear_error_not_a_hang() throws Exception {
        try (TestDb db = TestDatabases.fresh(); Connection c = db.connect(); Connection admin = db.connect()) {
            exec(c, DATA + """
                    CREATE TABLE slow (id int PRIMARY KEY, v int);
                    INSERT INTO slow SELECT g, g FROM generate_series(1, 100) g;
                    """);
            CatalogSnapshot catalog = new CatalogReader().read(c);
            List<PlannedCheck> plan = DataCheckPlanner.plan("""
                    ALTER TABLE slow ADD CONSTRAINT slow_check CHECK (pg_sleep(0.1) IS NOT NULL AND v >= 0);
                    ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                    """, catalog);
            int pid = pid(c);
            CompletableFuture<DataCheckRun> running = CompletableFuture.supplyAsync(
                    () -> new DataCheckRunner(CheckMode.EXACT).run(c, plan));
            waitUntilActive(admin, pid, "pg_sleep");
            long t0 = System.nanoTime();
            exec(admin, "SELECT pg_terminate_backend(" + pid + ")");
            DataCheckRun run = running.get(30, TimeUnit.SECONDS);
            long afterKill = (System.nanoTime() - t0) / 1_000_000;

            assertTrue(afterKill < 5000, "returned " + afterKill + " ms after the backend was terminated");
            for (DataCheck d : run.checks()) {
                assertFalse(d.passed());
                assertEquals(-1, d.result().count());
                assertNotNull(d.error(), d.id());
                assertTrue(d.error().contains("connection was lost"), d.error());
            }
            assertEquals(1, run.queries().size(), "no query is tried after the connection is gone");
        }
    }

    @Test
    void secret_looking_columns_never_appear_in_samples() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, DATA);
                CatalogSnapshot catalog = new CatalogReader().read(c);
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan("""
                        CREATE UNIQUE INDEX users_token_key ON users (api_token);
                        ALTER TABLE users ADD CONSTRAINT users_hash_key UNIQUE (password_hash);
                        ALTER TABLE sessions ALTER COLUMN note SET NOT NULL;
                        ALTER TABLE users ALTER COLUMN api_token TYPE int USING api_token::int;
                        """, catalog));

                DataCheck token = run.check("duplicates-users-api_token");
                assertCount(token, 1, false);
                assertTrue(token.result().sample().isEmpty());
                assertTrue(token.result().note().contains("withheld"), token.result().note());
                assertCount(run.check("duplicates-users-password_hash"), 0, true);

                DataCheck note = run.check("nulls-sessions-note");
                assertCount(note, 2, false);
                for (Map<String, Object> row : note.result().sample()) {
                    assertEquals(Set.of("ctid"), row.keySet(), "the primary key 'token' looks secret");
                }
                DataCheck cast = run.check("cast-users-api_token");
                assertEquals(200, cast.result().count());
                cast.result().sample().forEach(row -> assertEquals(Set.of("id"), row.keySet()));

                String json = Json.write(run.checks());
                assertFalse(json.contains("tok-"), json);
                assertFalse(json.contains("secret-token"), json);
                assertFalse(json.contains("hash-"), json);
            }
        });
    }

    @Test
    void a_using_expression_is_evaluated_and_fails_with_at_least_one_row() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, DATA);
                CatalogSnapshot catalog = new CatalogReader().read(c);
                DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan("""
                        ALTER TABLE orders ALTER COLUMN amount TYPE integer USING (amount || '0')::integer;
                        ALTER TABLE orders ALTER COLUMN code TYPE varchar(3);
                        ALTER TABLE orders ALTER COLUMN total TYPE integer;
                        """, catalog));
                DataCheck using = run.check("cast-orders-amount");
                assertEquals(1, using.result().count());
                assertFalse(using.passed());
                assertFalse(using.exact());
                assertTrue(using.result().note().contains("at least one row fails"), using.result().note());
                assertEquals(1, run.count("public.orders", Purpose.SINGLE));
                assertEquals(1, run.count("public.orders", Purpose.SCAN), "the two other casts share a scan");

                assertCount(run.check("cast-orders-code"), 901, false);
                assertCount(run.check("cast-orders-total"), 0, true);
            }
        });
    }

    @Test
    void checks_run_read_only_even_when_the_users_sql_tries_to_write() throws Exception {
        try (TestDb db = TestDatabases.fresh(); Connection c = db.connect()) {
            exec(c, DATA + "CREATE SEQUENCE s;");
            CatalogSnapshot catalog = new CatalogReader().read(c);
            DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan("""
                    ALTER TABLE orders ADD CONSTRAINT uses_nextval CHECK (nextval('s') > 0);
                    DELETE FROM orders WHERE id < 11;
                    DELETE FROM orders o USING users u WHERE o.user_id = u.id AND u.id <= 2;
                    """, catalog));
            DataCheck write = run.check("check-orders-uses_nextval");
            assertNotNull(write.error());
            assertTrue(write.error().contains("read-only"), write.error());
            assertEquals(10, run.check("data-loss-orders").result().count());
            assertEquals(10, run.check("data-loss-orders-2").result().count(), "users 1 and 2 have 5 orders each");
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT (SELECT count(*) FROM orders), (SELECT is_called FROM s)")) {
                rs.next();
                assertEquals(1000, rs.getLong(1));
                assertFalse(rs.getBoolean(2), "the sequence was never advanced");
            }
        }
    }

    @Test
    void from_sql_to_adjusted_findings() throws Exception {
        try (TestDb db = TestDatabases.fresh(); Connection c = db.connect()) {
            exec(c, DATA);
            CatalogSnapshot catalog = new CatalogReader().read(c);
            String sql = """
                    CREATE UNIQUE INDEX users_email_key ON users (email);
                    CREATE UNIQUE INDEX orders_code_key ON orders (code);
                    """;
            FileReport report = new Analyzer().analyze("m.sql", sql, AnalysisSettings.defaults(), catalog);
            DataCheckRun run = new DataCheckRunner(CheckMode.EXACT).run(c, DataCheckPlanner.plan(sql, catalog));

            List<Finding> adjusted = DataCheckEffects.apply(report.findings(), run.checks());
            assertEquals(report.findings().size(), adjusted.size());
            Finding email = finding(adjusted, "create-unique-index-duplicates", 1);
            assertEquals(Risk.HIGH, email.risk(), "2 duplicate groups: the build will fail");
            assertTrue(email.message().contains("finds 2 groups of rows sharing a key in public.users.email (e.g. "),
                    email.message());
            assertTrue(email.message().contains("user10@example.com"), email.message());
            Finding code = finding(adjusted, "create-unique-index-duplicates", 2);
            assertEquals(Risk.LOW, code.risk(), "no duplicates: the build will succeed");
            assertTrue(code.message().contains("No two rows share a key in public.orders.code"), code.message());
            for (int i = 0; i < adjusted.size(); i++) {
                if (adjusted.get(i).hazard().equals("missing-lock-timeout")) {
                    assertSame(report.findings().get(i), adjusted.get(i), "the data says nothing about timeouts");
                }
            }
        }
    }

    private static Finding finding(List<Finding> findings, String hazard, int statement) {
        return findings.stream().filter(f -> f.hazard().equals(hazard) && f.statement() == statement).findFirst()
                .orElseThrow(() -> new AssertionError("no " + hazard + " at statement " + statement + ": " + findings));
    }

    // ------------------------------------------------------------------------------------------ helpers

    static void assertCount(DataCheck d, long count, boolean passed) {
        assertNull(d.error(), d.id() + ": " + d.error());
        assertEquals(count, d.result().count(), d.id() + " " + d.result().note());
        assertEquals(passed, d.passed(), d.id());
        assertTrue(d.exact(), d.id() + " is exact");
    }

    static Set<Object> values(DataCheck d, String key) {
        return d.result().sample().stream().map(r -> {
            Object v = r.get(key);
            return v instanceof Long l && l < Integer.MAX_VALUE ? (Object) l.intValue() : v;
        }).collect(Collectors.toSet());
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static int pid(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static void waitUntilActive(Connection admin, int pid, String queryPart) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = " + pid + " AND state = 'active' AND query LIKE "
                            + "'%" + queryPart + "%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the runner's query never showed up in pg_stat_activity");
    }

    private static long countOf(String s, String part) {
        long n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** A connection that records the SQL text of every statement executed through it. */
    static Connection counting(Connection target, List<String> sent) {
        return (Connection) Proxy.newProxyInstance(DataCheckRunnerTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Statement st && method.getName().equals("createStatement")) {
                        return Proxy.newProxyInstance(DataCheckRunnerTest.class.getClassLoader(),
                                new Class<?>[] {Statement.class}, (p2, m2, a2) -> {
                                    if (m2.getName().startsWith("execute") && a2 != null && a2.length > 0
                                            && a2[0] instanceof String sql) {
                                        sent.add(sql);
                                    }
                                    return invoke(st, m2, a2);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
