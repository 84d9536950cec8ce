import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.checks.DataCheckPlanner;
import io.schemapilot.checks.DataCheckRun;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.PlannedCheck;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.report.DataCheck;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Data-check benchmark (issue 3): a generated 10-million-row table, the checks for a migration that adds NOT NULL,
 * UNIQUE and a FOREIGN KEY on it, timed against one {@code SELECT count(*)} over the same table in the same round,
 * against a naive client that fetches the rows and counts in Java, and in {@code estimate} mode.
 *
 * <pre>
 * java -cp target/schemapilot.jar bench/checks/DataCheckBench.java [options]
 *   --url JDBC        admin URL of the server (default jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres)
 *   --embedded        use the embedded PostgreSQL (zonky, 16) instead of --url
 *   --db NAME         benchmark database (default sp_bench_checks; created, and re-generated when its data is not
 *                     the expected one)
 *   --rows N          rows of the big table (default 10,000,000)
 *   --runs N          timed rounds (default 5)
 *   --naive-runs N    rounds of the naive client (default --runs; 0 skips it)
 *   --faults          also time the failing case: some NULLs, duplicate keys and orphans (reverted afterwards)
 *   --explore         also time single SQL strategies (what each idea costs on its own)
 *   --floor           also time the pieces of the exact checks one by one (one process, then both cores): what a
 *                     scan, a count, a sort of the keys and each half of a split sort cost, for the floor of the ratio
 *   --now-only        time only the default runner (not also the query-per-check layouts)
 *   --before-jar JAR  also time the default runner of another build (e.g. of the commit before a change), loaded on
 *                     its own from JAR, in the same rounds and checked the same way
 *   --explain         print EXPLAIN ANALYZE of the default runner's statements (same session settings)
 *   --drop            drop the database at the end
 * </pre>
 *
 * Results (Markdown) go to stdout, progress to stderr. Every round checks the answers, so a fast wrong result fails.
 */
public class DataCheckBench {

    static final String MIGRATION = """
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            ALTER TABLE orders ADD CONSTRAINT orders_order_no_key UNIQUE (order_no);
            ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
            """;

    static String url = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
    static String db = "sp_bench_checks";
    static long rows = 10_000_000;
    static int runs = 5;
    static int naiveRuns = -1;
    static boolean faults;
    static boolean explore;
    static boolean floor;
    static boolean drop;
    static boolean embedded;
    static boolean nowOnly;
    static boolean explain;
    static String beforeJar;

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--db" -> db = args[++i];
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", "").replace(",", ""));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--naive-runs" -> naiveRuns = Integer.parseInt(args[++i]);
                case "--faults" -> faults = true;
                case "--explore" -> explore = true;
                case "--floor" -> floor = true;
                case "--drop" -> drop = true;
                case "--embedded" -> embedded = true;
                case "--now-only" -> nowOnly = true;
                case "--explain" -> explain = true;
                case "--before-jar" -> beforeJar = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (naiveRuns < 0) {
            naiveRuns = runs;
        }
        String dbUrl;
        EmbeddedPostgresServer server = null;
        if (embedded) {
            server = EmbeddedPostgresServer.get();
            db = server.createDatabase();
            dbUrl = server.jdbcUrl(db);
        } else {
            try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement();
                 ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE \"" + db + "\"");
                }
            }
            dbUrl = url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + db);
        }
        try (Connection c = DriverManager.getConnection(dbUrl)) {
            describeMachine(c);
            generate(c);
            CatalogSnapshot catalog = new CatalogReader().read(c);
            List<PlannedCheck> plan = DataCheckPlanner.plan(MIGRATION, catalog);
            if (beforeJar != null) {
                beforeRunner = new Before(beforeJar, c);
            }
            log("planned: " + plan.stream().map(PlannedCheck::id).toList());
            if (explore) {
                explore(c);
            }
            if (floor) {
                floor(c);
            }
            rounds(c, plan, "clean data (every check passes)", false);
            if (faults) {
                injectFaults(c, true);
                try {
                    rounds(c, plan, "faulty data (1,000 NULLs, 2 duplicate groups, 4 orphan rows)", true);
                } finally {
                    injectFaults(c, false);
                }
            }
            if (naiveRuns > 0) {
                naive(dbUrl);
            }
        } finally {
            if (drop && !embedded) {
                try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS \"" + db + "\"");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ data

    static void generate(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bench_meta (rows bigint, version int)");
            try (ResultSet rs = st.executeQuery("SELECT rows, version FROM bench_meta")) {
                if (rs.next() && rs.getLong(1) == rows && rs.getInt(2) == 1) {
                    log("data present: orders has " + fmt(rows) + " rows");
                    return;
                }
            }
            log("generating " + fmt(rows) + " rows ...");
            long t0 = System.nanoTime();
            st.execute("DROP TABLE IF EXISTS orders, customers");
            st.execute("DELETE FROM bench_meta");
            st.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 100000) g");
            // an ordinary orders table: ~91 bytes per row; every order points at an existing customer (100,000 of
            // them, in no particular order), order_no is unique (a permutation of 1..2^31-2), status is never NULL
            st.execute("""
                    CREATE TABLE orders (id bigint, customer_id bigint, order_no bigint, status text,
                                         amount numeric(12,2), created_at timestamptz, note text)""");
            st.execute("INSERT INTO orders SELECT g, (g * 7919) % 100000 + 1, (g * 48271) % 2147483647, 'paid', "
                    + "(g % 10000) / 100.0, timestamptz '2024-01-01' + g * interval '3 seconds', 'order ' || g "
                    + "FROM generate_series(1::bigint, " + rows + ") g");
            st.execute("ALTER TABLE orders ADD PRIMARY KEY (id)");
            st.execute("VACUUM ANALYZE customers");
            st.execute("VACUUM ANALYZE orders");
            st.execute("INSERT INTO bench_meta VALUES (" + rows + ", 1)");
            log("generated in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
    }

    /** Some NULLs, two groups of duplicate order numbers and four orphans; {@code false} puts the data back. */
    static void injectFaults(Connection c, boolean on) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (on) {
                st.execute("UPDATE orders SET status = NULL WHERE id % 10000 = 0");
                st.execute("UPDATE orders SET order_no = (10 * 48271) % 2147483647 WHERE id IN (11, 12)");
                st.execute("UPDATE orders SET order_no = (20 * 48271) % 2147483647 WHERE id = 21");
                st.execute("UPDATE orders SET customer_id = 900000 + id WHERE id IN (7, 8, 9, 13)");
            } else {
                st.execute("UPDATE orders SET status = 'paid' WHERE status IS NULL");
                st.execute("UPDATE orders SET order_no = (id * 48271) % 2147483647, customer_id = (id * 7919) % 100000 "
                        + "+ 1 WHERE id IN (7, 8, 9, 11, 12, 13, 21)");
            }
            st.execute("VACUUM ANALYZE orders");
        }
    }

    // ------------------------------------------------------------------------------------------------ rounds

    /** A way of running the checks, compared in the same rounds: these options, or the default runner of another build. */
    record Config(String name, DataCheckRunner.Options options, Before before) {
        Config(String name, DataCheckRunner.Options options) {
            this(name, options, null);
        }
    }

    /**
     * The default EXACT runner of another build ({@code --before-jar}), loaded by a class loader of its own, so that
     * the runner before a change is timed in the same rounds, under the same load, as the one after it. It plans the
     * same migration from its own catalog reader; its answers are checked like the others'.
     */
    static final class Before {
        final ClassLoader loader;
        final Object plan;
        final Object runner;

        Before(String jar, Connection c) throws Exception {
            loader = new java.net.URLClassLoader(new java.net.URL[] {java.nio.file.Path.of(jar).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Object reader = cls("io.schemapilot.catalog.CatalogReader").getConstructor().newInstance();
            Object catalog = reader.getClass().getMethod("read", Connection.class).invoke(reader, c);
            plan = cls("io.schemapilot.checks.DataCheckPlanner").getMethod("plan", String.class,
                    cls("io.schemapilot.catalog.CatalogSnapshot")).invoke(null, MIGRATION, catalog);
            Class<?> mode = cls("io.schemapilot.checks.CheckMode");
            Class<?> options = cls("io.schemapilot.checks.DataCheckRunner$Options");
            Object exact = mode.getMethod("valueOf", String.class).invoke(null, "EXACT");
            runner = cls("io.schemapilot.checks.DataCheckRunner").getConstructor(options)
                    .newInstance(options.getMethod("of", mode).invoke(null, exact));
        }

        /** Runs the checks and returns their answers (id, count, exact, error). */
        List<Answer> run(Connection c) throws Exception {
            Object run = runner.getClass().getMethod("run", Connection.class, List.class).invoke(runner, c, plan);
            List<Answer> out = new ArrayList<>();
            for (Object d : (List<?>) run.getClass().getMethod("checks").invoke(run)) {
                Object result = call(d, "result");
                out.add(new Answer((String) call(d, "id"), (Long) call(result, "count"), (Boolean) call(d, "exact"),
                        (String) call(d, "error")));
            }
            return out;
        }

        private Class<?> cls(String name) throws ClassNotFoundException {
            return Class.forName(name, true, loader);
        }

        private static Object call(Object target, String method) throws Exception {
            java.lang.reflect.Method m = target.getClass().getMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        }
    }

    /** One check's answer, whichever build gave it. */
    record Answer(String id, long count, boolean exact, String error) {
    }

    static Before beforeRunner;

    static List<Config> configs() {
        DataCheckRunner.Options now = DataCheckRunner.Options.of(CheckMode.EXACT);
        List<Config> out = new ArrayList<>();
        if (beforeRunner != null) {
            out.add(new Config("default runner of " + java.nio.file.Path.of(beforeJar).getFileName() + " (--before-jar)",
                    null, beforeRunner));
        }
        if (!nowOnly) {
            out.add(new Config("query per check, server settings (the runner before this work)",
                    now.withOneStatement(false).withWorkMem(null)));
            out.add(new Config("query per check + session settings (work_mem " + now.workMem() + ", jit off, "
                    + "GROUP BY by sort)", now.withOneStatement(false)));
        }
        out.add(new Config("one statement per table + session settings (default now)", now));
        return out;
    }

    static void rounds(Connection c, List<PlannedCheck> plan, String title, boolean faulty) throws SQLException {
        List<Config> configs = configs();
        Map<String, List<Long>> exact = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        List<Long> counts = new ArrayList<>();
        List<Long> estimates = new ArrayList<>();
        Map<String, List<Long>> queries = new LinkedHashMap<>();
        DataCheckRun last = null;
        for (int r = 0; r <= runs; r++) { // round 0 warms the caches and is not counted
            long before = countStar(c);
            for (Config cfg : configs) {
                long t0 = System.nanoTime();
                DataCheckRun run = null;
                List<Answer> answers;
                if (cfg.before() != null) {
                    try {
                        answers = cfg.before().run(c);
                    } catch (Exception e) {
                        throw new IllegalStateException("the --before-jar runner failed: " + e, e);
                    }
                } else {
                    run = new DataCheckRunner(cfg.options()).run(c, plan);
                    answers = run.checks().stream().map(d -> new Answer(d.id(), d.result().count(), d.exact(),
                            d.error())).toList();
                }
                long ex = (System.nanoTime() - t0) / 1_000_000;
                long after = countStar(c);
                verify(answers, faulty);
                double base = (before + after) / 2.0;
                log(String.format(Locale.ROOT, "%s round %d: %s: %d ms, count(*) %d / %d ms (%.2fx)%s",
                        faulty ? "faulty" : "clean", r, cfg.name(), ex, before, after, ex / base,
                        r == 0 ? " (warm-up)" : ""));
                if (r > 0) {
                    counts.add(before);
                    exact.computeIfAbsent(cfg.name(), k -> new ArrayList<>()).add(ex);
                    ratios.computeIfAbsent(cfg.name(), k -> new ArrayList<>()).add(ex / base);
                    if (cfg == configs.get(configs.size() - 1)) {
                        for (DataCheckRun.Query q : run.queries()) {
                            queries.computeIfAbsent(q.purpose() + " " + q.table() + " (" + q.checks() + " check"
                                    + (q.checks() == 1 ? "" : "s") + ")", k -> new ArrayList<>()).add(q.millis());
                        }
                        last = run;
                    }
                }
                before = after;
            }
            long t1 = System.nanoTime();
            DataCheckRun est = new DataCheckRunner(CheckMode.ESTIMATE).run(c, plan);
            long es = (System.nanoTime() - t1) / 1_000_000;
            if (est.checks().stream().anyMatch(d -> d.exact())) {
                throw new IllegalStateException("estimate mode answered exactly?");
            }
            log("estimate: " + es + " ms");
            if (r > 0) {
                counts.add(before);
                estimates.add(es);
            }
        }
        out("\n### " + title + "\n");
        out("| | min | median | max |");
        out("|---|---:|---:|---:|");
        out(row("`SELECT count(*) FROM orders` (ms; before and after each run of the checks)", counts));
        for (Config cfg : configs) {
            out(row("all exact checks, " + cfg.name() + " (ms)", exact.get(cfg.name())));
            out(rowD("ratio of the above to count(*) (the mean of the count(*) just before and just after)",
                    ratios.get(cfg.name())));
        }
        out(row("`estimate` mode (ms, whole `DataCheckRunner.run`)", estimates));
        out("\nQueries of the default (one statement) run (ms):\n");
        out("| query | min | median | max |");
        out("|---|---:|---:|---:|");
        for (Map.Entry<String, List<Long>> e : queries.entrySet()) {
            out(row(e.getKey(), e.getValue()));
        }
        out("\nResults of the last default run:\n");
        for (DataCheck d : last.checks()) {
            out("- `" + d.id() + "`: count " + d.result().count() + (d.exact() ? ", exact" : ", NOT exact")
                    + (d.result().sample().isEmpty() ? "" : ", sample " + d.result().sample()) + " ("
                    + d.result().note() + ")");
        }
        out("\nSQL of the last default run:\n");
        for (DataCheckRun.Query q : last.queries()) {
            out("```sql\n-- " + q.purpose() + " " + q.table() + ", " + q.millis() + " ms\n" + q.sql() + "\n```");
        }
        if (explain) {
            DataCheckRunner.Options o = DataCheckRunner.Options.of(CheckMode.EXACT);
            for (DataCheckRun.Query q : last.queries()) {
                if (q.purpose() == DataCheckRun.Purpose.STATISTICS) {
                    continue;
                }
                c.setAutoCommit(false);
                StringBuilder shape = new StringBuilder();
                try (Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION READ ONLY; SET LOCAL work_mem = '" + o.workMem() + "'; SET LOCAL jit = off"
                            + (c.getMetaData().getDatabaseMajorVersion() >= 16
                            ? "; SET LOCAL enable_presorted_aggregate = off" : "")
                            + (q.purpose() == DataCheckRun.Purpose.DUPLICATES ? "; SET LOCAL enable_hashagg = off" : ""));
                    try (ResultSet rs = st.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) " + q.sql())) {
                        while (rs.next()) {
                            shape.append(rs.getString(1)).append('\n');
                        }
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                out("\nEXPLAIN ANALYZE of " + q.purpose() + " " + q.table() + ":\n\n```\n" + shape + "```");
            }
        }
    }

    static void verify(List<Answer> answers, boolean faulty) {
        Map<String, Long> want = faulty
                ? Map.of("nulls-orders-status", rows / 10_000, "duplicates-orders-order_no", 2L,
                "orphans-orders-customer_id", 4L)
                : Map.of("nulls-orders-status", 0L, "duplicates-orders-order_no", 0L, "orphans-orders-customer_id", 0L);
        if (answers.size() != want.size()) {
            throw new IllegalStateException("expected " + want.keySet() + ", got " + answers);
        }
        for (Answer d : answers) {
            Long w = want.get(d.id());
            if (w == null || d.count() != w || !d.exact() || d.error() != null) {
                throw new IllegalStateException("wrong answer for " + d.id() + ": " + d + " (want " + w + ")");
            }
        }
    }

    static long countStar(Connection c) throws SQLException {
        long t0 = System.nanoTime();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM orders")) {
            rs.next();
            if (rs.getLong(1) != rows) {
                throw new IllegalStateException("orders has " + rs.getLong(1) + " rows");
            }
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    // ------------------------------------------------------------------------------------------------ naive

    /** What an agent without pushdown does: fetch the rows and count in Java. */
    static void naive(String dbUrl) throws SQLException {
        List<Long> times = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < naiveRuns; r++) {
            try (Connection c = DriverManager.getConnection(dbUrl)) {
                long base = countStar(c);
                long t0 = System.nanoTime();
                c.setAutoCommit(false);
                Set<Long> customers = new HashSet<>();
                try (Statement st = c.createStatement()) {
                    st.setFetchSize(50_000);
                    try (ResultSet rs = st.executeQuery("SELECT id FROM customers")) {
                        while (rs.next()) {
                            customers.add(rs.getLong(1));
                        }
                    }
                }
                long nulls = 0;
                long orphans = 0;
                Map<Long, Integer> seen = new HashMap<>();
                try (Statement st = c.createStatement()) {
                    st.setFetchSize(50_000);
                    try (ResultSet rs = st.executeQuery("SELECT id, status, order_no, customer_id FROM orders")) {
                        while (rs.next()) {
                            if (rs.getString(2) == null) {
                                nulls++;
                            }
                            long no = rs.getLong(3);
                            if (!rs.wasNull()) {
                                seen.merge(no, 1, Integer::sum);
                            }
                            long cu = rs.getLong(4);
                            if (!rs.wasNull() && !customers.contains(cu)) {
                                orphans++;
                            }
                        }
                    }
                }
                long groups = seen.values().stream().filter(n -> n > 1).count();
                c.rollback();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (nulls != 0 || groups != 0 || orphans != 0) {
                    throw new IllegalStateException("naive: " + nulls + " " + groups + " " + orphans);
                }
                times.add(ms);
                ratios.add(ms / (double) base);
                log("naive round " + (r + 1) + ": " + ms + " ms (" + String.format(Locale.ROOT, "%.1f", ms
                        / (double) base) + "x count(*) " + base + " ms)");
            }
        }
        out("\n### Naive client: fetch the rows (fetch size 50,000) and count in Java (HashMap / HashSet)\n");
        out("| | min | median | max |");
        out("|---|---:|---:|---:|");
        out(row("fetch + count in Java (ms)", times));
        out(rowD("ratio to count(*) of the same round", ratios));
    }

    // ------------------------------------------------------------------------------------------------ explore

    record Variant(String name, String settings, String sql) {
    }

    /** Each idea on its own, as plain SQL in a read-only transaction with SET LOCAL settings. */
    static void explore(Connection c) throws SQLException {
        String big = "SET LOCAL work_mem = '1GB'; SET LOCAL jit = off;";
        List<Variant> vs = List.of(
                new Variant("count(*), server defaults", "", "SELECT count(*) FROM orders"),
                new Variant("count(*), jit off", "SET LOCAL jit = off;", "SELECT count(*) FROM orders"),
                new Variant("count(*), one process", "SET LOCAL max_parallel_workers_per_gather = 0;",
                        "SELECT count(*) FROM orders"),
                new Variant("nulls: count(*) FILTER (parallel)", "",
                        "SELECT count(*), count(*) FILTER (WHERE status IS NULL) FROM orders"),
                new Variant("duplicates: GROUP BY, defaults (work_mem 4MB)", "",
                        "SELECT count(*) FROM (SELECT order_no FROM orders WHERE order_no IS NOT NULL GROUP BY 1 "
                                + "HAVING count(*) > 1) d"),
                new Variant("duplicates: GROUP BY, work_mem 1GB (hash aggregate)", big,
                        "SELECT count(*) FROM (SELECT order_no FROM orders WHERE order_no IS NOT NULL GROUP BY 1 "
                                + "HAVING count(*) > 1) d"),
                new Variant("duplicates: GROUP BY, work_mem 1GB, enable_hashagg off (sort)",
                        big + " SET LOCAL enable_hashagg = off;",
                        "SELECT count(*) FROM (SELECT order_no FROM orders WHERE order_no IS NOT NULL GROUP BY 1 "
                                + "HAVING count(*) > 1) d"),
                new Variant("duplicates: count(k) - count(DISTINCT k), work_mem 4MB", "SET LOCAL jit = off;",
                        "SELECT count(order_no) - count(DISTINCT order_no) FROM orders"),
                new Variant("duplicates: count(k) - count(DISTINCT k), work_mem 256MB",
                        "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off;",
                        "SELECT count(order_no) - count(DISTINCT order_no) FROM orders"),
                new Variant("duplicates: count(k) - count(DISTINCT k), work_mem 1GB", big,
                        "SELECT count(order_no) - count(DISTINCT order_no) FROM orders"),
                new Variant("duplicates: count(DISTINCT k) in 2 parallel branches by hash of k", big,
                        "SELECT sum(n) - sum(d) FROM (SELECT count(order_no) n, count(DISTINCT order_no) d FROM "
                                + "orders WHERE hashint8(order_no) & 1 = 0 UNION ALL SELECT count(order_no), "
                                + "count(DISTINCT order_no) FROM orders WHERE hashint8(order_no) & 1 = 1) s"),
                new Variant("orphans: NOT EXISTS anti-join, defaults (parallel hash anti join)", "",
                        "SELECT count(*) FROM orders o WHERE o.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
                                + "FROM customers p WHERE p.id = o.customer_id)"),
                new Variant("orphans: NOT EXISTS anti-join, one process", big
                        + " SET LOCAL max_parallel_workers_per_gather = 0;",
                        "SELECT count(*) FROM orders o WHERE o.customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 "
                                + "FROM customers p WHERE p.id = o.customer_id)"),
                new Variant("orphans: distinct keys by array_agg(DISTINCT), then anti-join", big,
                        "SELECT count(*) FROM unnest((SELECT array_agg(DISTINCT customer_id) FROM orders)) v "
                                + "WHERE v IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers p WHERE p.id = v)"),
                new Variant("orphans: distinct keys by GROUP BY (hash), then anti-join", big,
                        "SELECT count(*) FROM (SELECT customer_id FROM orders WHERE customer_id IS NOT NULL GROUP BY 1)"
                                + " v WHERE NOT EXISTS (SELECT 1 FROM customers p WHERE p.id = v.customer_id)"),
                new Variant("all three, one statement, one scan: FILTER + count(DISTINCT) + array_agg(DISTINCT)", big,
                        "WITH a AS (SELECT count(*) t, count(*) FILTER (WHERE status IS NULL) n, count(order_no) - "
                                + "count(DISTINCT order_no) d, array_agg(DISTINCT customer_id) FILTER (WHERE "
                                + "customer_id IS NOT NULL) f FROM orders) SELECT t, n, d, (SELECT count(*) FROM "
                                + "unnest(a.f) v WHERE NOT EXISTS (SELECT 1 FROM customers p WHERE p.id = v)) FROM a"),
                new Variant("all three, one statement, 2 parallel branches (each scans)", big,
                        "SELECT max(t), max(n), max(d), max(o) FROM (SELECT count(*) t, count(*) FILTER (WHERE status "
                                + "IS NULL) n, count(order_no) - count(DISTINCT order_no) d, NULL::bigint o FROM "
                                + "orders UNION ALL SELECT NULL, NULL, NULL, count(*) FILTER (WHERE p.id IS NULL) FROM "
                                + "(SELECT array_agg(DISTINCT customer_id) FILTER (WHERE customer_id IS NOT NULL) f "
                                + "FROM orders) a CROSS JOIN LATERAL unnest(a.f) v LEFT JOIN customers p ON p.id = v) s"),
                new Variant("all three, one statement, one scan, jit on", "SET LOCAL work_mem = '1GB';",
                        "WITH a AS (SELECT count(*) t, count(*) FILTER (WHERE status IS NULL) n, count(order_no) - "
                                + "count(DISTINCT order_no) d, array_agg(DISTINCT customer_id) FILTER (WHERE "
                                + "customer_id IS NOT NULL) f FROM orders) SELECT t, n, d, (SELECT count(*) FROM "
                                + "unnest(a.f) v WHERE NOT EXISTS (SELECT 1 FROM customers p WHERE p.id = v)) FROM a"));
        timeVariants(c, "explore", "Single strategies (each after its own count(*))", vs);
    }

    /**
     * The pieces of the exact checks on their own, for the floor of their ratio to count(*): in one process (no
     * parallel workers), what reading the rows, counting a column, sorting all the keys and sorting half of them cost;
     * then the same split over both cores as the runner does it (by parity, and by the median of the histogram), the
     * foreign key as a range condition, and a text key split the same ways.
     */
    static void floor(Connection c) throws SQLException {
        String pivot;
        String textPivot;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT attname, (histogram_bounds::text"
                + "::text[])[(cardinality(histogram_bounds::text::text[]) + 1) / 2] FROM pg_stats WHERE tablename = "
                + "'orders' AND attname IN ('order_no', 'note') ORDER BY attname")) {
            rs.next();
            textPivot = rs.getString(2).replace("'", "''");
            rs.next();
            pivot = rs.getString(2);
        }
        String sort = "SET LOCAL work_mem = '512MB'; SET LOCAL jit = off;" + (c.getMetaData()
                .getDatabaseMajorVersion() >= 16 ? " SET LOCAL enable_presorted_aggregate = off;" : "");
        String one = sort + " SET LOCAL max_parallel_workers_per_gather = 0;";
        String halves = "SELECT sum(n) - sum(d) FROM (SELECT count(%1$s) n, count(DISTINCT %1$s) d FROM orders WHERE %2$s "
                + "UNION ALL SELECT count(%1$s), count(DISTINCT %1$s) FROM orders WHERE (%2$s) IS NOT TRUE) s";
        String range = "customer_id IS NOT NULL AND (customer_id < 1 OR customer_id > 100000)";
        List<Variant> vs = List.of(
                new Variant("count(*), parallel (server defaults)", "", "SELECT count(*) FROM orders"),
                new Variant("count(*), one process", one, "SELECT count(*) FROM orders"),
                new Variant("count(order_no), one process", one, "SELECT count(order_no) FROM orders"),
                new Variant("count(*) FILTER (order_no % 2 = 0), one process", one,
                        "SELECT count(*) FILTER (WHERE order_no % 2 = 0) FROM orders"),
                new Variant("nulls + foreign key as a range, one process", one,
                        "SELECT count(*) FILTER (WHERE status IS NULL), count(*) FILTER (WHERE " + range + ") FROM orders"),
                new Variant("nulls + foreign key as a range, parallel", sort,
                        "SELECT count(*) FILTER (WHERE status IS NULL), count(*) FILTER (WHERE " + range + ") FROM orders"),
                new Variant("count(DISTINCT order_no) (10M keys), one process", one,
                        "SELECT count(order_no) - count(DISTINCT order_no) FROM orders"),
                new Variant("count(DISTINCT order_no) of the even half (5M keys), one process", one,
                        "SELECT count(order_no) - count(DISTINCT order_no) FROM orders WHERE order_no % 2 = 0"),
                new Variant("uniqueness split by parity, 2 branches side by side", sort,
                        String.format(Locale.ROOT, halves, "order_no", "order_no % 2 = 0")),
                new Variant("uniqueness split by the histogram's median, 2 branches side by side", sort,
                        String.format(Locale.ROOT, halves, "order_no", "order_no < '" + pivot + "'")),
                new Variant("text key: count(DISTINCT note), one process", one,
                        "SELECT count(note) - count(DISTINCT note) FROM orders"),
                new Variant("text key: split by the histogram's median, side by side", sort,
                        String.format(Locale.ROOT, halves, "note", "note < '" + textPivot + "'")),
                new Variant("text key: split by hashtext(note) & 1, side by side", sort,
                        String.format(Locale.ROOT, halves, "note", "hashtext(note) & 1 = 0")));
        timeVariants(c, "floor", "The pieces, one by one (each after its own count(*))", vs);
    }

    /** Times each variant {@code runs} times (after a warm-up round), each after its own count(*), and prints a table. */
    static void timeVariants(Connection c, String tag, String title, List<Variant> vs) throws SQLException {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        for (int r = 0; r <= runs; r++) {
            for (Variant v : vs) {
                long base = countStar(c);
                long ms = timed(c, v);
                log(String.format(Locale.ROOT, "%s round %d: %s: %d ms (count(*) %d ms)", tag, r, v.name(), ms, base));
                if (r > 0) {
                    times.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(ms);
                    ratios.computeIfAbsent(v.name(), k -> new ArrayList<>()).add(ms / (double) base);
                }
            }
        }
        out("\n### " + title + "\n");
        out("| strategy | min ms | median ms | max ms | median ratio to count(*) |");
        out("|---|---:|---:|---:|---:|");
        for (Variant v : vs) {
            List<Long> t = times.get(v.name());
            out("| " + v.name() + " | " + min(t) + " | " + median(t) + " | " + t.stream().mapToLong(x -> x).max()
                    .orElse(0) + " | " + String.format(Locale.ROOT, "%.2f", medianD(ratios.get(v.name()))) + " |");
        }
    }

    static long timed(Connection c, Variant v) throws SQLException {
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("SET TRANSACTION READ ONLY; " + v.settings());
            long t0 = System.nanoTime();
            try (ResultSet rs = st.executeQuery(v.sql())) {
                rs.next();
            }
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    // ------------------------------------------------------------------------------------------------ text

    static void describeMachine(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT version(), "
                + "current_setting('shared_buffers'), current_setting('work_mem'), "
                + "current_setting('max_parallel_workers_per_gather'), current_setting('jit')")) {
            rs.next();
            out("Server: " + rs.getString(1) + "; shared_buffers " + rs.getString(2) + ", work_mem " + rs.getString(3)
                    + ", max_parallel_workers_per_gather " + rs.getString(4) + ", jit " + rs.getString(5));
        }
        out("Client: Java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, load average " + loadAverage());
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String row(String name, List<Long> v) {
        return "| " + name + " | " + min(v) + " | " + median(v) + " | " + v.stream().mapToLong(x -> x).max()
                .orElse(0) + " |";
    }

    static String rowD(String name, List<Double> v) {
        return String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |", name,
                v.stream().mapToDouble(x -> x).min().orElse(0), medianD(v),
                v.stream().mapToDouble(x -> x).max().orElse(0));
    }

    static long min(List<Long> v) {
        return v.stream().mapToLong(x -> x).min().orElse(0);
    }

    static long median(List<Long> v) {
        List<Long> s = v.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static double medianD(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static void log(String s) {
        System.err.println("[bench] " + s + "  (load " + loadAverage().split(" ")[0] + ")");
    }

    static void out(String s) {
        System.out.println(s);
    }
}
