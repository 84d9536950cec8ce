package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogDiff;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.rehearsal.StatementTracer;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rehearses a plan on a shadow database (never on a user's database: the caller hands in a connection to a
 * disposable copy): every step's up in order, with its verification; every down in reverse; the catalog compared
 * with the one before; every up again (in two round trips when the plan has destructive steps, see
 * {@link #rehearse}). A transactional step runs in one transaction; a non-transactional one statement by statement in
 * autocommit, as an executor would run it.
 *
 * <p>The first run of the ups is traced like {@code schemapilot rehearse} traces a file ({@link StatementTracer}): the
 * locks each step takes (from {@code pg_locks}, held until the step's COMMIT; the lock model's for statements that run
 * outside a transaction, marked not observed) and the tables it rewrites (relfilenode changed), labelled by step id
 * and named by the hazard ids the analyzer gives the plan's own up SQL (as {@link PlanCheck} reads it).
 */
public final class PlanRehearser {

    /** A step failed: which one, which phase, and PostgreSQL's message. */
    public static final class StepFailure extends Exception {
        private final String step;

        public StepFailure(String step, String message, Throwable cause) {
            super("step " + step + ": " + message, cause);
            this.step = step;
        }

        public String step() {
            return step;
        }
    }

    private final List<Rehearsal.StatementRun> runs = new ArrayList<>();
    private final AnalysisSettings settings;

    /** Findings are read for the plan's target version (else the shadow's). */
    public PlanRehearser() {
        this(null);
    }

    /** @param settings the settings the plan was made with (PostgreSQL version), or null */
    public PlanRehearser(AnalysisSettings settings) {
        this.settings = settings;
    }

    /** Runs the up of {@code s} (autocommit must be on when called; it is on again afterwards). */
    public void up(Connection c, MigrationPlan.Step s) throws StepFailure {
        run(c, s.id(), "up", s.up(), s.transactional());
    }

    /** Runs the down of {@code s}; an irreversible step fails. */
    public void down(Connection c, MigrationPlan.Step s) throws StepFailure {
        if (s.down() == null) {
            throw new StepFailure(s.id(), "has no down: " + s.irreversible(), null);
        }
        run(c, s.id(), "down", s.down(), s.downTransactional());
    }

    /** The rows the verification query of {@code s} returns (empty: the step did its job). */
    public List<String> verify(Connection c, MigrationPlan.Step s) throws StepFailure {
        List<String> rows = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(strip(s.verify()))) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(i > 1 ? ", " : "").append(rs.getString(i));
                }
                rows.add(sb.toString());
            }
        } catch (SQLException e) {
            throw new StepFailure(s.id(), "verification failed to run: " + e.getMessage(), e);
        }
        return rows;
    }

    private static String strip(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s.substring(0, s.length() - 1) : s;
    }

    private void run(Connection c, String step, String phase, String sql, boolean transactional) throws StepFailure {
        List<SqlStatement> statements = StatementSplitter.split(sql).statements();
        try {
            c.setAutoCommit(!transactional);
            for (SqlStatement st : statements) {
                long t0 = System.nanoTime();
                try (Statement x = c.createStatement()) {
                    x.execute(st.text());
                    runs.add(new Rehearsal.StatementRun(phase, step, st.line(), st.excerpt(),
                            (System.nanoTime() - t0) / 1e6, true, null));
                } catch (SQLException e) {
                    runs.add(new Rehearsal.StatementRun(phase, step, st.line(), st.excerpt(),
                            (System.nanoTime() - t0) / 1e6, false, e.getMessage()));
                    throw e;
                }
            }
            if (transactional) {
                c.commit();
            }
        } catch (SQLException e) {
            try {
                if (transactional) {
                    c.rollback();
                }
            } catch (SQLException ignored) {
                // the connection is gone; the failure below says why
            }
            throw new StepFailure(step, e.getMessage(), e);
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // reported by the next use of the connection
            }
        }
    }

    /**
     * Up (with verification) → down in reverse → catalog compared → up again, on {@code c} (a shadow database that
     * already holds the schema and, ideally, data).
     *
     * <p>The down of a destructive step (a column dropped, restored from its backup) cannot put the column back in
     * its place: PostgreSQL adds it at the end of the table. So a plan with destructive steps makes two round trips:
     * the steps before the first destructive one, up and down, after which the schema must be exactly as before; then
     * those steps again and the rest, and every down, after which it must be as before except for the column order
     * (noted, not counted as a difference). Every up and every down runs; every up runs again at the end.
     */
    public Rehearsal rehearse(Connection c, MigrationPlan plan) {
        List<String> notes = new ArrayList<>();
        List<MigrationPlan.Step> steps = plan.allSteps();
        CatalogReader reader = new CatalogReader();
        CatalogSnapshot before = reader.read(c);
        List<Rehearsal.Lock> locks = new ArrayList<>();
        List<Rehearsal.Rewrite> rewrites = new ArrayList<>();
        MigrationPlan.Step irreversible = steps.stream().filter(s -> s.down() == null).findFirst().orElse(null);
        int split = 0;
        while (split < steps.size() && !steps.get(split).destructive()) {
            split++;
        }
        if (irreversible != null) {
            split = steps.size(); // no round trip: every up at once
        }
        Trace trace = Trace.of(c, plan, before, settingsFor(plan, before), notes);
        boolean upOk = traceUp(c, trace, steps.subList(0, split), locks, rewrites, notes);
        if (!upOk) {
            return new Rehearsal(true, false, null, null, null, locks, rewrites, List.of(), List.copyOf(runs), notes);
        }
        if (irreversible != null) {
            notes.add("step " + irreversible.id() + " has no down: the rollback was not tested");
            return new Rehearsal(true, true, null, null, null, locks, rewrites, List.of(), List.copyOf(runs), notes);
        }
        // 1. the steps before the first destructive one: their downs restore the schema exactly
        boolean downOk = downAll(c, steps.subList(0, split), notes);
        List<String> differences = new ArrayList<>();
        if (downOk) {
            CatalogDiff.diff(before, reader.read(c)).forEach(d -> differences.add(d.description()));
        }
        Boolean reapplyOk = downOk ? runAll(c, steps.subList(0, split), notes, false) : null;
        if (split < steps.size() && !Boolean.TRUE.equals(reapplyOk)) {
            notes.add("steps " + steps.get(split).id() + " to " + steps.get(steps.size() - 1).id() + " did not run: "
                    + "the rehearsal stopped before the first destructive step");
        }
        if (split < steps.size() && Boolean.TRUE.equals(reapplyOk)) {
            // 2. the destructive steps and those after them, then every down: only the column order may differ
            List<MigrationPlan.Step> rest = steps.subList(split, steps.size());
            Trace second = trace.again(c, before, settingsFor(plan, before));
            List<Rehearsal.Lock> restLocks = new ArrayList<>();
            List<Rehearsal.Rewrite> restRewrites = new ArrayList<>();
            boolean restUp = traceUp(c, second, rest, restLocks, restRewrites, notes);
            // tables the plan made in the first part existed when the second tracer started: not reported
            restLocks.stream().filter(l -> before.table(QualifiedName.of(l.object())).isPresent()).forEach(locks::add);
            restRewrites.stream().filter(r -> before.table(QualifiedName.of(r.object())).isPresent())
                    .forEach(rewrites::add);
            if (!restUp) {
                return new Rehearsal(true, false, null, null, null, locks, rewrites, List.of(), List.copyOf(runs),
                        notes);
            }
            downOk = downAll(c, steps, notes);
            if (downOk) {
                List<String> order = new ArrayList<>();
                for (CatalogDiff.Difference d : CatalogDiff.diff(before, reader.read(c))) {
                    if (d.objectType().equals("table") && d.description().contains(": column order changed from ")) {
                        order.add(d.description());
                    } else if (!differences.contains(d.description())) {
                        differences.add(d.description());
                    }
                }
                if (!order.isEmpty()) {
                    String from = steps.get(split).id();
                    notes.add("rolled back from the end, the downs of the destructive steps (from step " + from
                            + ") put what they dropped back at the end of its table (PostgreSQL cannot put a column "
                            + "back in place; rolled back before step " + from + " the schema is exactly as before): "
                            + String.join("; ", order));
                }
                reapplyOk = runAll(c, steps, notes, false);
            }
        }
        Boolean restored = downOk ? differences.isEmpty() : null;
        return new Rehearsal(true, true, downOk, downOk ? reapplyOk : null, restored, locks, rewrites,
                downOk ? differences : List.of(), List.copyOf(runs), notes);
    }

    /** The downs of {@code steps} in reverse; false (with a note) at the first that fails. */
    private boolean downAll(Connection c, List<MigrationPlan.Step> steps, List<String> notes) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            try {
                down(c, steps.get(i));
            } catch (StepFailure e) {
                notes.add("down of " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    /**
     * The plan's up script read statement by statement, its findings and a tracer; or, when the script cannot be
     * read statement by statement, none of them (the ups then run untraced).
     */
    private record Trace(StatementTracer tracer, List<ParsedStatement> parsed, FileReport findings,
                         Map<String, PlanScript.Range> ranges) {
        static Trace of(Connection c, MigrationPlan plan, CatalogSnapshot before, AnalysisSettings s,
                        List<String> notes) {
            PlanScript script = PlanScript.up(plan);
            List<ParsedStatement> parsed = parseScript(script, plan);
            if (parsed == null) {
                String note = "the plan's up SQL could not be read statement by statement: locks and rewrites not "
                        + "traced";
                if (!notes.contains(note)) {
                    notes.add(note);
                }
                return new Trace(null, null, null, Map.of());
            }
            FileReport findings = new Analyzer().analyze("plan", script.sql(), s.withAssumeInTransaction(false),
                    before);
            Map<String, PlanScript.Range> ranges = new HashMap<>();
            script.ranges().forEach(r -> ranges.put(r.stepId(), r));
            return new Trace(new StatementTracer(c, before, s), parsed, findings, ranges);
        }

        /** The same script and findings with a fresh tracer (for statements run after untraced ones). */
        Trace again(Connection c, CatalogSnapshot before, AnalysisSettings s) {
            return tracer == null ? this : new Trace(new StatementTracer(c, before, s), parsed, findings, ranges);
        }
    }

    /**
     * The ups of {@code steps} with verification, traced: the plan's up script ({@link PlanScript}, transactional
     * steps inside BEGIN ... COMMIT) is analysed once against {@code before}, and each step's statements of it run
     * through one {@link StatementTracer} (so the tables the plan itself creates are not reported). A script that
     * cannot be read statement by statement runs untraced, as before.
     */
    private boolean traceUp(Connection c, Trace trace, List<MigrationPlan.Step> steps, List<Rehearsal.Lock> locks,
                            List<Rehearsal.Rewrite> rewrites, List<String> notes) {
        if (trace.tracer() == null) {
            return runAll(c, steps, notes, true);
        }
        for (MigrationPlan.Step step : steps) {
            PlanScript.Range range = trace.ranges().get(step.id());
            if (range == null) {
                try {
                    up(c, step); // nothing to run (an empty up)
                } catch (StepFailure e) {
                    notes.add(e.getMessage());
                    return false;
                }
            } else {
                List<ParsedStatement> own = trace.parsed().subList(range.first() - 1, range.last());
                StatementTracer.PhaseResult r = trace.tracer().run("up", step.id(), own, trace.findings());
                runs.addAll(stepRuns(step, own, r.runs()));
                locks.addAll(r.locks());
                rewrites.addAll(r.rewrites());
                notes.addAll(r.notes());
                if (!r.ok()) {
                    return false;
                }
            }
            try {
                List<String> rows = verify(c, step);
                if (!rows.isEmpty()) {
                    notes.add("verification of step " + step.id() + " failed: " + rows.get(0));
                    return false;
                }
            } catch (StepFailure e) {
                notes.add(e.getMessage());
                return false;
            }
        }
        return true;
    }

    /**
     * The script's statements, or null when they do not line up with the steps (the ranges must cover the script in
     * order, and a transactional step's must start with BEGIN and end with COMMIT).
     */
    private static List<ParsedStatement> parseScript(PlanScript script, MigrationPlan plan) {
        List<ParsedStatement> parsed;
        try {
            parsed = Analyzer.parse(StatementSplitter.split(script.sql()).statements());
        } catch (SqlSyntaxException e) {
            return null;
        }
        int next = 1;
        for (PlanScript.Range r : script.ranges()) {
            MigrationPlan.Step step = plan.step(r.stepId());
            if (step == null || r.first() != next || r.last() > parsed.size()) {
                return null;
            }
            if (step.transactional() && (r.last() - r.first() < 1
                    || !isTransaction(parsed.get(r.first() - 1), Change.Transaction.Kind.BEGIN)
                    || !isTransaction(parsed.get(r.last() - 1), Change.Transaction.Kind.COMMIT))) {
                return null;
            }
            next = r.last() + 1;
        }
        return next == parsed.size() + 1 ? parsed : null;
    }

    private static boolean isTransaction(ParsedStatement st, Change.Transaction.Kind kind) {
        return st.changes().size() == 1 && st.changes().get(0) instanceof Change.Transaction t && t.kind() == kind;
    }

    /**
     * The runs of one step as the untraced runs report them: without the BEGIN / COMMIT the script wraps a
     * transactional step in (unless they failed), lines counted in the step's own up.
     */
    private static List<Rehearsal.StatementRun> stepRuns(MigrationPlan.Step step, List<ParsedStatement> own,
                                                         List<Rehearsal.StatementRun> traced) {
        Set<Integer> wrapper = new HashSet<>();
        List<ParsedStatement> body = own;
        if (step.transactional()) {
            wrapper.add(own.get(0).line());
            wrapper.add(own.get(own.size() - 1).line());
            body = own.subList(1, own.size() - 1);
        }
        int offset = 0;
        if (!body.isEmpty()) {
            try {
                List<SqlStatement> local = StatementSplitter.split(step.up()).statements();
                offset = local.isEmpty() ? 0 : body.get(0).line() - local.get(0).line();
            } catch (SqlSyntaxException e) {
                offset = body.get(0).line() - 1;
            }
        }
        List<Rehearsal.StatementRun> out = new ArrayList<>();
        for (Rehearsal.StatementRun r : traced) {
            if (r.ok() && wrapper.contains(r.line())) {
                continue;
            }
            out.add(new Rehearsal.StatementRun(r.phase(), r.step(), Math.max(1, r.line() - offset), r.sql(), r.ms(),
                    r.ok(), r.error()));
        }
        return out;
    }

    /** The settings given, else the plan's target version, else the shadow's. */
    private AnalysisSettings settingsFor(MigrationPlan plan, CatalogSnapshot shadow) {
        if (settings != null) {
            return settings;
        }
        AnalysisSettings s = AnalysisSettings.defaults();
        String version = plan.target() == null ? null : plan.target().version();
        try {
            if (version != null) {
                return s.withPgVersion(PgVersion.parse(version));
            }
        } catch (IllegalArgumentException e) {
            // not a version we can read: fall back to the shadow's
        }
        return shadow.serverVersionNum() > 0
                ? s.withPgVersion(PgVersion.parse(Integer.toString(shadow.serverVersionNum()))) : s;
    }

    private boolean runAll(Connection c, List<MigrationPlan.Step> steps, List<String> notes, boolean verify) {
        for (MigrationPlan.Step s : steps) {
            try {
                up(c, s);
                if (verify) {
                    List<String> rows = verify(c, s);
                    if (!rows.isEmpty()) {
                        notes.add("verification of step " + s.id() + " failed: " + rows.get(0));
                        return false;
                    }
                }
            } catch (StepFailure e) {
                notes.add(e.getMessage());
                return false;
            }
        }
        return true;
    }

    public List<Rehearsal.StatementRun> runs() {
        return List.copyOf(runs);
    }
}
