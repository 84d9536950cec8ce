package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/**
 * {@code ALTER TABLE ... RENAME TO} on an existing table breaks code using the old name, unless the migration then
 * creates a compatibility view with the old name (found by looking ahead at the later statements). The same for a
 * view or materialized view ({@code ALTER VIEW | MATERIALIZED VIEW ... RENAME TO}, or ALTER TABLE on a view).
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
            CatalogSnapshot.Table known = ctx.table(rt.target()).orElse(null);
            if (rt.ofView() && known != null && !known.isView()) {
                continue; // ALTER VIEW on a table fails ("is not a view"): nothing is renamed
            }
            // ALTER TABLE renames a view too; pg_locks (PG 15): ACCESS EXCLUSIVE on the view only, none on its tables
            String kind = rt.kind().equals("MATERIALIZED VIEW") || known != null && known.kind() == 'm'
                    ? "materialized view" : rt.ofView() || known != null && known.isView() ? "view" : null;
            String table = ctx.display(rt.target());
            QualifiedName renamed = new QualifiedName(rt.target().schema(), rt.newName());
            String what = kind == null ? table : kind + " " + table;
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Renaming " + what + " to " + rt.newName() + " breaks every running query and "
                            + "deployed application version that still names " + table + ", after a brief ACCESS "
                            + "EXCLUSIVE lock that blocks reads and writes to it.")
                    .help(kind == null ? "Rename and create a view with the old name in the same short transaction, "
                            + "then drop the view once no code uses the old name."
                            : "Create the " + kind + " under the new name alongside the old one (or rename and create"
                            + " a view with the old name over it in the same short transaction), move the code to the"
                            + " new name, then drop the old one" + (kind.equals("materialized view")
                            ? "; REFRESH MATERIALIZED VIEW must name the new name." : "."))
                    .fix(st.source().text().strip() + ";\nCREATE VIEW " + rt.target() + " AS SELECT * FROM "
                            + renamed + ";")
                    .add();
        }
    }
}
