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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs planned data checks on a live database, read-only. Every query runs in a {@code READ ONLY} transaction with
 * {@code SET LOCAL statement_timeout} (the budget) and {@code lock_timeout}, and is rolled back.
 * Each check is one aggregate query that leaves the counting to PostgreSQL; the row checks on one table (NULLs,
 * failing casts, CHECK violations, enum labels, data that would be lost) share one scan:
 * {@code SELECT count(*) FILTER (WHERE ...) AS c1, count(*) FILTER (WHERE ...) AS c2 FROM t}. In EXACT mode the
 * uniqueness and foreign key checks join that statement too ({@link Options#oneStatement()}):
 * <ul>
 * <li>a foreign key of one integer column whose referenced column is an integer range with a unique index and at
 *     most {@link #DENSE_PARENT_MAX_GAPS} gaps becomes a row check: its orphans are the keys outside the range or in
 *     a gap. The range is read in the same REPEATABLE READ transaction as the rows, so both are one snapshot;</li>
 * <li>a uniqueness check as {@code count(key) - count(DISTINCT key)}; when it is the only sort, its rows are split
 *     by a predicate on the first key (parity, or the median of the histogram) so that each core sorts half;</li>
 * <li>another foreign key as its distinct keys ({@code array_agg(DISTINCT key)}, when pg_stats says there are not too
 *     many) looked up in the referenced table,</li>
 * </ul>
 * spread over up to two UNION ALL branches that parallel workers run side by side. Only a check that finds something
 * it cannot count there gets a second query (a GROUP BY for the groups, the rows holding the keys without a row) for
 * its count and sample. Otherwise (SAMPLE mode, many distinct keys, no statistics) uniqueness checks get a GROUP BY
 * each and foreign keys an anti-join each. Queries that sort keys run with {@link Options#workMem()} and without
 * JIT. Samples hold row keys only, capped, fetched inside the same statement and only for checks that failed, and
 * never values of secret-looking columns.
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
     *                    foreign keys by the referenced key's range or by their distinct keys); false: a GROUP BY per
     *                    uniqueness check and an anti-join per foreign key, as before
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

    /**
     * Most rows of a referenced table whose key range a foreign key check reads ({@link DenseParent}); no more keys
     * than this are read, whatever the statistics say.
     */
    static final long DENSE_PARENT_MAX_ROWS = 5_000_000;
    /** Most values missing from a referenced key's range that a foreign key check lists (in a hashed {@code = ANY}). */
    static final int DENSE_PARENT_MAX_GAPS = 10_000;

    /** Column types ({@code format_type}) whose keys are compared as integers (a range, a parity). */
    private static final Set<String> INTEGER_TYPES = Set.of("smallint", "integer", "bigint");
    /** Column types whose uniqueness check may be split by the median of their histogram. */
    private static final Set<String> PIVOT_TYPES = Set.of("text", "character varying", "character", "uuid", "numeric",
            "date", "timestamp without time zone", "timestamp with time zone");

    /**
     * The values of an integer column referenced by a foreign key, read in the same snapshot as the referencing
     * rows: every value from {@code min} to {@code max} but the {@code missing} ones (a unique index on the column
     * makes {@code max - min + 1 - keys} the number of those). A key has its row exactly when it is within the range
     * and not missing, so the orphan rows are counted by a condition in the shared scan, with no sort and no look-up.
     *
     * @param min null when the column holds no value (every non-null key is then an orphan)
     */
    private record DenseParent(QualifiedName refTable, String refColumn, Long min, Long max, long keys,
                               List<Long> missing) {

        /** The orphan rows' condition for the referencing column {@code col} (quoted). */
        String condition(String col) {
            if (min == null) {
                return col + " IS NOT NULL";
            }
            String gaps = missing.isEmpty() ? "" : " OR " + col + " = ANY (CAST(" + Sql.literal(missing.stream()
                    .map(String::valueOf).collect(Collectors.joining(",", "{", "}"))) + " AS bigint[]))";
            return col + " IS NOT NULL AND (" + col + " < " + number(min) + " OR " + col + " > " + number(max) + gaps
                    + ")";
        }

        /** e.g. {@code public.customers.id 1..100,000, which has no gaps} */
        private String range() {
            return refTable + "." + refColumn + " " + fmt(min) + ".." + fmt(max) + (missing.isEmpty()
                    ? ", which has no gaps" : ", which lacks " + fmt(missing.size()) + " value"
                    + (missing.size() == 1 ? "" : "s") + " of that range");
        }

        String passed() {
            return min == null ? "every key is NULL (" + refTable + "." + refColumn + " holds no values)"
                    : "every key is within " + range() + (missing.isEmpty() ? "" : ", and none is a missing one");
        }

        String failed() {
            return min == null ? refTable + "." + refColumn + " holds no values, so no key has its row"
                    : "keys checked against " + range() + ": a key outside the range" + (missing.isEmpty() ? ""
                    : " or equal to a missing value") + " has no row";
        }

        private static String number(long v) {
            return v < 0 ? "(" + v + ")" : String.valueOf(v);
        }
    }

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
        /** Inside {@link #transaction}: a query is a statement of that transaction, not one of its own. */
        private boolean inTransaction;

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
                for (int i : group) {
                    PlannedCheck p = checks.get(i);
                    if (shared(p) || one && (p.probe() instanceof Duplicates
                            || p.probe() instanceof Orphans o && o.columns().size() == 1)) {
                        scan.add(i); // a foreign key that the statement does not take gets an anti-join afterwards
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
         * The checks of {@code group} on one table in one statement ({@link Shared}), inside one REPEATABLE READ
         * read-only transaction together with what the statement is built from (the catalog's facts about the keys,
         * the key ranges of referenced tables), so that all of it reads one snapshot. A check the statement finds
         * something for but cannot count (duplicate groups; rows of a foreign key whose missing keys it found), and a
         * foreign key it does not take, get a query of their own afterwards.
         */
        private void scan(QualifiedName table, List<Integer> group, Frame frame) {
            if (lost != null) {
                return;
            }
            Shared s = new Shared(table, group, frame);
            boolean tuned = group.stream().anyMatch(i -> checks.get(i).probe() instanceof Duplicates
                    || checks.get(i).probe() instanceof Orphans);
            try {
                transaction(options.budget(), tuned ? tuning(false) : "", () -> {
                    s.plan();
                    if (lost == null) {
                        s.run();
                    }
                    return null;
                });
            } catch (SQLException e) {
                Failure f = classify(e);
                List<Integer> members = s.members();
                if ((f == Failure.DATA || f == Failure.OTHER) && members.size() > 1) {
                    // one check's SQL failed: run each alone, so that it does not take the others down with it
                    for (int i : members) {
                        if (shared(checks.get(i))) {
                            scan(table, List.of(i), frame);
                        } else {
                            single(i, frame);
                        }
                    }
                } else {
                    for (int i : members) {
                        PlannedCheck p = checks.get(i);
                        results[i] = failed(p, shared(p) ? standalone(s.from, condition(p)) : null, e, f);
                    }
                }
            }
            for (int i : group) {
                if (results[i] == null && lost == null) {
                    single(i, frame); // found duplicates or orphan keys, or not taken: a query of its own
                }
            }
        }

        /**
         * The shared statement over one table. Row checks are {@code count(*) FILTER (WHERE ...)} columns of one
         * aggregate, and so is a foreign key whose referenced key is a range of integers with few gaps
         * ({@link DenseParent}): its orphan rows are those whose key is outside the range or in a gap, counted and
         * sampled like a row check, with no sort and no look-up. A uniqueness check adds {@code count(DISTINCT key)}
         * (a sort of the keys, much cheaper than grouping them) beside the count of non-null keys; another foreign key
         * adds {@code array_agg(DISTINCT key)}, whose keys are then looked up in the referenced table. The sorts are
         * spread over up to two branches of a UNION ALL, each one scan of the table, which PostgreSQL runs side by
         * side (Parallel Append). When the only sort is one uniqueness check, the rows are split between the two
         * branches by a predicate on its first key ({@link #splitter}): equal keys always fall in the same half, so
         * the duplicates are the sum of the halves' {@code count - count(DISTINCT)}, and each core sorts half of the
         * keys; the row checks are counted in both halves and summed.
         */
        private final class Shared {
            final QualifiedName table;
            final List<Integer> group;
            final Frame frame;
            final String from;
            /** Row checks and dense foreign keys (by position in the group): their condition, null for every row. */
            final Map<Integer, String> light = new LinkedHashMap<>();
            final Map<Integer, DenseParent> dense = new HashMap<>();
            /** Uniqueness checks and foreign keys by their distinct keys: a sort each. */
            final List<Integer> heavy = new ArrayList<>();
            final Set<Integer> withSample = new HashSet<>();
            /** The predicate splitting the rows between the two branches, or null. */
            String split;
            boolean planned;

            Shared(QualifiedName table, List<Integer> group, Frame frame) {
                this.table = table;
                this.group = group;
                this.frame = frame;
                this.from = Sql.table(table) + frame.clause();
            }

            /** Decides how each check is answered: statements of the current transaction read what that needs. */
            void plan() {
                Map<String, String> facts = facts();
                int arrays = 0;
                for (int j = 0; j < group.size() && lost == null; j++) {
                    PlannedCheck p = checks.get(group.get(j));
                    if (p.probe() instanceof Duplicates) {
                        heavy.add(j);
                    } else if (p.probe() instanceof Orphans o) {
                        DenseParent d = denseParent(j, o, facts);
                        if (d != null) {
                            dense.put(j, d);
                            light.put(j, d.condition(Sql.ident(o.columns().get(0))));
                        } else if (arrays < MAX_BRANCHES && distinctFirst(p, o)) {
                            heavy.add(j); // one per branch of the statement
                            arrays++;
                        }
                    } else {
                        light.put(j, condition(p));
                    }
                }
                if (heavy.size() == 1 && checks.get(group.get(heavy.get(0))).probe() instanceof Duplicates d) {
                    split = splitter(heavy.get(0), d, facts);
                }
                planned = true;
            }

            /** The checks (indexes into {@code checks}) the statement answers: all of the group until planned. */
            List<Integer> members() {
                if (!planned) {
                    return group;
                }
                List<Integer> out = new ArrayList<>();
                for (int j = 0; j < group.size(); j++) {
                    if (light.containsKey(j) || heavy.contains(j)) {
                        out.add(group.get(j));
                    }
                }
                return out;
            }

            /**
             * One row of what the catalog says about the keys, read only when there is a uniqueness or a foreign key
             * check: {@code kt<j>} the type of a uniqueness check's first key column and {@code kp<j>} the median of
             * its pg_stats histogram; {@code ft<j>} / {@code rt<j>} the types of a foreign key's column and of the
             * referenced one, {@code ru<j>} whether that one alone has a valid unique index, {@code rn<j>} the
             * referenced table's row estimate when it is a plain or partitioned table without inheritance children.
             * Empty when there is nothing to ask or the query failed (then every check takes its usual path).
             */
            private Map<String, String> facts() {
                List<String> cols = new ArrayList<>();
                for (int j = 0; j < group.size(); j++) {
                    PlannedCheck p = checks.get(group.get(j));
                    if (p.probe() instanceof Duplicates d && plainColumn(d.keys().get(0))) {
                        Key k = d.keys().get(0);
                        cols.add(columnType(table, k.label()) + " AS kt" + j);
                        if (!k.secret()) {
                            cols.add(median(table, k.label()) + " AS kp" + j); // a value of the data: not of secrets
                        }
                    } else if (p.probe() instanceof Orphans o && o.columns().size() == 1) {
                        cols.add(columnType(table, o.columns().get(0)) + " AS ft" + j);
                        cols.add(columnType(o.refTable(), o.refColumns().get(0)) + " AS rt" + j);
                        cols.add(uniqueKey(o.refTable(), o.refColumns().get(0), version) + " AS ru" + j);
                        cols.add("(SELECT c.reltuples::text FROM pg_class c WHERE c.oid = " + regclass(o.refTable())
                                + " AND (c.relkind = 'p' OR c.relkind = 'r' AND NOT c.relhassubclass)) AS rn" + j);
                    }
                }
                if (cols.isEmpty()) {
                    return Map.of();
                }
                cols.add("(current_setting('max_parallel_workers_per_gather')::int > 0)::text AS sp_parallel");
                String sql = "SELECT " + String.join(",\n       ", cols);
                Map<String, String> facts = optional(table, Purpose.STATISTICS, 0, sql, rs -> {
                    Map<String, String> row = new HashMap<>();
                    for (int c = 1; c <= rs.getMetaData().getColumnCount(); c++) {
                        row.put(rs.getMetaData().getColumnLabel(c), rs.getString(c));
                    }
                    return row;
                });
                return facts == null ? Map.of() : facts;
            }

            /**
             * The referenced key's range for a foreign key of one integer column that references one integer column
             * with a unique index of its own, in a table of at most {@link #DENSE_PARENT_MAX_ROWS} rows; null when it
             * does not apply (another type, no such index, too many rows or gaps) or could not be read.
             */
            private DenseParent denseParent(int j, Orphans o, Map<String, String> facts) {
                String rows = facts.get("rn" + j);
                if (!INTEGER_TYPES.contains(facts.get("ft" + j)) || !INTEGER_TYPES.contains(facts.get("rt" + j))
                        || !"true".equals(facts.get("ru" + j)) || rows == null
                        || Double.parseDouble(rows) > DENSE_PARENT_MAX_ROWS) {
                    return null;
                }
                return parentRange(o);
            }

            void run() throws SQLException {
                if (members().isEmpty()) {
                    return; // a foreign key it does not take, alone on its table
                }
                String sql = sql();
                logged(table, Purpose.SCAN, members().size(), sql, () -> read(sql, rs -> {
                    answer(rs);
                    return null;
                }));
            }

            private String sql() {
                int branchCount = split != null ? 2 : Math.max(1, Math.min(MAX_BRANCHES, heavy.size()));
                List<Branch> branches = new ArrayList<>();
                for (int b = 0; b < branchCount; b++) {
                    branches.add(new Branch());
                }
                if (split != null) {
                    branches.get(0).where = split;
                    branches.get(1).where = "(" + split + ") IS NOT TRUE"; // NULL keys too: every row in one half
                }
                // split: each branch counts its half of the rows; otherwise the first one counts them all
                List<Branch> counting = split != null ? branches : List.of(branches.get(0));
                List<String> names = new ArrayList<>();
                Map<String, String> types = new HashMap<>(); // of the columns that are not counts (bigint)
                put(counting, names, "sp_total", "count(*)");
                StringBuilder samples = new StringBuilder();
                for (Map.Entry<Integer, String> e : light.entrySet()) {
                    int j = e.getKey();
                    String cond = e.getValue();
                    put(counting, names, "c" + j, "count(*)" + (cond == null ? "" : " FILTER (WHERE " + cond + ")"));
                    String keys = sampleSelect(checks.get(group.get(j)), null);
                    if (cond != null && keys != null && options.sampleCap() > 0) {
                        withSample.add(j);
                        samples.append(",\n       CASE WHEN sp_agg.c").append(j).append(" > 0 THEN (SELECT json_agg(sp_row) ")
                                .append("FROM (SELECT ").append(keys).append(" FROM ").append(from).append(" WHERE ")
                                .append(cond).append(" LIMIT least(sp_agg.c").append(j).append(", ")
                                .append(options.sampleCap()).append(")) sp_row) END AS s").append(j);
                    }
                }
                // a foreign key branch joins its keys' array: one per branch; uniqueness checks fill up the others
                List<Integer> sorts = new ArrayList<>(heavy);
                sorts.sort(java.util.Comparator.comparing(j -> checks.get(group.get(j)).probe() instanceof Orphans
                        ? 0 : 1));
                for (int h = 0; h < sorts.size(); h++) {
                    int j = sorts.get(h);
                    PlannedCheck p = checks.get(group.get(j));
                    List<Branch> in = split != null ? branches : List.of(branches.get(h % branchCount));
                    if (p.probe() instanceof Duplicates d) {
                        String nn = notNull(d);
                        put(in, names, "n" + j, "count(*) FILTER (WHERE " + nn + ")");
                        put(in, names, "d" + j, "count(DISTINCT " + distinctKey(d) + ") FILTER (WHERE " + nn + ")");
                        continue;
                    }
                    Branch b = in.get(0);
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
                        types.put("ov" + j, "text[]");
                        types.put("ot" + j, "text");
                        names.add("ov" + j);
                        names.add("ot" + j);
                    }
                }
                for (Branch b : branches) {
                    b.types.putAll(types);
                }
                // split: the halves' counts add up; otherwise each column comes from one branch (NULL in the others)
                String agg = branches.size() == 1 ? branches.get(0).sql(from, null)
                        : "SELECT " + names.stream().map(n -> (split != null ? "sum(" + n + ")::bigint" : "max(" + n
                        + ")") + " AS " + n).collect(Collectors.joining(", "))
                        + "\n  FROM (\n" + branches.stream().map(b -> b.sql(from, names))
                        .collect(Collectors.joining("\n  UNION ALL\n")) + "\n  ) sp_u";
                return "WITH sp_agg AS (\n" + agg + "\n)\nSELECT sp_agg.*" + samples + "\n  FROM sp_agg";
            }

            private void put(List<Branch> in, List<String> names, String name, String aggregate) {
                for (Branch b : in) {
                    b.inner.put(name, aggregate);
                }
                names.add(name);
            }

            /** The results of the checks the statement answers, from its one row. */
            private void answer(ResultSet rs) throws SQLException {
                long total = rs.getLong("sp_total");
                List<Integer> members = members();
                String shared = members.size() > 1 ? (heavy.isEmpty() ? "counted in one scan of " : "counted in one "
                        + "statement over ") + table + " with " + (members.size() - 1) + " other check"
                        + (members.size() > 2 ? "s" : "") : null;
                for (int j = 0; j < group.size(); j++) {
                    int i = group.get(j);
                    PlannedCheck p = checks.get(i);
                    if (!members.contains(i)) {
                        continue;
                    }
                    if (p.probe() instanceof Duplicates d) {
                        long extra = rs.getLong("n" + j) - rs.getLong("d" + j);
                        if (extra > 0) {
                            results[i] = null; // groups and sample: a query of its own, afterwards
                        } else {
                            results[i] = result(p, precheckSql(from, d), 0, List.of(), total, true,
                                    join(join("no two rows share a key", shared), frame.description()));
                        }
                    } else if (p.probe() instanceof Orphans o && !dense.containsKey(j)) {
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
                        List<Map<String, Object>> sample = withSample.contains(j) ? sampleOf(rs, "s" + j) : List.of();
                        DenseParent d = dense.get(j);
                        String how = d == null ? shared : join(c == 0 ? d.passed() : d.failed(), shared);
                        results[i] = counted(p, standalone(from, light.get(j)), c, sample, total, frame, how);
                    }
                }
            }
        }

        /**
         * A predicate on the first key column of a uniqueness check that splits the rows into two halves in which
         * equal keys always fall together, or null: parity for an integer column; "below the median of the pg_stats
         * histogram" for text, uuid, numeric and date/time columns (one comparison per row, little beside the sort it
         * halves). None for an expression, for a secret-looking column (the median would be in the SQL), without
         * statistics (other types), or when the server runs no parallel workers (the halves would run one after the
         * other: a second scan for nothing).
         */
        private String splitter(int j, Duplicates d, Map<String, String> facts) {
            Key k = d.keys().get(0);
            if (!"true".equals(facts.get("sp_parallel")) || !plainColumn(k)) {
                return null;
            }
            String type = facts.get("kt" + j);
            if (INTEGER_TYPES.contains(type)) {
                return k.sql() + " % 2 = 0";
            }
            String median = facts.get("kp" + j);
            return median != null && PIVOT_TYPES.contains(type) ? k.sql() + " < " + Sql.literal(median) : null;
        }

        /**
         * The key range of the column a foreign key references, read in the scan's transaction: its least and
         * greatest value and how many there are (at most {@link #DENSE_PARENT_MAX_ROWS} are read); with a unique
         * index on the column, {@code max - min + 1 - count} values of the range are missing, and when there are a
         * few (PostgreSQL 14+, which hashes a long {@code = ANY} list), they are read too. Null when the range has
         * too many gaps, the table too many rows, or the reads fail (the foreign key then takes its usual path).
         */
        private DenseParent parentRange(Orphans o) {
            String col = Sql.ident(o.refColumns().get(0));
            String keys = "SELECT " + col + " AS sp_k FROM " + Sql.table(o.refTable()) + " WHERE " + col
                    + " IS NOT NULL";
            String sql = "SELECT min(sp_k)::text AS lo, max(sp_k)::text AS hi, count(*) AS n FROM (" + keys
                    + " LIMIT " + (DENSE_PARENT_MAX_ROWS + 1) + ") sp_r";
            DenseParent range = optional(o.refTable(), Purpose.ORPHANS, 1, sql,
                    rs -> new DenseParent(o.refTable(), o.refColumns().get(0), rs.getString("lo") == null ? null
                            : Long.parseLong(rs.getString("lo")), rs.getString("hi") == null ? null
                            : Long.parseLong(rs.getString("hi")), rs.getLong("n"), List.of()));
            if (range == null || range.keys() > DENSE_PARENT_MAX_ROWS) {
                return null;
            }
            if (range.min() == null) {
                return range; // no values at all: every non-null key is without its row
            }
            long gaps;
            try {
                gaps = Math.subtractExact(Math.addExact(Math.subtractExact(range.max(), range.min()), 1), range.keys());
            } catch (ArithmeticException e) {
                return null;
            }
            if (gaps == 0) {
                return range;
            }
            if (gaps < 0 || gaps > (version >= 140000 ? DENSE_PARENT_MAX_GAPS : 0)) {
                return null;
            }
            // each gap as its first and last value: neighbours in key order more than 1 apart
            String gapSql = "SELECT (sp_k + 1)::text AS lo, (sp_next - 1)::text AS hi FROM (SELECT " + col
                    + " AS sp_k, lead(" + col + ") OVER (ORDER BY " + col + ") AS sp_next FROM "
                    + Sql.table(o.refTable()) + " WHERE " + col + " IS NOT NULL) sp_r WHERE sp_next::bigint - sp_k > 1";
            List<Long> missing = optional(o.refTable(), Purpose.ORPHANS, 1, gapSql, rs -> {
                List<Long> out = new ArrayList<>();
                do {
                    long hi = Long.parseLong(rs.getString("hi"));
                    for (long k = Long.parseLong(rs.getString("lo")); k <= hi && out.size() <= gaps; k++) {
                        out.add(k);
                    }
                } while (rs.next());
                return out;
            });
            return missing == null || missing.size() != gaps ? null : new DenseParent(range.refTable(),
                    range.refColumn(), range.min(), range.max(), range.keys(), List.copyOf(missing));
        }

        /** One branch of the shared statement: aggregates over one scan, then lateral look-ups of their keys. */
        private static final class Branch {
            final Map<String, String> inner = new LinkedHashMap<>();
            final Map<String, String> outer = new LinkedHashMap<>();
            final List<String> lateral = new ArrayList<>();
            final Map<String, String> types = new HashMap<>();
            /** The rows this branch reads (its half of a split), or null: all. */
            String where;

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
                        .collect(Collectors.joining(",\n         ")) + "\n    FROM " + from
                        + (where == null ? "" : " WHERE " + where);
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
                RowReader<Estimates.Stats> reader = rs -> Estimates.read(rs, sql);
                s = inTransaction ? savepoint(() -> logged(table, Purpose.STATISTICS, 0, sql, () -> read(sql, reader)))
                        : query(table, Purpose.STATISTICS, 0, sql, Duration.ofSeconds(10), reader);
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
            try {
                return logged(table, purpose, count, sql, () -> {
                    begin(timeout, false, settings);
                    return read(sql, reader);
                });
            } finally {
                rollbackQuietly();
            }
        }

        /**
         * Runs {@code body} in one REPEATABLE READ read-only transaction, so that all its statements read one snapshot,
         * and rolls back. Its statements run with {@link #logged} (or {@link #optional}), and {@link #stats} inside it
         * is one of them.
         */
        private <T> T transaction(Duration timeout, String settings, SqlCall<T> body) throws SQLException {
            inTransaction = true;
            try {
                begin(timeout, true, settings);
                return body.call();
            } finally {
                inTransaction = false;
                rollbackQuietly();
            }
        }

        /**
         * A statement of the current transaction that may fail without spoiling it (a lock, the budget, a missing
         * privilege): it runs under a savepoint, and a failure gives null (the caller then takes another way); a
         * lost connection is recorded in {@link #lost}.
         */
        private <T> T optional(QualifiedName table, Purpose purpose, int count, String sql, RowReader<T> reader) {
            try {
                return savepoint(() -> logged(table, purpose, count, sql, () -> read(sql, reader)));
            } catch (SQLException e) {
                if (classify(e) == Failure.LOST) {
                    lost = "the connection was lost during the data checks, so they did not finish: " + describe(e);
                }
                return null;
            }
        }

        private <T> T savepoint(SqlCall<T> call) throws SQLException {
            java.sql.Savepoint sp = conn.setSavepoint();
            try {
                T t = call.call();
                conn.releaseSavepoint(sp);
                return t;
            } catch (SQLException e) {
                try {
                    if (!conn.isClosed()) {
                        conn.rollback(sp);
                    }
                } catch (SQLException x) {
                    // the connection is gone: the caller's classify() says so
                }
                throw e;
            }
        }

        /** Runs {@code call} and records it as a query sent, with its time and error. */
        private <T> T logged(QualifiedName table, Purpose purpose, int count, String sql, SqlCall<T> call)
                throws SQLException {
            long t0 = System.nanoTime();
            String err = null;
            try {
                return call.call();
            } catch (SQLException e) {
                err = oneLine(e.getMessage());
                throw e;
            } finally {
                queries.add(new Query(table.toString(), purpose, count, sql, (System.nanoTime() - t0) / 1_000_000,
                        err));
            }
        }

        /** The first row of {@code sql} read by {@code reader}, or null when there is none. */
        private <T> T read(String sql, RowReader<T> reader) throws SQLException {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                return rs.next() ? reader.read(rs) : null;
            }
        }

        private void begin(Duration timeout) throws SQLException {
            begin(timeout, false, "");
        }

        private void begin(Duration timeout, boolean repeatableRead, String settings) throws SQLException {
            try (Statement st = conn.createStatement()) {
                st.execute("SET TRANSACTION " + (repeatableRead ? "ISOLATION LEVEL REPEATABLE READ, " : "")
                        + "READ ONLY; SET LOCAL statement_timeout = " + Math.max(1, timeout.toMillis())
                        + "; SET LOCAL lock_timeout = " + Math.max(1, options.lockTimeout().toMillis()) + settings);
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

    @FunctionalInterface
    private interface SqlCall<T> {
        T call() throws SQLException;
    }

    // ================================================================================================ catalog SQL

    /** Whether a key of a uniqueness check is a plain column (not an expression). */
    private static boolean plainColumn(Key k) {
        return k.sql().equals(Sql.ident(k.label()));
    }

    private static String regclass(QualifiedName table) {
        return "to_regclass(" + Sql.literal(Sql.table(table)) + ")";
    }

    /** The type of a column, e.g. {@code bigint} or {@code character varying} (null: no such column). */
    private static String columnType(QualifiedName table, String column) {
        return "(SELECT format_type(a.atttypid, NULL) FROM pg_attribute a WHERE a.attrelid = " + regclass(table)
                + " AND a.attname = " + Sql.literal(column) + " AND a.attnum > 0 AND NOT a.attisdropped)";
    }

    /** The middle bound of a column's pg_stats histogram, as text (null: no histogram). */
    private static String median(QualifiedName table, String column) {
        String bounds = "s.histogram_bounds::text::text[]";
        return "(SELECT (" + bounds + ")[(cardinality(" + bounds + ") + 1) / 2] FROM pg_stats s JOIN pg_namespace n "
                + "ON n.nspname = s.schemaname JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.tablename "
                + "WHERE c.oid = " + regclass(table) + " AND s.attname = " + Sql.literal(column)
                + " ORDER BY s.inherited DESC LIMIT 1)"; // with inheritance children: the statistics of them all
    }

    /** Whether a column alone has a valid unique index without predicate (so its values are distinct), as text. */
    private static String uniqueKey(QualifiedName table, String column, int version) {
        String keyCount = version >= 110000 ? "i.indnkeyatts" : "i.indnatts";
        return "(EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = "
                + "i.indkey[0] WHERE i.indrelid = " + regclass(table) + " AND a.attname = " + Sql.literal(column)
                + " AND i.indisunique AND i.indisvalid AND " + keyCount + " = 1 AND i.indpred IS NULL AND i.indexprs "
                + "IS NULL))::text";
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
