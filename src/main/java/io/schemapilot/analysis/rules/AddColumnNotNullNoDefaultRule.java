package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ParsedStatement;

/** {@code ADD COLUMN ... NOT NULL} without a DEFAULT fails on a table with rows and breaks writers that omit it. */
public final class AddColumnNotNullNoDefaultRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_COLUMN_NOT_NULL_NO_DEFAULT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AddColumn ac : st.changes(Change.AddColumn.class)) {
            ColumnDef col = ac.column();
            boolean required = col.notNull() || col.isPrimaryKey();
            boolean hasValue = col.hasDefault() && !AddColumnDefaultPrePg11Rule.isNullDefault(col.defaultExpr())
                    || col.generated() != ColumnDef.Generated.NONE || col.type().isSerial();
            if (!required || hasValue || ctx.isNew(ac.target())) {
                continue;
            }
            String table = ctx.display(ac.target());
            boolean empty = ctx.table(ac.target()).map(CatalogSnapshot.Table::rowEstimate).orElse(-1L) == 0;
            String message = empty
                    ? "Adding NOT NULL column " + col.name() + " without a DEFAULT takes a brief ACCESS EXCLUSIVE lock "
                    + "on " + table + " and may succeed now (the catalog estimates it empty), but every insert from "
                    + "code that does not set " + col.name() + " will then fail."
                    : "Adding NOT NULL column " + col.name() + " without a DEFAULT to " + table + " fails as soon as "
                    + "the table has a row (after queueing for an ACCESS EXCLUSIVE lock), and once added, inserts from "
                    + "code that does not set " + col.name() + " fail.";
            String help = ctx.pgVersion().atLeast(11)
                    ? "Add the column with a constant DEFAULT (no rewrite on PostgreSQL 11+), or add it nullable, "
                    + "backfill, and set NOT NULL with the CHECK recipe."
                    : "Add the column nullable, backfill it in batches, then set NOT NULL with the CHECK recipe.";
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message(message)
                    .help(help)
                    .add();
        }
    }
}
