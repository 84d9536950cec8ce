package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** {@code DROP TABLE} of an existing table deletes all of its rows irreversibly. */
public final class DropTableRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_TABLE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropTable dt : st.changes(Change.DropTable.class)) {
            for (QualifiedName q : dt.names()) {
                if (ctx.isNew(q)) {
                    continue;
                }
                if (dt.ifExists() && DestructiveRulesSupport.catalogLacks(ctx, q)) {
                    continue; // the catalog shows no such table: IF EXISTS makes this a no-op
                }
                String table = ctx.display(q);
                String rows = DestructiveRulesSupport.rows(ctx, q);
                String recreated = DestructiveRulesSupport.tableCreatedLater(ctx, st, q)
                        ? " (creating it again later in this migration does not bring them back)" : "";
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Dropping table " + table + " permanently deletes all of its rows" + rows
                                + recreated + " and takes an ACCESS EXCLUSIVE lock that blocks reads and writes "
                                + "to it.")
                        .help("Rename or archive the table, deploy code that no longer uses it, back it up, and "
                                + "drop it in a later migration.")
                        .add();
            }
        }
    }
}
