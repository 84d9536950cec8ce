package io.schemapilot.plan.recipes;

import io.schemapilot.plan.NotNullSteps;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.sql.Change;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SET NOT NULL} on an existing column: CHECK NOT VALID, VALIDATE, SET NOT NULL (no scan on 12+), drop the
 * CHECK.
 */
public final class SetNotNullRecipe implements Recipe {

    @Override
    public String id() {
        return "set-not-null";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return change instanceof Change.SetNotNull sn && !ctx.isNewTable(sn.target())
                && ctx.hasHazard("set-not-null-full-scan");
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.SetNotNull sn = (Change.SetNotNull) change;
        List<PlanStep> v = NotNullSteps.validate(ctx, Phase.EXPAND, sn.target(), sn.column());
        List<PlanStep> out = new ArrayList<>();
        out.add(v.get(0));
        out.add(v.get(1).inPhase(Phase.BACKFILL));
        List<PlanStep> e = NotNullSteps.enforce(ctx, Phase.CONTRACT, sn.target(), sn.column(), true);
        if (!e.isEmpty()) {
            PlanStep first = e.get(0);
            out.add(new PlanStep(first.phase(), first.description(), first.up(), first.down(), first.irreversible(),
                    first.verify(), first.transactional(), first.lock(), first.lockTimeoutMs(), first.destructive(),
                    first.batched(), first.estimatedSeconds(), first.object(), first.recipe(), first.backup(),
                    first.backupTable(), "Deploy application code that never writes NULL to "
                    + ctx.display(sn.target(), sn.column()) + " before the contract phase.", first.downTransactional()));
            out.addAll(e.subList(1, e.size()));
        }
        return out;
    }
}
