package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ParsedStatement;

/** {@code ADD COLUMN ... DEFAULT x} on PostgreSQL 10 or older rewrites the whole table, whatever the default. */
public final class AddColumnDefaultPrePg11Rule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_COLUMN_DEFAULT_PRE_PG11;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (ctx.pgVersion().atLeast(11)) {
            return;
        }
        for (Change.AddColumn ac : st.changes(Change.AddColumn.class)) {
            ColumnDef col = ac.column();
            if (!col.hasDefault() || isNullDefault(col.defaultExpr()) || ctx.isNew(ac.target())) {
                continue;
            }
            String table = ctx.display(ac.target());
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .rewrite(true)
                    .message("Adding column " + col.name() + " with DEFAULT " + col.defaultExpr() + " on PostgreSQL "
                            + ctx.pgVersion() + " rewrites all of " + table + " under an ACCESS EXCLUSIVE lock, "
                            + "blocking reads and writes (only PostgreSQL 11+ stores a non-volatile default without "
                            + "a rewrite).")
                    .help("Add the column without a default, SET DEFAULT for new rows, then backfill existing rows "
                            + "in batches.")
                    .fix(ColumnConstraintRecipes.addThenBackfill(ac.target(), col, col.defaultExpr(), ctx.pgVersion()))
                    .add();
        }
    }

    /** {@code DEFAULT NULL} (also cast) changes nothing on disk, on any version. */
    static boolean isNullDefault(String expr) {
        return expr.strip().matches("(?is)\\(*\\s*null\\s*\\)*(\\s*::.*)?");
    }
}
