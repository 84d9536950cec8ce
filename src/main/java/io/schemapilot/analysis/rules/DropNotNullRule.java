package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.util.Optional;

/** {@code ALTER COLUMN ... DROP NOT NULL}: a brief ACCESS EXCLUSIVE lock and a looser contract for readers. */
public final class DropNotNullRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_NOT_NULL;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropNotNull dn : st.changes(Change.DropNotNull.class)) {
            if (ctx.isNew(dn.target())) {
                continue;
            }
            Optional<CatalogSnapshot.Column> col = ctx.column(dn.target(), dn.column());
            if (col.isPresent() && !col.get().notNull()) {
                continue; // already nullable per the catalog: nothing changes
            }
            String table = ctx.display(dn.target());
            String column = ctx.display(dn.target(), dn.column());
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Dropping NOT NULL on " + column + " takes a brief ACCESS EXCLUSIVE lock on " + table
                            + " (blocking reads and writes while it waits) and lets NULLs into a column that existing"
                            + " code may assume is always set.")
                    .help("Ship code that handles NULL in this column first, then drop the constraint under a short"
                            + " lock_timeout.")
                    .add();
        }
    }
}
