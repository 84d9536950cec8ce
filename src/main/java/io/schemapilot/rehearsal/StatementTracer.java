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
import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.Token;
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
 * (CONCURRENTLY, VACUUM, a {@code DO} block that commits) run on their own; their locks come from the lock model and
 * are marked not observed.
 *
 * <p>Used by {@link Rehearser} for a migration file (statements labelled by their number) and by the plan rehearsal
 * ({@code io.schemapilot.plan.PlanRehearser}) for a plan's steps (statements labelled by the step id, see
 * {@link #run(String, String, List, FileReport)}). One tracer serves one run of statements on one connection
 * (autocommit on): tables that did not exist when it was made are not reported.
 */
public final class StatementTracer {
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

    /**
     * What a run of statements did.
     *
     * @param ok    every statement ran (on failure the open transaction was rolled back and the run stopped)
     * @param notes statements not run (psql commands), the failure, a transaction left open
     */
    public record PhaseResult(boolean ok, List<Rehearsal.StatementRun> runs, List<Rehearsal.Lock> locks,
                              List<Rehearsal.Rewrite> rewrites, List<String> notes) {
    }

    private record Rel(long oid, long filenode, String name) {
    }

    /**
     * A lock seen while a statement ran inside the file's transaction; its held time ends at COMMIT. Later statements
     * of the transaction that need the same lock add their hazards to it ({@code hazards} is mutable).
     */
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

    /**
     * @param c        a connection to a shadow database, autocommit on (never a user's database: statements run)
     * @param before   the catalog before the statements (for the lock model's names and sizes)
     * @param settings the analysis settings of the findings handed to {@code run} (PostgreSQL version)
     * @throws IllegalStateException when {@code pg_class} cannot be read
     */
    public StatementTracer(Connection c, CatalogSnapshot before, AnalysisSettings settings) {
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

    /**
     * Runs statements labelled by number: "3" in the up, "down:3" in the other phases.
     *
     * @param findings the static findings of the same statements (to name observed locks by hazard), or null
     */
    PhaseResult run(String phase, List<ParsedStatement> statements, FileReport findings) {
        return run(phase, null, statements, findings);
    }

    /**
     * Runs statements in their transaction structure (BEGIN ... COMMIT among them make one transaction, whose locks
     * are held until its COMMIT; any other statement runs in its own), recording their runs, locks and rewrites.
     *
     * @param phase      up | down | reapply
     * @param label      the step every run, lock and rewrite is labelled with (e.g. a plan step "1.2"), or null for
     *                   the statement's number ("3" in the up, "down:3" in the other phases)
     * @param statements the statements, numbered as in {@code findings}
     * @param findings   the static findings of the same statements (to name observed locks by hazard), or null
     */
    public PhaseResult run(String phase, String label, List<ParsedStatement> statements, FileReport findings) {
        List<Rehearsal.StatementRun> runs = new ArrayList<>();
        List<Rehearsal.Lock> locks = new ArrayList<>();
        List<Rehearsal.Rewrite> rewrites = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<Pending> pending = new ArrayList<>();
        boolean inTx = false;
        AnalysisContext lockCtx = AnalysisContext.fresh(settings, catalog);
        for (ParsedStatement st : statements) {
            String step = label != null ? label
                    : phase.equals("up") ? Integer.toString(st.number()) : phase + ":" + st.number();
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
                                    true, List.copyOf(p.hazards())));
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
                    if (name == null) {
                        continue; // a table made by this migration
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
                    Pending had = alreadyPending(pending, name, e.getValue());
                    if (had != null) {
                        // a lock the transaction already had: this statement's hazards are about it too
                        hz.stream().filter(h -> !had.hazards().contains(h)).forEach(had.hazards()::add);
                        continue;
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
                notes.add(label != null ? "step " + label + ": " + Rehearser.firstLine(e.getMessage())
                        : phase + " failed at statement " + st.number() + " (line " + st.line() + "): "
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

    /** The lock the transaction already holds on {@code name}, at least as strong as {@code mode}, or null. */
    private static Pending alreadyPending(List<Pending> pending, String name, LockMode mode) {
        for (Pending p : pending) {
            if (p.object().equals(name) && p.mode().compareTo(mode) >= 0) {
                return p;
            }
        }
        return null;
    }

    private static Rehearsal.StatementRun run(String phase, String step, ParsedStatement st, long t0, String error) {
        double ms = Math.round((System.nanoTime() - t0) / 10_000.0) / 100.0;
        return new Rehearsal.StatementRun(phase, step, st.line(), st.source().excerpt(), ms, error == null, error);
    }

    private static Change.Transaction.Kind transactionKind(ParsedStatement st) {
        if (st.has(Change.DoBlock.class)) {
            return null; // a block's own statements are not the file's transaction control
        }
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
                    || o.keyword().equals("alter system"))
                    || ch instanceof Change.DoBlock && commitsInBlock(st)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A {@code DO} block whose body commits or rolls back (a batched backfill commits per batch): PostgreSQL runs it
     * only outside a transaction block ("invalid transaction termination" otherwise).
     */
    private static boolean commitsInBlock(ParsedStatement st) {
        for (Token t : st.tokens()) {
            if (t.isString()) {
                try {
                    for (Token b : Lexer.tokens(t.value())) {
                        if (b.isWord("commit") || b.isWord("rollback")) {
                            return true;
                        }
                    }
                } catch (SqlSyntaxException e) {
                    return false; // PostgreSQL will say what is wrong with the body
                }
                return false; // the first string is the body
            }
        }
        return false;
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

    /** The hazards found at {@code statement} that take a lock on the table {@code object} (or on its column). */
    private static List<String> hazardsAt(FileReport findings, int statement, String object) {
        if (findings == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Finding f : findings.findings()) {
            if (f.statement() == statement && f.object() != null && f.lock() != null
                    && (object.equals(f.object()) || f.object().startsWith(object + "."))
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
