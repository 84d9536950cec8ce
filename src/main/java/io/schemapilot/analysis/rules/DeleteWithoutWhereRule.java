package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code DELETE FROM t} with no {@code WHERE} on an existing table deletes every row. */
public final class DeleteWithoutWhereRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DELETE_WITHOUT_WHERE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.Delete d : st.changes(Change.Delete.class)) {
            if (d.hasWhere() || ctx.isNew(d.target())) {
                continue;
            }
            String table = ctx.display(d.target());
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ROW_EXCLUSIVE)
                    .message("DELETE without WHERE removes every row of " + table
                            + DestructiveRulesSupport.rows(ctx, d.target()) + " in one transaction under a ROW "
                            + "EXCLUSIVE lock, holding a row lock on each row until commit, which blocks every "
                            + "concurrent update of those rows.")
                    .help("Archive the rows first, then delete them in keyed batches with a WHERE clause, outside "
                            + "the schema migration.")
                    .add();
        }
    }
}
