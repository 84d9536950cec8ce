package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Risk;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's own up SQL, fed back to the analyzer ({@code schemapilot check}): a safe plan has no high or critical
 * finding except on steps marked destructive (which are expected to be flagged, and are guarded by a backup).
 */
public final class PlanCheck {
    private PlanCheck() {
    }

    /** A finding on the plan's SQL, with the step it belongs to. */
    public record StepFinding(String step, boolean destructive, Finding finding) {
    }

    public record Result(List<StepFinding> findings) {
        /** High or critical findings on steps that are not marked destructive. */
        public List<StepFinding> violations() {
            return findings.stream().filter(f -> !f.destructive() && f.finding().risk().atLeast(Risk.HIGH)).toList();
        }

        public boolean ok() {
            return violations().isEmpty();
        }
    }

    public static Result run(MigrationPlan plan, AnalysisSettings settings, CatalogSnapshot catalog) {
        PlanScript script = PlanScript.up(plan);
        AnalysisSettings s = (settings == null ? AnalysisSettings.defaults() : settings).withAssumeInTransaction(false);
        FileReport report = new Analyzer().analyze("plan", script.sql(), s, catalog);
        List<StepFinding> out = new ArrayList<>();
        for (Finding f : report.findings()) {
            String id = script.stepOf(f.statement());
            MigrationPlan.Step step = id == null ? null : plan.step(id);
            out.add(new StepFinding(id, step != null && step.destructive(), f));
        }
        return new Result(List.copyOf(out));
    }
}
