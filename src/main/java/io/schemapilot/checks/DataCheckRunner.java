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
 * {@code SELECT count(*) FILTER (WHERE ...) AS c1, count(*) FILTER (WHERE ...) AS c2 FROM t}. Uniqueness checks
 * get a GROUP BY each, foreign keys an anti-join each. Samples hold row keys only, capped, fetched inside the same
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
     */
    public record Options(CheckMode mode, Duration budget, Duration lockTimeout, int sampleCap, long sampleRows,
                          SampleMethod sampleMethod, int seed) {

        public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(30);
        public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);

        public Options {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("the data check budget must be positive");
            }
            if (sampleCap < 0 || sampleRows <= 0) {
                throw new IllegalArgumentException("sampleCap must be >= 0 and sampleRows > 0");
            }
        }

        /** Budget 30 s, lock timeout 2 s, samples of 5 keys, SAMPLE mode reads about 100,000 rows per table. */
        public static Options of(CheckMode mode) {
            return new Options(mode, DEFAULT_BUDGET, DEFAULT_LOCK_TIMEOUT, 5, 100_000, SampleMethod.SYSTEM, 1);
        }

        public Options withBudget(Duration d) {
            return new Options(mode, d, lockTimeout, sampleCap, sampleRows, sampleMethod, seed);
        }

        public Options withLockTimeout(Duration d) {
            return new Options(mode, budget, d, sampleCap, sampleRows, sampleMethod, seed);
        }

        public Options withSampleCap(int cap) {
            return new Options(mode, budget, lockTimeout, cap, sampleRows, sampleMethod, seed);
        }

        public Options withSample(long rows, SampleMethod method) {
            return new Options(mode, budget, lockTimeout, sampleCap, rows, method, seed);
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
                List<Integer> scan = group.stream().filter(i -> shared(checks.get(i))).toList();
                if (!scan.isEmpty()) {
                    scan(table, scan, frame);
                }
                for (int i : group) {
                    if (!shared(checks.get(i))) {
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

        private void scan(QualifiedName table, List<Integer> group, Frame frame) {
            if (lost != null) {
                return;
            }
            String from = Sql.table(table) + frame.clause();
            StringBuilder agg = new StringBuilder("SELECT count(*) AS sp_total");
            StringBuilder samples = new StringBuilder();
            Set<Integer> withSample = new java.util.HashSet<>();
            for (int j = 0; j < group.size(); j++) {
                PlannedCheck p = checks.get(group.get(j));
                String cond = condition(p);
                agg.append(",\n       count(*)");
                if (cond != null) {
                    agg.append(" FILTER (WHERE ").append(cond).append(')');
                }
                agg.append(" AS c").append(j);
                String keys = sampleSelect(p, null);
                if (cond != null && keys != null && options.sampleCap() > 0) {
                    withSample.add(j);
                    samples.append(",\n       CASE WHEN sp_agg.c").append(j).append(" > 0 THEN (SELECT json_agg(sp_row) ")
                            .append("FROM (SELECT ").append(keys).append(" FROM ").append(from).append(" WHERE ")
                            .append(cond).append(" LIMIT least(sp_agg.c").append(j).append(", ")
                            .append(options.sampleCap()).append(")) sp_row) END AS s").append(j);
                }
            }
            agg.append("\n  FROM ").append(from);
            String sql = "WITH sp_agg AS (\n" + agg + "\n)\nSELECT sp_agg.*" + samples + "\n  FROM sp_agg";
            try {
                query(table, Purpose.SCAN, group.size(), sql, options.budget(), rs -> {
                    long total = rs.getLong("sp_total");
                    for (int j = 0; j < group.size(); j++) {
                        PlannedCheck p = checks.get(group.get(j));
                        long c = rs.getLong("c" + j);
                        List<Map<String, Object>> sample = withSample.contains(j) ? sampleOf(rs, "s" + j) : List.of();
                        String shared = group.size() > 1 ? "counted in one scan of " + table + " with "
                                + (group.size() - 1) + " other check" + (group.size() > 2 ? "s" : "") : null;
                        results[group.get(j)] = counted(p, standalone(from, condition(p)), c, sample, total, frame,
                                shared);
                    }
                    return null;
                });
            } catch (SQLException e) {
                Failure f = classify(e);
                if ((f == Failure.DATA || f == Failure.OTHER) && group.size() > 1) {
                    // one check's SQL failed: run each alone, so that it does not take the others down with it
                    for (int i : group) {
                        scan(table, List.of(i), frame);
                    }
                    return;
                }
                for (int i : group) {
                    results[i] = failed(checks.get(i), standalone(from, condition(checks.get(i))), e, f);
                }
            }
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
            try {
                results[i] = query(p.table(), purpose, 1, sql, options.budget(), reader);
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
            long t0 = System.nanoTime();
            String err = null;
            try {
                begin(timeout);
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
            try (Statement st = conn.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = " + Math.max(1,
                        timeout.toMillis()) + "; SET LOCAL lock_timeout = " + Math.max(1,
                        options.lockTimeout().toMillis()));
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
