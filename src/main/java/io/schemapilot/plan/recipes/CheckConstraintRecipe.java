package io.schemapilot.plan.recipes;

import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import java.util.List;

/** {@code ADD CHECK} on an existing table: NOT VALID, then VALIDATE in its own transaction. */
public final class CheckConstraintRecipe implements Recipe {

    @Override
    public String id() {
        return "check-constraint";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return ConstraintSteps.addsValidated(change, ConstraintDef.Kind.CHECK, ctx);
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AddConstraint ac = (Change.AddConstraint) change;
        String name = ac.constraint().name() != null ? ac.constraint().name()
                : ConstraintSteps.checkName(ctx, ac.target(), ac.constraint().expression());
        return ConstraintSteps.notValidThenValidate(ctx, ac.target(), name, Clauses.constraintBody(ctx.clause()),
                false);
    }
}
