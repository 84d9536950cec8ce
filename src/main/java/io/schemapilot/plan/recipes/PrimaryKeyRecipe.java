package io.schemapilot.plan.recipes;

import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import java.util.List;

/**
 * {@code ADD PRIMARY KEY} on an existing table: NOT NULL through validated CHECKs, unique index CONCURRENTLY, then
 * {@code PRIMARY KEY USING INDEX}.
 */
public final class PrimaryKeyRecipe implements Recipe {

    @Override
    public String id() {
        return "primary-key";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return change instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                && ac.constraint().usingIndex() == null && !ctx.isNewTable(ac.target())
                && !ac.constraint().columns().isEmpty() && parts(ctx) != null;
    }

    private static ConstraintSteps.KeyParts parts(RecipeContext ctx) {
        String after = Clauses.after(ctx.clause(), "primary", "key");
        return after == null ? null : ConstraintSteps.keyParts(after);
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AddConstraint ac = (Change.AddConstraint) change;
        String name = ac.constraint().name() != null ? ac.constraint().name() : ac.target().name() + "_pkey";
        ConstraintSteps.KeyParts p = parts(ctx);
        return ConstraintSteps.primaryKey(ctx, ac.target(), name, ac.constraint().columns(), p.indexTail(),
                p.constraintTail());
    }
}
