package io.schemapilot.rehearsal;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.LockModel;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs statements one by one on a shadow database and observes them, the way eugene's tracer does: each statement
 * runs inside a transaction (its own, or the file's BEGIN ... COMMIT), and before it commits we read the locks this
 * backend holds from {@code pg_locks} and compare every table's {@code relfilenode} with its value before the
 * statement (a new relfilenode means the table was rewritten). Statements that cannot run in a transaction
 * (CONCURRENTLY, VACUUM) run on their own; their locks come from the lock model and are marked not observed.
 */
final class StatementTracer {
    private static final String RELATIONS = """
            SELECT c.oid::bigint, c.relfilenode::bigint, n.nspname || '.' || c.relname, c.relkind
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'""";
    /** The locks this backend holds and every table's relfilenode, in one round trip. */
    private static final String OBSERVE = """
            SELECT 'l', l.relation::bigint, l.mode, NULL FROM pg_locks l
            WHERE l.pid = pg_backend_pid() AND l.locktype = 'relation' AND l.granted AND l.relation IS NOT NULL
            UNION ALL
            SELECT 'r', c.oid::bigint, c.relfilenode::text, n.nspname || '.' || c.relname
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'""";

    record PhaseResult(boolean ok, List<Rehearsal.StatementRun> runs, List<Rehearsal.Lock> locks,
                       List<Rehearsal.Rewrite> rewrites, List<String> notes) {
    }

    private record Rel(long oid, long filenode, String name) {
    }

    /** A lock seen while a statement ran inside the file's transaction; its held time ends at COMMIT. */
    private record Pending(String step, LockMode mode, String object, long takenAtNanos, List<String> hazards) {
    }

    private final Connection c;
    private final CatalogSnapshot catalog;
    private final AnalysisSettings settings;
    private final Map<Long, String> preexisting = new HashMap<>();
    /**
     * The relfilenodes after the last statement observed, which are those before the next one: saves a round trip
     * per statement. Forgotten (null) after anything that may have undone changes (a rollback, a failure).
     */
    private Map<Long, Rel> last;

    StatementTracer(Connection c, CatalogSnapshot before, AnalysisSettings settings) {
        this.c = c;
        this.catalog = before;
        this.settings = settings;
        try {
            last = relations();
            for (Rel r : last.values()) {
                preexisting.put(r.oid(), r.name());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_class on the shadow database: " + e.getMessage(), e);
        }
    }

    /** @param findings the static findings of the same statements (to name observed locks by hazard), or null */
    PhaseResult run(String phase, List<ParsedStatement> statements, FileReport findings) {
        List<Rehearsal.StatementRun> runs = new ArrayList<>();
        List<Rehearsal.Lock> locks = new ArrayList<>();
        List<Rehearsal.Rewrite> rewrites = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        boolean inTx = false;
        AnalysisContext lockCtx = AnalysisContext.fresh(settings, catalog);
        for (ParsedStatement st : statements) {
            String step = phase.equals("up") ? Integer.toString(st.number()) : phase + ":" + st.number();
            String sql = st.source().text();
            if (st.source().isPsqlMeta()) {
                notes.add(step + ": psql command " + st.source().keyword() + " not run (only psql runs it)");
                continue;
            }
            Change.Transaction.Kind tx = transactionKind(st);
            long t0 = System.nanoTime();
            try {
                if (tx != null) {
                    exec(sql);
                    if (tx != Change.Transaction.Kind.BEGIN) {
                        last = null; // a rollback (to a savepoint) brings old relfilenodes back
                    }
                    if (tx == Change.Transaction.Kind.BEGIN) {
                        inTx = true;
                    } else if (tx == Change.Transaction.Kind.COMMIT || tx == Change.Transaction.Kind.ROLLBACK) {
                        long now = System.nanoTime();
                        for (Pending p : pending) {
                            locks.add(new Rehearsal.Lock(p.step(), p.mode(), p.object(), (now - p.takenAtNanos()) / 1_000_000,
                                    true, p.hazards()));
                        }
                        pending.clear();
                        inTx = false;
                    }
                    runs.add(run(phase, step, st, t0, null));
                    continue;
                }
                if (!inTx && !transactional(st)) {
                    Map<Long, Rel> before = before();
                    last = null;
                    exec(sql);
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    for (Change ch : st.changes()) {
                        for (TableLock l : LockModel.locks(ch, st.number(), lockCtx)) {
                            locks.add(new Rehearsal.Lock(step, l.mode(), lockCtx.display(l.table()), ms, false,
                                    hazardsAt(findings, st.number(), lockCtx.display(l.table()))));
                        }
                    }
                    Map<Long, Rel> afterRels = relations();
                    rewrites.addAll(rewrites(step, before, afterRels));
                    last = afterRels;
                    runs.add(run(phase, step, st, t0, null));
                    continue;
                }
                boolean own = !inTx;
                Map<Long, Rel> before = before();
                last = null;
                // BEGIN travels with the statement, COMMIT with the observation: two round trips per statement
                exec(own ? "BEGIN;\n" + sql : sql);
                long after = System.nanoTime();
                Map<Long, Rel> afterRels = new LinkedHashMap<>();
                Map<Long, LockMode> held = observe(afterRels, own);
                last = afterRels;
                List<Rehearsal.Rewrite> rw = rewrites(step, before, afterRels);
                rewrites.addAll(rw);
                for (Map.Entry<Long, LockMode> e : held.entrySet()) {
                    String name = preexisting.get(e.getKey());
                    if (name == null || alreadyPending(pending, name, e.getValue())) {
                        continue; // a table made by this migration, or a lock the transaction already had
                    }
                    List<String> hz = new ArrayList<>(hazardsAt(findings, st.number(), name));
                    for (Rehearsal.Rewrite r : rw) {
                        if (r.object().equals(name)) {
                            String id = rewriteHazard(st);
                            if (id != null && !hz.contains(id)) {
                                hz.add(id);
                            }
                        }
                    }
                    if (own) {
                        locks.add(new Rehearsal.Lock(step, e.getValue(), name, (after - t0) / 1_000_000, true, hz));
                    } else {
                        pending.add(new Pending(step, e.getValue(), name, t0, hz));
                    }
                }
                runs.add(run(phase, step, st, t0, null));
            } catch (SQLException e) {
                runs.add(run(phase, step, st, t0, Rehearser.firstLine(e.getMessage())));
                last = null;
                rollbackQuietly();
                notes.add(phase + " failed at statement " + st.number() + " (line " + st.line() + "): "
                        + Rehearser.firstLine(e.getMessage()));
                return new PhaseResult(false, runs, locks, rewrites, notes);
            }
        }
        if (inTx) {
            notes.add(phase + ": the transaction opened by BEGIN was never committed; rolled back");
            rollbackQuietly();
        }
        return new PhaseResult(true, runs, locks, rewrites, notes);
    }

    private static boolean alreadyPending(List<Pending> pending, String name, LockMode mode) {
        return pending.stream().anyMatch(p -> p.object().equals(name) && p.mode().compareTo(mode) >= 0);
    }

    private static Rehearsal.StatementRun run(String phase, String step, ParsedStatement st, long t0, String error) {
        double ms = Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0;
        return new Rehearsal.StatementRun(phase, step, st.line(), st.source().excerpt(), ms, error == null, error);
    }

    private static Change.Transaction.Kind transactionKind(ParsedStatement st) {
        for (Change ch : st.changes()) {
            if (ch instanceof Change.Transaction t) {
                return t.kind();
            }
        }
        return null;
    }

    /** Statements PostgreSQL refuses to run inside a transaction block. */
    static boolean transactional(ParsedStatement st) {
        for (Change ch : st.changes()) {
            if (ch instanceof Change.CreateIndex ci && ci.concurrently()
                    || ch instanceof Change.DropIndex di && di.concurrently()
                    || ch instanceof Change.Reindex ri && (ri.concurrently() || !ri.kind().equals("INDEX")
                    && !ri.kind().equals("TABLE"))
                    || ch instanceof Change.DetachPartition dp && dp.concurrently()
                    || ch instanceof Change.Vacuum
                    || ch instanceof Change.Other o && (o.keyword().equals("create database")
                    || o.keyword().equals("alter system"))) {
                return false;
            }
        }
        return true;
    }

    /** The hazard the tracer stands for when it sees a rewrite the static rules did not predict. */
    private static String rewriteHazard(ParsedStatement st) {
        for (Change ch : st.changes()) {
            if (ch instanceof Change.AddColumn ac) {
                if (ac.column().generated() == io.schemapilot.sql.ColumnDef.Generated.STORED) {
                    return "add-column-generated-stored";
                }
                if (ac.column().generated() == io.schemapilot.sql.ColumnDef.Generated.IDENTITY
                        || ac.column().type().isSerial()) {
                    return "add-column-auto-increment";
                }
                return "add-column-volatile-default";
            }
            if (ch instanceof Change.AlterColumnType) {
                return "alter-column-type-rewrite";
            }
            if (ch instanceof Change.SetStorage) {
                return "storage-rewrite";
            }
            if (ch instanceof Change.Vacuum || ch instanceof Change.Cluster) {
                return "vacuum-full-or-cluster";
            }
            if (ch instanceof Change.Truncate) {
                return "truncate-table";
            }
        }
        return null;
    }

    private static List<String> hazardsAt(FileReport findings, int statement, String object) {
        if (findings == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Finding f : findings.findings()) {
            if (f.statement() == statement && object.equals(f.object()) && f.lock() != null
                    && !out.contains(f.hazard())) {
                out.add(f.hazard());
            }
        }
        return out;
    }

    private List<Rehearsal.Rewrite> rewrites(String step, Map<Long, Rel> before, Map<Long, Rel> after) {
        List<Rehearsal.Rewrite> out = new ArrayList<>();
        for (Rel b : before.values()) {
            Rel a = after.get(b.oid());
            if (a != null && b.filenode() != 0 && a.filenode() != b.filenode() && preexisting.containsKey(b.oid())) {
                out.add(new Rehearsal.Rewrite(step, b.name()));
            }
        }
        return out;
    }

    private Map<Long, Rel> relations() throws SQLException {
        Map<Long, Rel> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(RELATIONS)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Rel(rs.getLong(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return out;
    }

    private Map<Long, Rel> before() throws SQLException {
        return last != null ? last : relations();
    }

    /**
     * The locks this backend holds (strongest per relation) and, into {@code rels}, every table's relfilenode; then
     * COMMIT when {@code commit} (in the same round trip).
     */
    private Map<Long, LockMode> observe(Map<Long, Rel> rels, boolean commit) throws SQLException {
        Map<Long, LockMode> out = new HashMap<>();
        try (Statement s = c.createStatement()) {
            s.execute(commit ? OBSERVE + ";\nCOMMIT" : OBSERVE);
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    long oid = rs.getLong(2);
                    if (rs.getString(1).equals("l")) {
                        out.merge(oid, LockMode.parse(rs.getString(3)), (x, y) -> x.compareTo(y) >= 0 ? x : y);
                    } else {
                        rels.put(oid, new Rel(oid, Long.parseLong(rs.getString(3)), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void rollbackQuietly() {
        try {
            exec("ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction open: nothing to roll back
        }
    }
}
