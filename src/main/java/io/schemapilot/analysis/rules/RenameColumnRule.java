package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code RENAME COLUMN} on an existing table breaks application code that still uses the old name. */
public final class RenameColumnRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.RENAME_COLUMN;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.RenameColumn rc : st.changes(Change.RenameColumn.class)) {
            if (ctx.isNew(rc.target())
                    || DestructiveRulesSupport.columnAddedEarlier(ctx, st, rc.target(), rc.from())) {
                continue;
            }
            if (ctx.table(rc.target()).isPresent() && ctx.column(rc.target(), rc.from()).isEmpty()) {
                continue; // the catalog shows no such column: the statement fails, nothing is renamed
            }
            String column = ctx.display(rc.target(), rc.from());
            out.of(hazard(), st)
                    .object(column)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Renaming " + column + " to " + rc.to() + " breaks every running query and deployed "
                            + "application version that still uses " + rc.from() + ", after a brief ACCESS "
                            + "EXCLUSIVE lock on " + ctx.display(rc.target()) + " that blocks reads and writes.")
                    .help("Add the new column, write both, backfill, switch reads, then drop the old column "
                            + "(expand/contract), or alias the column in the application.")
                    .add();
        }
    }
}
