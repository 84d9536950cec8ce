package io.schemapilot.checks;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.sql.SqlSyntaxException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data checks of a whole {@code check} run: plan them for every migration file, run them in one go on one
 * connection (so checks on the same table share a scan across files), and let the results adjust the findings.
 */
public final class DataCheckSuite {

    /** The checks that ran, and the file reports with their findings adjusted by the results. */
    public record Result(List<DataCheck> checks, List<FileReport> reports) {
    }

    private DataCheckSuite() {
    }

    /**
     * @param texts the migration text of each report, by its path (reports without text, e.g. unreadable files,
     *              are passed through unchanged)
     */
    public static Result run(Connection c, List<FileReport> reports, Map<String, String> texts, CatalogSnapshot catalog,
                             DataCheckRunner.Options options) {
        Map<String, PlannedCheck> planned = new LinkedHashMap<>();
        for (FileReport r : reports) {
            String text = texts.get(r.path());
            if (text == null || r.error() != null) {
                continue;
            }
            try {
                for (PlannedCheck p : DataCheckPlanner.plan(text, catalog)) {
                    planned.putIfAbsent(p.id(), p); // the same check asked by two files runs once
                }
            } catch (SqlSyntaxException e) {
                // the analyzer already reported the file as unsplittable
            }
        }
        if (planned.isEmpty()) {
            return new Result(List.of(), reports);
        }
        DataCheckRun run = new DataCheckRunner(options).run(c, new ArrayList<>(planned.values()));
        List<FileReport> adjusted = new ArrayList<>();
        for (FileReport r : reports) {
            List<Finding> findings = DataCheckEffects.apply(r.findings(), run.checks());
            adjusted.add(new FileReport(r.path(), r.statements(), r.parseErrors(), findings, r.unusedIgnores(),
                    r.error(), r.excerpts()));
        }
        return new Result(run.checks(), adjusted);
    }
}
