package io.schemapilot.plan;

import io.schemapilot.catalog.CatalogDiff;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.StatementSplitter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Rehearses a plan on a shadow database (never on a user's database: the caller hands in a connection to a
 * disposable copy): every step's up in order, with its verification; every down in reverse; the catalog compared
 * with the one before; every up again. A transactional step runs in one transaction; a non-transactional one statement
 * by statement in autocommit, as an executor would run it.
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
     */
    public Rehearsal rehearse(Connection c, MigrationPlan plan) {
        List<String> notes = new ArrayList<>();
        List<MigrationPlan.Step> steps = plan.allSteps();
        CatalogReader reader = new CatalogReader();
        CatalogSnapshot before = reader.read(c);
        boolean upOk = runAll(c, steps, notes, true);
        if (!upOk) {
            return new Rehearsal(true, false, null, null, null, List.of(), List.of(), List.of(), List.copyOf(runs),
                    notes);
        }
        MigrationPlan.Step irreversible = steps.stream().filter(s -> s.down() == null).findFirst().orElse(null);
        if (irreversible != null) {
            notes.add("step " + irreversible.id() + " has no down: the rollback was not tested");
            return new Rehearsal(true, true, null, null, null, List.of(), List.of(), List.of(), List.copyOf(runs),
                    notes);
        }
        boolean downOk = true;
        for (int i = steps.size() - 1; i >= 0 && downOk; i--) {
            try {
                down(c, steps.get(i));
            } catch (StepFailure e) {
                notes.add("down of " + e.getMessage());
                downOk = false;
            }
        }
        List<String> differences = new ArrayList<>();
        Boolean restored = null;
        if (downOk) {
            CatalogSnapshot after = reader.read(c);
            CatalogDiff.diff(before, after).forEach(d -> differences.add(d.description()));
            restored = differences.isEmpty();
        }
        Boolean reapplyOk = downOk ? runAll(c, steps, notes, false) : null;
        return new Rehearsal(true, true, downOk, reapplyOk, restored, List.of(), List.of(), differences,
                List.copyOf(runs), notes);
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
