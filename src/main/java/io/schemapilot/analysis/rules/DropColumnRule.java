package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code ALTER TABLE ... DROP COLUMN} on an existing table destroys the column's data for good. */
public final class DropColumnRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_COLUMN;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropColumn dc : st.changes(Change.DropColumn.class)) {
            if (ctx.isNew(dc.target())
                    || DestructiveRulesSupport.columnAddedEarlier(ctx, st, dc.target(), dc.column())) {
                continue;
            }
            boolean tableKnown = ctx.table(dc.target()).isPresent();
            if (dc.ifExists() && tableKnown && ctx.column(dc.target(), dc.column()).isEmpty()) {
                continue; // the catalog shows there is no such column: IF EXISTS makes this a no-op
            }
            String table = ctx.display(dc.target());
            String column = ctx.display(dc.target(), dc.column());
            String rows = DestructiveRulesSupport.rows(ctx, dc.target());
            out.of(hazard(), st)
                    .object(column)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Dropping column " + column + " permanently discards its value in every row of "
                            + table + rows + " and takes an ACCESS EXCLUSIVE lock that briefly blocks reads and "
                            + "writes, while application code that still uses the column starts failing.")
                    .help("Stop reading and writing the column in the application, deploy, back it up, then drop "
                            + "it in a later migration.")
                    .add();
        }
    }
}
