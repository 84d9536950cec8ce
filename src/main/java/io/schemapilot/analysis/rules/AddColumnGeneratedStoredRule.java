package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ParsedStatement;

/** {@code ADD COLUMN ... GENERATED ALWAYS AS (...) STORED} computes and writes the value for every row: a rewrite. */
public final class AddColumnGeneratedStoredRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_COLUMN_GENERATED_STORED;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        boolean pg18 = ctx.pgVersion().atLeast(18);
        for (Change.AddColumn ac : st.changes(Change.AddColumn.class)) {
            ColumnDef col = ac.column();
            if (col.generated() != ColumnDef.Generated.STORED || ctx.isNew(ac.target())) {
                continue;
            }
            String table = ctx.display(ac.target());
            String action = ColumnConstraintRecipes.actionText(st, ac);
            String fix = pg18 && action != null
                    ? "ALTER TABLE " + ColumnConstraintRecipes.sql(ac.target()) + " "
                    + action.replaceFirst("(?i)\\bSTORED\\b", "VIRTUAL") + ";"
                    : null;
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .rewrite(true)
                    .message("Adding stored generated column " + col.name() + " computes it for every row of " + table
                            + ", rewriting the table under an ACCESS EXCLUSIVE lock that blocks reads and writes.")
                    .help(pg18
                            ? "Make it VIRTUAL (computed on read, no rewrite), or add a plain column kept by a trigger "
                            + "and backfill it in batches."
                            : "Add a plain column kept up to date by a trigger and backfill it in batches.")
                    .fix(fix)
                    .add();
        }
    }
}
