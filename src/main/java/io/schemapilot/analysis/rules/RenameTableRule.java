package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/**
 * {@code ALTER TABLE ... RENAME TO} on an existing table breaks code using the old name, unless the migration then
 * creates a compatibility view with the old name (found by looking ahead at the later statements).
 */
public final class RenameTableRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.RENAME_TABLE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.RenameTable rt : st.changes(Change.RenameTable.class)) {
            if (ctx.isNew(rt.target()) || DestructiveRulesSupport.viewCreatedLater(ctx, st, rt.target())) {
                continue;
            }
            if (DestructiveRulesSupport.catalogLacks(ctx, rt.target())) {
                continue; // the catalog shows no such table: the statement fails, nothing is renamed
            }
            String table = ctx.display(rt.target());
            QualifiedName renamed = new QualifiedName(rt.target().schema(), rt.newName());
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Renaming " + table + " to " + rt.newName() + " breaks every running query and "
                            + "deployed application version that still names " + table + ", after a brief ACCESS "
                            + "EXCLUSIVE lock that blocks reads and writes to it.")
                    .help("Rename and create a view with the old name in the same short transaction, then drop the "
                            + "view once no code uses the old name.")
                    .fix(st.source().text().strip() + ";\nCREATE VIEW " + rt.target() + " AS SELECT * FROM "
                            + renamed + ";")
                    .add();
        }
    }
}
