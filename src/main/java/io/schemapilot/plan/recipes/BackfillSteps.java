package io.schemapilot.plan.recipes;

import io.schemapilot.plan.Batches;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.QualifiedName;

/** The batched backfill step: keyed batches when the table has a key, physical-row batches otherwise. */
final class BackfillSteps {
    private BackfillSteps() {
    }

    /**
     * @param assignments e.g. {@code status = 'new'}
     * @param pending     the rows still to do, e.g. {@code status IS NULL}; false once a row is done (resumable)
     */
    static PlanStep backfill(RecipeContext ctx, QualifiedName table, String column, String assignments,
                             String pending, String description) {
        String key = ctx.keyColumn(table);
        String up = key != null
                ? Batches.backfill(table, key, assignments, pending, ctx.options())
                : Batches.backfillByCtid(table, assignments, pending, ctx.options());
        String verify = key != null ? Verify.noRows(table, key, pending)
                : "SELECT ctid FROM " + Sql.name(table) + " WHERE " + pending + " LIMIT 5;";
        return ctx.step(Phase.BACKFILL, description + " in batches of " + ctx.options().batchSize() + " rows, one "
                        + "transaction each (" + (key != null ? "keyed by " + key : "by physical row: no key column")
                        + "; resumable: done rows are skipped)")
                .up(up)
                .noDown("the backfill only wrote " + column + ", which the down of its expand step removes")
                .verify(verify)
                .batched().lock(LockMode.ROW_EXCLUSIVE).seconds(ctx.estimates().batchedUpdate(table))
                .object(ctx.display(table, column))
                .build();
    }
}
