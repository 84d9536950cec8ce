package io.schemapilot.checks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.checks.DataCheckRun.Purpose;
import io.schemapilot.checks.DataCheckRun.Query;
import io.schemapilot.checks.PlannedCheck.Cast;
import io.schemapilot.checks.PlannedCheck.Duplicates;
import io.schemapilot.checks.PlannedCheck.Evaluate;
import io.schemapilot.checks.PlannedCheck.Key;
import io.schemapilot.checks.PlannedCheck.Orphans;
import io.schemapilot.checks.PlannedCheck.Probe;
import io.schemapilot.checks.PlannedCheck.Rows;
import io.schemapilot.checks.PlannedCheck.Unavailable;
import io.schemapilot.pg.Connections;
import io.schemapilot.report.DataCheck;
import io.schemapilot.sql.QualifiedName;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs planned data checks on a live database, read-only. Every query runs in its own {@code READ ONLY}
 * transaction with {@code SET LOCAL statement_timeout} (the budget) and {@code lock_timeout}, and is rolled back.
 * Each check is one aggregate query that leaves the counting to PostgreSQL; the row checks on one table (NULLs,
 * failing casts, CHECK violations, enum labels, data that would be lost) share one scan:
 * {@code SELECT count(*) FILTER (WHERE ...) AS c1, count(*) FILTER (WHERE ...) AS c2 FROM t}. In EXACT mode the
 * uniqueness and foreign key checks join that statement too ({@link Options#oneStatement()}): a uniqueness check as
 * {@code count(key) - count(DISTINCT key)}, a foreign key as the distinct keys ({@code array_agg(DISTINCT key)}, when
 * pg_stats says there are not too many) looked up in the referenced table, spread over up to two UNION ALL branches
 * that parallel workers run side by side; only a check that finds something gets a second query (a GROUP BY for the
 * groups, the rows holding the keys without a row) for its count and sample. Otherwise (SAMPLE mode, many distinct
 * keys, no statistics) uniqueness checks get a GROUP BY each and foreign keys an anti-join each. Queries that sort
 * keys run with {@link Options#workMem()} and without JIT. Samples hold row keys only, capped, fetched inside the same
 * statement and only for checks that failed, and never values of secret-looking columns.
 *
 * <p>Failures are results, not exceptions: a check past its budget falls back to the estimate and says so; a lost
 * connection marks the remaining checks with a clear error at once; a check whose SQL fails gets the server's message.
 */
public final class DataCheckRunner {

    /** How TABLESAMPLE picks rows: whole blocks (fast) or each row (even, but reads every block). */
    public enum SampleMethod { SYSTEM, BERNOULLI }

    /**
     * @param budget      statement_timeout of each query (EXACT and SAMPLE)
     * @param lockTimeout lock_timeout of each query (a table locked longer falls back to the estimate)
     * @param sampleCap   the most offending rows shown per check
     * @param sampleRows  SAMPLE mode: about how many rows to read per table
     * @param seed        SAMPLE mode: the REPEATABLE seed, so that a sample is the same from run to run
     * @param workMem     {@code work_mem} of the queries that sort or hash keys (with {@code jit} off and, for the
     *                    GROUP BY of duplicates, sorting instead of hashing); null: the server's settings
     * @param oneStatement EXACT mode: all checks on a table in one statement (uniqueness by {@code count(DISTINCT)},
     *                    foreign keys by their distinct keys); false: a GROUP BY per uniqueness check and an anti-join
     *                    per foreign key, as before
     */
    public record Options(CheckMode mode, Duration budget, Duration lockTimeout, int sampleCap, long sampleRows,
                          SampleMethod sampleMethod, int seed, String workMem, boolean oneStatement) {

        public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
        public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
        /** One session's sort memory for the checks: enough for 10 million 8-byte keys in memory. */
        public static final String DEFAULT_WORK_MEM = "512MB";

        public Options(CheckMode mode, Duration budget, Duration lockTimeout, int sampleCap, long sampleRows,
                       SampleMethod sampleMethod, int seed) {
            this(mode, budget, lockTimeout, sampleCap, sampleRows, sampleMethod, seed, DEFAULT_WORK_MEM, true);
        }

        public Options {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("the data check budget must be positive");
            }
            if (sampleCap < 0 || sampleRows <= 0) {
                throw new IllegalArgumentException("sampleCap must be >= 0 and sampleRows > 0");
            }
            if (workMem != null && !workMem.matches("\\d+\\s*(kB|MB|GB)?")) {
                throw new IllegalArgumentException("work_mem must look like 512MB, not " + workMem);
            }
        }

        /**
         * Budget 30 s, lock timeout 2 s, samples of 5 keys, SAMPLE mode reads about 100,000 rows per table,
         * {@code work_mem} 512MB for the queries that sort keys, one statement per table.
         */
        public static Options of(CheckMode mode) {
            return new Options(mode, DEFAULT_BUDGET, DEFAULT_LOCK_TIMEOUT, 5, 100_000, SampleMethod.SYSTEM, 1);
        }

        public Options withBudget(Duration d) {
            return new Options(mode, d, lockTimeout, sampleCap, sampleRows, sampleMethod, seed, workMem, oneStatement);
        }

        public Options withLockTimeout(Duration d) {
            return new Options(mode, budget, d, sampleCap, sampleRows, sampleMethod, seed, workMem, oneStatement);
        }

        public Options withSampleCap(int cap) {
            return new Options(mode, budget, lockTimeout, cap, sampleRows, sampleMethod, seed, workMem, oneStatement);
        }

        public Options withSample(long rows, SampleMethod method) {
            return new Options(mode, budget, lockTimeout, sampleCap, rows, method, seed, workMem, oneStatement);
        }

        /** {@code work_mem} for the checks' sorts, e.g. {@code 256MB}; null: the server's settings, JIT included. */
        public Options withWorkMem(String mem) {
            return new Options(mode, budget, lockTimeout, sampleCap, sampleRows, sampleMethod, seed, mem,
                    oneStatement);
        }

        /** false: one query per uniqueness and foreign key check, as before the one-statement layout. */
        public Options withOneStatement(boolean one) {
            return new Options(mode, budget, lockTimeout, sampleCap, sampleRows, sampleMethod, seed, workMem, one);
        }
    }

    /**
     * Most UNION ALL branches (each one scan, run side by side by parallel workers) of the shared statement, and so
     * also the most foreign key checks it answers per table (one per branch).
     */
    static final int MAX_BRANCHES = 2;
    /** Most keys without a row that a failing foreign key check counts its rows by (else: an anti-join). */
    static final int ORPHAN_KEYS_MAX = 1000;

    /** Keys of a foreign key column that have no row in the referenced table, as text, and their type. */
    private record OrphanKeys(String type, List<String> values) {
    }

    /** Most distinct keys of a foreign key column for the distinct-keys-first orphan check (held in one array). */
    static final double DISTINCT_FIRST_MAX = 2_000_000;

    private final Options options;

    public DataCheckRunner(Options options) {
        this.options = options;
    }

    public DataCheckRunner(CheckMode mode) {
        this(Options.of(mode));
    }

    public Options options() {
        return options;
    }

    /**
     * Runs {@code checks} on {@code connection} and returns one result per check, in order. A transaction open on
     * the connection is rolled back first; the connection's auto-commit and network timeout are restored afterwards.
     * Nothing is written. Never throws for database trouble: that is in the results.
     */
    public DataCheckRun run(Connection connection, List<PlannedCheck> checks) {
        return new Session(connection, checks).run();
    }

    // ================================================================================================ a run

    private enum Failure { LOST, TIMEOUT, LOCKED, DATA, OTHER }

    /** Where a query reads from: the whole table, or a TABLESAMPLE of it. */
    private record Frame(String clause, double percent, String description) {
        static final Frame FULL = new Frame("", 100, null);

        boolean full() {
            return clause.isEmpty();
        }

        long scale(long count) {
            return full() || count == 0 ? count : Math.max(count, Math.round(count * 100.0 / percent));
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> SAMPLE = new TypeReference<>() {
    };

    private final class Session {
        private final Connection conn;
        private final List<PlannedCheck> checks;
        private final DataCheck[] results;
        private final List<Query> queries = new ArrayList<>();
        private final Map<String, Estimates.Stats> stats = new HashMap<>();
        private final Map<String, Set<String>> statColumns = new HashMap<>();
        private final Map<Integer, OrphanKeys> orphanKeys = new HashMap<>();
        private int version;
        private String lost;

        Session(Connection conn, List<PlannedCheck> checks) {
            this.conn = conn;
            this.checks = List.copyOf(checks);
            this.results = new DataCheck[checks.size()];
        }

        DataCheckRun run() {
            long t0 = System.nanoTime();
            Boolean autoCommit = null;
            int networkTimeout = -1;
            try {
                autoCommit = conn.getAutoCommit();
                networkTimeout = conn.getNetworkTimeout();
                if (!autoCommit) {
                    conn.rollback(); // each check needs a transaction of its own, read-only from its first statement
                }
                long guard = (options.mode() == CheckMode.ESTIMATE ? Duration.ofSeconds(30) : options.budget()
                        .plus(options.lockTimeout())).plusSeconds(30).toMillis();
                conn.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE, guard));
                conn.setAutoCommit(false);
                version = readVersion();
            } catch (SQLException e) {
                lost = describe(e);
            }
            try {
                if (lost == null) {
                    runAll();
                }
            } finally {
                restore(autoCommit, networkTimeout);
            }
            for (int i = 0; i < results.length; i++) {
                if (results[i] == null) {
                    results[i] = error(checks.get(i), null, lost != null ? lost : "the check did not run");
                }
            }
            return new DataCheckRun(options.mode(), version, List.of(results), queries,
                    Duration.ofNanos(System.nanoTime() - t0));
        }

        private void runAll() {
            Map<String, List<Integer>> byTable = new LinkedHashMap<>();
            for (int i = 0; i < checks.size(); i++) {
                PlannedCheck p = checks.get(i);
                if (p.probe() instanceof Unavailable u) {
                    results[i] = error(p, null, u.reason());
                    continue;
                }
                String table = tableKey(p);
                byTable.computeIfAbsent(table, k -> new ArrayList<>()).add(i);
                statColumns.computeIfAbsent(table, k -> new LinkedHashSet<>()).addAll(Estimates.columns(p));
                if (p.probe() instanceof Orphans o && o.columns().size() == 1) {
                    statColumns.get(table).add(o.columns().get(0)); // its n_distinct decides how it is counted
                }
            }
            for (List<Integer> group : byTable.values()) {
                if (options.mode() == CheckMode.ESTIMATE) {
                    for (int i : group) {
                        results[i] = estimated(checks.get(i), null);
                    }
                    continue;
                }
                QualifiedName table = checks.get(group.get(0)).table();
                Frame frame = options.mode() == CheckMode.SAMPLE ? sampleFrame(table, group) : Frame.FULL;
                if (frame == null) {
                    continue;
                }
                boolean one = frame.full() && options.oneStatement();
                List<Integer> scan = new ArrayList<>();
                int orphans = 0;
                for (int i : group) {
                    PlannedCheck p = checks.get(i);
                    if (shared(p) || one && p.probe() instanceof Duplicates) {
                        scan.add(i);
                    } else if (one && p.probe() instanceof Orphans o && orphans < MAX_BRANCHES && distinctFirst(p, o)) {
                        scan.add(i); // one per branch of the statement
                        orphans++;
                    }
                }
                if (!scan.isEmpty()) {
                    scan(table, scan, frame);
                }
                for (int i : group) {
                    if (!scan.contains(i)) {
                        single(i, frame);
                    }
                }
            }
        }

        // ---------------------------------------------------------------------------------------- the shared scan

        private boolean shared(PlannedCheck p) {
            return p.probe() instanceof Rows r && r.from() == null
                    || p.probe() instanceof Cast c && c.condition(version) != null;
        }

        private String condition(PlannedCheck p) {
            if (p.probe() instanceof Rows r) {
                return r.condition();
            }
            return ((Cast) p.probe()).condition(version);
        }

        /**
         * Whether a foreign key check is answered from the distinct keys of the referencing column (sorted inside the
         * shared statement, then looked up in the referenced table) rather than by an anti-join of every row: one
         * column, and pg_stats says it holds at most {@link #DISTINCT_FIRST_MAX} distinct values (the keys are held
         * in one array). Without statistics, the anti-join.
         */
        private boolean distinctFirst(PlannedCheck p, Orphans o) {
            if (o.columns().size() != 1) {
                return false;
            }
            Estimates.Stats s = stats(p.table());
            Estimates.ColumnStats c = s.columns().get(o.columns().get(0));
            if (s.error() != null || c == null || s.rows() < 0) {
                return false;
            }
            double distinct = c.nDistinct() >= 0 ? c.nDistinct() : -c.nDistinct() * s.rows();
            return distinct <= DISTINCT_FIRST_MAX;
        }

        /**
         * One statement for every check of {@code group} on one table. Row checks are {@code count(*) FILTER (WHERE
         * ...)} columns of one aggregate; a uniqueness check adds {@code count(DISTINCT key)} (a sort of the keys,
         * much cheaper than grouping them) beside the count of non-null keys; a foreign key check adds
         * {@code array_agg(DISTINCT key)}, whose keys are then looked up in the referenced table. The work is split
         * over up to two branches of a UNION ALL, each one scan of the table, which PostgreSQL runs side by side
         * (Parallel Append). A uniqueness or foreign key check that finds something gets a query of its own for the
         * number of groups or rows and the sample; passing ones (the usual case) need nothing more.
         */
        private void scan(QualifiedName table, List<Integer> group, Frame frame) {
            if (lost != null) {
                return;
            }
            String from = Sql.table(table) + frame.clause();
            List<String> names = new ArrayList<>();
            Map<String, String> types = new HashMap<>(); // of the columns that are not counts (bigint)
            List<Integer> light = new ArrayList<>();
            List<Integer> heavy = new ArrayList<>();
            for (int j = 0; j < group.size(); j++) {
                PlannedCheck p = checks.get(group.get(j));
                (p.probe() instanceof Duplicates || p.probe() instanceof Orphans ? heavy : light).add(j);
            }
            int branchCount = Math.max(1, Math.min(MAX_BRANCHES, heavy.size()));
            List<Branch> branches = new ArrayList<>();
            for (int b = 0; b < branchCount; b++) {
                branches.add(new Branch());
            }
            Branch first = branches.get(0);
            first.inner.put("sp_total", "count(*)");
            names.add("sp_total");
            StringBuilder samples = new StringBuilder();
            Set<Integer> withSample = new java.util.HashSet<>();
            for (int j : light) {
                PlannedCheck p = checks.get(group.get(j));
                String cond = condition(p);
                first.inner.put("c" + j, "count(*)" + (cond == null ? "" : " FILTER (WHERE " + cond + ")"));
                names.add("c" + j);
                String keys = sampleSelect(p, null);
                if (cond != null && keys != null && options.sampleCap() > 0) {
                    withSample.add(j);
                    samples.append(",\n       CASE WHEN sp_agg.c").append(j).append(" > 0 THEN (SELECT json_agg(sp_row) ")
                            .append("FROM (SELECT ").append(keys).append(" FROM ").append(from).append(" WHERE ")
                            .append(cond).append(" LIMIT least(sp_agg.c").append(j).append(", ")
                            .append(options.sampleCap()).append(")) sp_row) END AS s").append(j);
                }
            }
            // a foreign key branch joins its keys' array: one per branch; uniqueness checks fill up the others
            heavy.sort(java.util.Comparator.comparing(j -> checks.get(group.get(j)).probe() instanceof Orphans
                    ? 0 : 1));
            for (int h = 0; h < heavy.size(); h++) {
                int j = heavy.get(h);
                Branch b = branches.get(h % branchCount);
                PlannedCheck p = checks.get(group.get(j));
                if (p.probe() instanceof Duplicates d) {
                    String nn = notNull(d);
                    b.inner.put("n" + j, "count(*) FILTER (WHERE " + nn + ")");
                    b.inner.put("d" + j, "count(DISTINCT " + distinctKey(d) + ") FILTER (WHERE " + nn + ")");
                    names.add("n" + j);
                    names.add("d" + j);
                } else {
                    Orphans o = (Orphans) p.probe();
                    String col = Sql.ident(o.columns().get(0));
                    b.inner.put("a" + j, "array_agg(DISTINCT " + col + ") FILTER (WHERE " + col + " IS NOT NULL)");
                    // joins, not a sub-select: a lateral sub-select would keep the branch out of parallel workers
                    b.lateral.add("LEFT JOIN LATERAL unnest(sp_b.a" + j + ") AS sp_v(v) ON true");
                    b.lateral.add("LEFT JOIN (SELECT " + Sql.ident(o.refColumns().get(0)) + " AS sp_r, true AS sp_hit "
                            + "FROM " + Sql.table(o.refTable()) + ") AS sp_p ON sp_p.sp_r = sp_v.v");
                    String orphan = "sp_v.v IS NOT NULL AND sp_p.sp_hit IS NULL";
                    b.outer.put("o" + j, "count(*) FILTER (WHERE " + orphan + ")");
                    names.add("o" + j);
                    if (version >= 140000) {
                        // the first keys without a row, so that a failing check counts its rows by these keys alone
                        b.outer.put("ov" + j, "(array_agg(sp_v.v::text) FILTER (WHERE " + orphan + "))[1:"
                                + (ORPHAN_KEYS_MAX + 1) + "]");
                        b.outer.put("ot" + j, "min(pg_typeof(sp_v.v)::text) FILTER (WHERE " + orphan + ")");
                        b.types.put("ov" + j, "text[]");
                        b.types.put("ot" + j, "text");
                        types.put("ov" + j, "text[]");
                        types.put("ot" + j, "text");
                        names.add("ov" + j);
                        names.add("ot" + j);
                    }
                }
            }
            for (Branch b : branches) {
                b.types.putAll(types);
            }
            String agg = branches.size() == 1 ? branches.get(0).sql(from, null)
                    : "SELECT " + names.stream().map(n -> "max(" + n + ") AS " + n).collect(Collectors.joining(", "))
                    + "\n  FROM (\n" + branches.stream().map(b -> b.sql(from, names))
                    .collect(Collectors.joining("\n  UNION ALL\n")) + "\n  ) sp_u";
            String sql = "WITH sp_agg AS (\n" + agg + "\n)\nSELECT sp_agg.*" + samples + "\n  FROM sp_agg";
            boolean tuned = !heavy.isEmpty();
            try {
                query(table, Purpose.SCAN, group.size(), sql, options.budget(), tuned ? tuning(false) : "", rs -> {
                    long total = rs.getLong("sp_total");
                    String shared = group.size() > 1 ? (heavy.isEmpty() ? "counted in one scan of " : "counted in one "
                            + "statement over ") + table + " with " + (group.size() - 1) + " other check"
                            + (group.size() > 2 ? "s" : "") : null;
                    for (int j = 0; j < group.size(); j++) {
                        int i = group.get(j);
                        PlannedCheck p = checks.get(i);
                        if (p.probe() instanceof Duplicates d) {
                            long extra = rs.getLong("n" + j) - rs.getLong("d" + j);
                            if (extra > 0) {
                                results[i] = null; // groups and sample: a query of its own, below
                            } else {
                                results[i] = result(p, precheckSql(from, d), 0, List.of(), total, true,
                                        join(join("no two rows share a key", shared), frame.description()));
                            }
                        } else if (p.probe() instanceof Orphans o) {
                            if (rs.getLong("o" + j) > 0) {
                                results[i] = null;
                                if (version >= 140000) {
                                    java.sql.Array keys = rs.getArray("ov" + j);
                                    String[] values = keys == null ? null : (String[]) keys.getArray();
                                    String type = rs.getString("ot" + j);
                                    if (values != null && type != null && values.length <= ORPHAN_KEYS_MAX
                                            && type.matches("[\\w .\"]+")) {
                                        orphanKeys.put(i, new OrphanKeys(type, List.of(values)));
                                    }
                                }
                            } else {
                                results[i] = result(p, precheckSql(o, p.table()), 0, List.of(), total, true,
                                        join(join("every key has its row in " + o.refTable(), shared),
                                                frame.description()));
                            }
                        } else {
                            long c = rs.getLong("c" + j);
                            List<Map<String, Object>> sample = withSample.contains(j) ? sampleOf(rs, "s" + j)
                                    : List.of();
                            results[i] = counted(p, standalone(from, condition(p)), c, sample, total, frame, shared);
                        }
                    }
                    return null;
                });
            } catch (SQLException e) {
                Failure f = classify(e);
                if ((f == Failure.DATA || f == Failure.OTHER) && group.size() > 1) {
                    // one check's SQL failed: run each alone, so that it does not take the others down with it
                    for (int i : group) {
                        if (shared(checks.get(i))) {
                            scan(table, List.of(i), frame);
                        } else {
                            single(i, frame);
                        }
                    }
                    return;
                }
                for (int i : group) {
                    PlannedCheck p = checks.get(i);
                    results[i] = failed(p, shared(p) ? standalone(from, condition(p)) : null, e, f);
                }
                return;
            }
            for (int i : group) {
                if (results[i] == null && lost == null) {
                    single(i, frame); // found duplicates or orphans: count them and fetch the sample
                }
            }
        }

        /** One branch of the shared statement: aggregates over one scan, then lateral look-ups of their keys. */
        private static final class Branch {
            final Map<String, String> inner = new LinkedHashMap<>();
            final Map<String, String> outer = new LinkedHashMap<>();
            final List<String> lateral = new ArrayList<>();
            final Map<String, String> types = new HashMap<>();

            /** Its SELECT; with {@code all} (several branches) every column of the statement, NULL if not its own. */
            String sql(String from, List<String> all) {
                List<String> cols = new ArrayList<>();
                boolean joined = !lateral.isEmpty(); // one row per key of the array: aggregate again
                for (String n : all == null ? columns() : all) {
                    String e = outer.containsKey(n) ? outer.get(n) : inner.containsKey(n) ? (joined ? "max(sp_b." + n
                            + ")" : "sp_b." + n) : null;
                    cols.add((e == null ? "NULL::" + types.getOrDefault(n, "bigint") : e) + " AS " + n);
                }
                String agg = "SELECT " + inner.entrySet().stream().map(e -> e.getValue() + " AS " + e.getKey())
                        .collect(Collectors.joining(",\n         ")) + "\n    FROM " + from;
                if (lateral.isEmpty() && outer.isEmpty() && all == null) {
                    return agg;
                }
                return "  SELECT " + String.join(", ", cols) + "\n    FROM (" + agg + ") AS sp_b"
                        + lateral.stream().map(l -> "\n    " + l).collect(Collectors.joining());
            }

            private List<String> columns() {
                List<String> out = new ArrayList<>();
                for (String n : inner.keySet()) {
                    if (!n.startsWith("a")) {
                        out.add(n);
                    }
                }
                out.addAll(outer.keySet());
                return out;
            }
        }

        /** The key of a uniqueness check as one value for {@code count(DISTINCT ...)}: a row for several columns. */
        private String distinctKey(Duplicates d) {
            if (d.keys().size() == 1) {
                return d.keys().get(0).sql();
            }
            return "ROW(" + d.keys().stream().map(Key::sql).collect(Collectors.joining(", ")) + ")";
        }

        private String notNull(Duplicates d) {
            return d.keys().stream().map(k -> k.sql() + " IS NOT NULL").collect(Collectors.joining(" AND "))
                    + (d.where() == null ? "" : " AND (" + d.where() + ")");
        }

        /** What a passing uniqueness check computed, as a query a reader can run (0: no duplicates). */
        private String precheckSql(String from, Duplicates d) {
            return "SELECT count(*) - count(DISTINCT " + distinctKey(d) + ") FROM " + from + " WHERE " + notNull(d);
        }

        /** What a passing foreign key check computed, as a query a reader can run (0: no orphans). */
        private String precheckSql(Orphans o, QualifiedName table) {
            String col = Sql.ident(o.columns().get(0));
            return "SELECT count(*) FROM unnest((SELECT array_agg(DISTINCT " + col + ") FROM " + Sql.table(table)
                    + " WHERE " + col + " IS NOT NULL)) AS v WHERE NOT EXISTS (SELECT 1 FROM "
                    + Sql.table(o.refTable()) + " AS p WHERE p." + Sql.ident(o.refColumns().get(0)) + " = v)";
        }

        /**
         * Session settings for queries that sort or hash many keys: {@code work_mem} (sorts in memory instead of
         * on disk), no JIT (compiling costs more than it saves on one query), on PostgreSQL 16+ no presorted input
         * for {@code count(DISTINCT)} (the aggregate's own sort of the keys alone is about twice as fast as a Sort
         * node of whole rows), and for the GROUP BY of duplicates a sort rather than a hash aggregate (three times
         * faster for millions of distinct keys). Empty when
         * {@link Options#workMem()} is null: the server's settings.
         */
        private String tuning(boolean groupBySort) {
            if (options.workMem() == null) {
                return "";
            }
            return "; SET LOCAL work_mem = " + Sql.literal(options.workMem()) + "; SET LOCAL jit = off"
                    + (version >= 130000 ? "; SET LOCAL hash_mem_multiplier = 2" : "")
                    // 16+ would sort whole rows under count(DISTINCT ...): twice the memory, and slower
                    + (version >= 160000 ? "; SET LOCAL enable_presorted_aggregate = off" : "")
                    + (groupBySort ? "; SET LOCAL enable_hashagg = off" : "");
        }

        private String standalone(String from, String condition) {
            return "SELECT count(*) FROM " + from + (condition == null ? "" : " WHERE " + condition);
        }

        // ---------------------------------------------------------------------------------------- single queries

        private void single(int i, Frame frame) {
            if (lost != null) {
                return;
            }
            PlannedCheck p = checks.get(i);
            Probe probe = p.probe();
            if (probe instanceof Duplicates d) {
                duplicates(i, d, frame);
            } else if (probe instanceof Orphans o && orphanKeys.containsKey(i)) {
                orphans(i, o, orphanKeys.get(i));
            } else if (probe instanceof Orphans o) {
                orphans(i, o, frame);
            } else if (probe instanceof Rows r) {
                String from = r.from() + frame.clause();
                String shown = standalone(from, r.condition());
                String sql = "SELECT count(*) AS c FROM " + from
                        + (r.condition() == null ? "" : " WHERE " + r.condition());
                runSingle(i, Purpose.SINGLE, sql, shown, frame,
                        rs -> counted(p, shown, rs.getLong("c"), List.of(), null, frame, null));
            } else {
                String expr = probe instanceof Evaluate ev ? ev.expression() : ((Cast) probe).evaluate();
                String from = Sql.table(p.table()) + frame.clause();
                String sql = "SELECT count(" + expr + ") AS c FROM " + from;
                String note = probe instanceof Cast c ? c.note(version) : "the conversion is evaluated on every row";
                runSingle(i, Purpose.SINGLE, sql, sql, frame, rs -> result(p, sql, 0, List.of(), null,
                        frame.full(), join(note, frame.full() ? join("every value converts", frame.description())
                                : frame.description() + ": every sampled value converts")));
            }
        }

        private void duplicates(int i, Duplicates d, Frame frame) {
            PlannedCheck p = checks.get(i);
            String from = Sql.table(p.table()) + frame.clause();
            List<Key> keys = d.keys();
            String notNull = keys.stream().map(k -> k.sql() + " IS NOT NULL").collect(Collectors.joining(" AND "))
                    + (d.where() == null ? "" : " AND (" + d.where() + ")");
            StringBuilder inner = new StringBuilder("SELECT ");
            StringBuilder groupBy = new StringBuilder();
            for (int k = 0; k < keys.size(); k++) {
                inner.append(keys.get(k).sql()).append(" AS sp_k").append(k).append(", ");
                groupBy.append(k > 0 ? ", " : "").append(k + 1);
            }
            inner.append("count(*) AS sp_n FROM ").append(from).append(" WHERE ").append(notNull)
                    .append(" GROUP BY ").append(groupBy).append(" HAVING count(*) > 1");
            List<String> visible = new ArrayList<>();
            List<String> order = new ArrayList<>();
            Set<String> labels = new LinkedHashSet<>();
            for (int k = 0; k < keys.size(); k++) {
                Key key = keys.get(k);
                if (!key.secret() && labels.add(key.label())) {
                    visible.add("sp_k" + k + " AS " + Sql.ident(key.label()));
                    order.add(String.valueOf(visible.size()));
                }
            }
            String rowsLabel = labels.contains("rows") ? "sp_rows" : "rows";
            String sample = visible.isEmpty() || options.sampleCap() == 0 ? "NULL"
                    : "(SELECT json_agg(sp_row) FROM (SELECT " + String.join(", ", visible) + ", sp_n AS "
                    + Sql.ident(rowsLabel) + " FROM sp_dup ORDER BY sp_n DESC, " + String.join(", ", order)
                    + " LIMIT " + options.sampleCap() + ") sp_row)";
            String sql = "WITH sp_dup AS (\n" + inner + "\n)\nSELECT (SELECT count(*) FROM sp_dup) AS c,\n"
                    + "       (SELECT coalesce(sum(sp_n), 0) FROM sp_dup) AS r,\n       " + sample + " AS s";
            String keyList = keys.stream().map(Key::sql).collect(Collectors.joining(", "));
            String shown = "SELECT " + keyList + ", count(*) FROM " + from + " WHERE " + notNull + " GROUP BY "
                    + keyList + " HAVING count(*) > 1";
            runSingle(i, Purpose.DUPLICATES, sql, shown, frame, rs -> {
                long groups = rs.getLong("c");
                long rows = rs.getLong("r");
                String what = groups == 0 ? "no two rows share a key"
                        : groups + " group" + (groups == 1 ? "" : "s") + " of equal keys covering " + rows + " rows";
                String where = frame.full() ? join(what, frame.description()) : frame.description() + ": " + what
                        + " within the sample (a "
                        + "sample finds a duplicate only when both rows are in it, so the table may hold more)";
                String withheld = visible.isEmpty() && groups > 0 ? "sample withheld: the key columns look secret"
                        : null;
                return result(p, shown, groups, sampleOf(rs, "s"), null, frame.full(), join(where, withheld));
            });
        }

        /**
         * A foreign key check whose keys without a row are known (from the shared statement): the rows holding one of
         * them, counted by a scan with a hashed {@code = ANY (constant array)} (PostgreSQL 14+), much cheaper than an
         * anti-join of every row.
         */
        private void orphans(int i, Orphans o, OrphanKeys keys) {
            PlannedCheck p = checks.get(i);
            String from = Sql.table(p.table()) + " AS sp_c";
            StringBuilder array = new StringBuilder("{");
            for (String v : keys.values()) {
                array.append(array.length() > 1 ? "," : "").append('"')
                        .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            String where = "sp_c." + Sql.ident(o.columns().get(0)) + " = ANY (CAST(" + Sql.literal(array.append('}')
                    .toString()) + " AS " + keys.type() + "[]))";
            String sampleKeys = sampleSelect(p, "sp_c");
            String sample = sampleKeys == null || options.sampleCap() == 0 ? "NULL"
                    : "CASE WHEN sp_agg.c > 0 THEN (SELECT json_agg(sp_row) FROM (SELECT " + sampleKeys + " FROM "
                    + from + " WHERE " + where + " LIMIT least(sp_agg.c, " + options.sampleCap() + ")) sp_row) END";
            String sql = "WITH sp_agg AS (SELECT count(*) AS c FROM " + from + " WHERE " + where
                    + ")\nSELECT sp_agg.c, " + sample + " AS s FROM sp_agg";
            String shown = "SELECT count(*) FROM " + from + " WHERE " + where;
            String note = keys.values().size() + " key" + (keys.values().size() == 1 ? "" : "s") + " of "
                    + o.columns().get(0) + " without a row in " + o.refTable() + " (found in one statement with the "
                    + "other checks), then the rows holding them counted";
            runSingle(i, Purpose.ORPHANS, sql, shown, Frame.FULL,
                    rs -> counted(p, shown, rs.getLong("c"), sampleOf(rs, "s"), null, Frame.FULL, note));
        }

        private void orphans(int i, Orphans o, Frame frame) {
            PlannedCheck p = checks.get(i);
            String from = Sql.table(p.table()) + " AS sp_c" + frame.clause();
            String notNull = o.columns().stream().map(c -> "sp_c." + Sql.ident(c) + " IS NOT NULL")
                    .collect(Collectors.joining(" AND "));
            List<String> match = new ArrayList<>();
            for (int k = 0; k < o.columns().size(); k++) {
                match.add("sp_p." + Sql.ident(o.refColumns().get(k)) + " = sp_c." + Sql.ident(o.columns().get(k)));
            }
            String where = notNull + " AND NOT EXISTS (SELECT 1 FROM " + Sql.table(o.refTable()) + " AS sp_p WHERE "
                    + String.join(" AND ", match) + ")";
            String keys = sampleSelect(p, "sp_c");
            String sample = keys == null || options.sampleCap() == 0 ? "NULL"
                    : "CASE WHEN sp_agg.c > 0 THEN (SELECT json_agg(sp_row) FROM (SELECT " + keys + " FROM " + from
                    + " WHERE " + where + " LIMIT least(sp_agg.c, " + options.sampleCap() + ")) sp_row) END";
            String sql = "WITH sp_agg AS (SELECT count(*) AS c FROM " + from + " WHERE " + where + ")\nSELECT sp_agg.c, "
                    + sample + " AS s FROM sp_agg";
            String shown = "SELECT count(*) FROM " + from + " WHERE " + where;
            runSingle(i, Purpose.ORPHANS, sql, shown, frame,
                    rs -> counted(p, shown, rs.getLong("c"), sampleOf(rs, "s"), null, frame, null));
        }

        private void runSingle(int i, Purpose purpose, String sql, String shown, Frame frame,
                               RowReader<DataCheck> reader) {
            PlannedCheck p = checks.get(i);
            String settings = purpose == Purpose.DUPLICATES ? tuning(true) : purpose == Purpose.ORPHANS ? tuning(false)
                    : "";
            try {
                results[i] = query(p.table(), purpose, 1, sql, options.budget(), settings, reader);
            } catch (SQLException e) {
                results[i] = failed(p, shown, e, classify(e));
            }
        }

        // ---------------------------------------------------------------------------------------- results

        /** A count from a scan or a query of its own: exact over the whole table, scaled over a sample. */
        private DataCheck counted(PlannedCheck p, String sql, long count, List<Map<String, Object>> sample, Long rows,
                                  Frame frame, String extra) {
            if (frame.full()) {
                return result(p, sql, count, sample, rows, true, join(join(probeNote(p), extra), frame.description()));
            }
            long scaled = frame.scale(count);
            String sampled = frame.description() + (rows == null ? "" : ": " + fmt(rows) + " rows sampled") + "; "
                    + fmt(count) + " of them match" + (count == 0 ? "" : ", about " + fmt(scaled) + " in the table");
            return result(p, sql, scaled, sample, rows, false, join(join(probeNote(p), extra), sampled));
        }

        private DataCheck result(PlannedCheck p, String sql, long count, List<Map<String, Object>> sample, Long rows,
                                 boolean exact, String runNote) {
            return new DataCheck(p.id(), p.kind().id(), p.object(), sql,
                    new DataCheck.Result(count, sample, join(p.note(), runNote), rows), count == 0, exact,
                    p.statement(), p.advisory(), null);
        }

        private DataCheck error(PlannedCheck p, String sql, String error) {
            return new DataCheck(p.id(), p.kind().id(), p.object(), sql,
                    new DataCheck.Result(-1, List.of(), p.note(), null), false, false, p.statement(), p.advisory(),
                    error);
        }

        /** What a failed query means for its check. */
        private DataCheck failed(PlannedCheck p, String sql, SQLException e, Failure f) {
            switch (f) {
                case LOST:
                    lost = "the connection was lost during the data checks, so they did not finish: " + describe(e);
                    return error(p, sql, lost);
                case TIMEOUT:
                    return estimated(p, "the exact count exceeded the budget of " + fmt(options.budget())
                            + " (statement_timeout)");
                case LOCKED:
                    return estimated(p, p.table() + " is locked by another session (lock_timeout "
                            + fmt(options.lockTimeout()) + ")");
                case DATA:
                    if (p.kind() == PlannedCheck.Kind.CAST || p.kind() == PlannedCheck.Kind.CHECK
                            || p.kind() == PlannedCheck.Kind.ENUM) {
                        return result(p, sql, 1, List.of(), null, false, "at least one row fails: "
                                + serverMessage(e, p) + " (PostgreSQL stops at the first failing row, so the number "
                                + "of failing rows is not known)");
                    }
                    return error(p, sql, "the check's query failed: " + serverMessage(e, p));
                default:
                    return error(p, sql, "the check's query failed: " + serverMessage(e, p));
            }
        }

        // ---------------------------------------------------------------------------------------- estimates

        /** The estimate for a check; {@code why}, when not null, says why there is no exact count. */
        private DataCheck estimated(PlannedCheck p, String why) {
            if (lost != null) {
                return error(p, null, lost);
            }
            Estimates.Stats s = stats(p.table());
            if (lost != null) {
                return error(p, s.sql(), lost);
            }
            String prefix = why == null ? "" : why + ", so this is an estimate instead: ";
            if (s.error() != null) {
                return error(p, Estimates.sql(p), (why == null ? "" : why + "; ") + "no estimate: " + s.error());
            }
            Estimates.Guess g = Estimates.guess(p, s);
            if (g.value() == null) {
                return error(p, Estimates.sql(p), (why == null ? "" : why + "; ") + "no estimate: " + g.how());
            }
            long count = Math.round(g.value());
            String analysed = s.analyzed() == null ? "" : "; statistics of " + s.analyzed();
            return new DataCheck(p.id(), p.kind().id(), p.object(), Estimates.sql(p),
                    new DataCheck.Result(count, List.of(), join(p.note(), prefix + "estimated from pg_stats "
                            + "(approximate, not a count): " + g.how() + analysed), Math.round(s.rows())),
                    count == 0, false, p.statement(), p.advisory(), null);
        }

        private Estimates.Stats stats(QualifiedName table) {
            String key = table.toString();
            Estimates.Stats cached = stats.get(key);
            if (cached != null) {
                return cached;
            }
            String sql = Estimates.statsSql(table, statColumns.getOrDefault(key, Set.of()), version);
            Estimates.Stats s;
            try {
                s = query(table, Purpose.STATISTICS, 0, sql, Duration.ofSeconds(10), rs -> Estimates.read(rs, sql));
                if (s == null) {
                    s = Estimates.Stats.failed(sql, table + " does not exist");
                }
            } catch (SQLException e) {
                Failure f = classify(e);
                if (f == Failure.LOST) {
                    lost = "the connection was lost during the data checks, so they did not finish: " + describe(e);
                }
                s = Estimates.Stats.failed(sql, "the statistics query failed: " + describe(e));
            }
            stats.put(key, s);
            return s;
        }

        // ---------------------------------------------------------------------------------------- sampling

        /** The TABLESAMPLE clause that reads about {@code sampleRows} rows of the table; null when the run is lost. */
        private Frame sampleFrame(QualifiedName table, List<Integer> group) {
            Estimates.Stats s = stats(table);
            if (lost != null) {
                for (int i : group) {
                    results[i] = error(checks.get(i), s.sql(), lost);
                }
                return null;
            }
            double rows = s.rows();
            String assumed = "";
            if (rows < 0 && s.pages() > 0) {
                rows = s.pages() * 50.0;
                assumed = " (never analysed: about 50 rows per page assumed)";
            }
            if (rows < 0) {
                return new Frame("", 100, "the table's size is unknown, so it was counted in full");
            }
            double percent = 100.0 * options.sampleRows() / Math.max(rows, 1);
            if (percent >= 100) {
                return new Frame("", 100, "about " + fmt(Math.round(rows)) + " rows, no more than the sample size of "
                        + fmt(options.sampleRows()) + ": counted in full" + assumed);
            }
            percent = Math.max(percent, 0.0001);
            String pct = new BigDecimal(percent).round(new MathContext(3)).stripTrailingZeros().toPlainString();
            String clause = " TABLESAMPLE " + options.sampleMethod() + " (" + pct + ") REPEATABLE (" + options.seed()
                    + ")";
            return new Frame(clause, Double.parseDouble(pct), "TABLESAMPLE " + options.sampleMethod() + " (" + pct
                    + "%) of about " + fmt(Math.round(rows)) + " rows" + assumed);
        }

        private String sampleSelect(PlannedCheck p, String alias) {
            List<String> cols = new ArrayList<>();
            for (String k : p.sampleKeys()) {
                if (Secrets.looksSecret(k)) {
                    continue;
                }
                String prefix = alias == null ? "" : alias + ".";
                cols.add(k.equals("ctid") ? prefix + "ctid::text AS ctid" : prefix + Sql.ident(k) + " AS " + Sql.ident(k));
            }
            return cols.isEmpty() ? null : String.join(", ", cols);
        }

        private List<Map<String, Object>> sampleOf(ResultSet rs, String column) throws SQLException {
            String json = rs.getString(column);
            if (json == null) {
                return List.of();
            }
            try {
                List<Map<String, Object>> rows = MAPPER.readValue(json, SAMPLE);
                List<Map<String, Object>> out = new ArrayList<>();
                for (Map<String, Object> row : rows) {
                    Map<String, Object> clean = new LinkedHashMap<>(row);
                    clean.keySet().removeIf(Secrets::looksSecret);
                    out.add(clean);
                }
                return List.copyOf(out);
            } catch (IOException e) {
                throw new SQLException("unreadable sample: " + e.getMessage(), e);
            }
        }

        // ---------------------------------------------------------------------------------------- plumbing

        /** Runs one query in its own read-only transaction with the given statement timeout, and rolls back. */
        private <T> T query(QualifiedName table, Purpose purpose, int count, String sql, Duration timeout,
                            RowReader<T> reader) throws SQLException {
            return query(table, purpose, count, sql, timeout, "", reader);
        }

        /** As above, with {@code settings} ({@code ; SET LOCAL ...}) added to the transaction's start. */
        private <T> T query(QualifiedName table, Purpose purpose, int count, String sql, Duration timeout,
                            String settings, RowReader<T> reader) throws SQLException {
            long t0 = System.nanoTime();
            String err = null;
            try {
                begin(timeout, settings);
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                    return rs.next() ? reader.read(rs) : null;
                }
            } catch (SQLException e) {
                err = oneLine(e.getMessage());
                throw e;
            } finally {
                rollbackQuietly();
                queries.add(new Query(table.toString(), purpose, count, sql, (System.nanoTime() - t0) / 1_000_000,
                        err));
            }
        }

        private void begin(Duration timeout) throws SQLException {
            begin(timeout, "");
        }

        private void begin(Duration timeout, String settings) throws SQLException {
            try (Statement st = conn.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = " + Math.max(1,
                        timeout.toMillis()) + "; SET LOCAL lock_timeout = " + Math.max(1,
                        options.lockTimeout().toMillis()) + settings);
            }
        }

        private int readVersion() throws SQLException {
            try {
                begin(Duration.ofSeconds(10));
                try (Statement st = conn.createStatement();
                     ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
                    rs.next();
                    return rs.getInt(1);
                }
            } finally {
                rollbackQuietly();
            }
        }

        private void rollbackQuietly() {
            try {
                if (!conn.isClosed()) {
                    conn.rollback();
                }
            } catch (SQLException e) {
                // the connection is gone; the next query reports it
            }
        }

        private void restore(Boolean autoCommit, int networkTimeout) {
            try {
                if (conn.isClosed()) {
                    return;
                }
                if (autoCommit != null) {
                    conn.setAutoCommit(autoCommit);
                }
                if (networkTimeout >= 0) {
                    conn.setNetworkTimeout(Runnable::run, networkTimeout);
                }
            } catch (SQLException e) {
                // nothing more to do with a broken connection
            }
        }

        private Failure classify(SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            boolean closed;
            try {
                closed = conn.isClosed();
            } catch (SQLException x) {
                closed = true;
            }
            if (closed || state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                    || state.equals("57P03")) {
                return Failure.LOST;
            }
            if (state.equals("57014")) {
                return Failure.TIMEOUT;
            }
            if (state.equals("55P03")) {
                return Failure.LOCKED;
            }
            return state.startsWith("22") ? Failure.DATA : Failure.OTHER;
        }

        private String probeNote(PlannedCheck p) {
            return p.probe() instanceof Cast c ? c.note(version) : null;
        }

        private String tableKey(PlannedCheck p) {
            return p.table().toString();
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    // ================================================================================================ text

    private static String describe(SQLException e) {
        return Connections.translate(e, "run the data checks", null).getMessage();
    }

    /** The server's message, one line, with quoted values hidden when the check touches secret-looking columns. */
    private static String serverMessage(SQLException e, PlannedCheck p) {
        String m = oneLine(e.getMessage());
        boolean sensitive = Secrets.looksSecret(p.object()) || p.columns().stream().anyMatch(Secrets::looksSecret)
                || Secrets.looksSecret(String.valueOf(p.probe()));
        return sensitive ? m.replaceAll("\"[^\"]*\"", "\"(hidden)\"") : m;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).strip();
    }

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b;
        }
        return b == null || b.isEmpty() ? a : a + "; " + b;
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String fmt(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        return BigDecimal.valueOf(ms).divide(BigDecimal.valueOf(1000)).stripTrailingZeros().toPlainString() + " s";
    }
}
