package io.schemapilot.plan.recipes;

import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import java.util.List;

/** {@code ADD UNIQUE} on an existing table: unique index CONCURRENTLY, then {@code UNIQUE USING INDEX}. */
public final class UniqueConstraintRecipe implements Recipe {

    @Override
    public String id() {
        return "unique-constraint";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return change instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.UNIQUE
                && ac.constraint().usingIndex() == null && !ctx.isNewTable(ac.target())
                && parts(ctx) != null;
    }

    private static ConstraintSteps.KeyParts parts(RecipeContext ctx) {
        String after = Clauses.after(ctx.clause(), "unique");
        return after == null ? null : ConstraintSteps.keyParts(after);
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AddConstraint ac = (Change.AddConstraint) change;
        String name = ac.constraint().name() != null ? ac.constraint().name()
                : Sql.defaultName(ac.target().name(), ac.constraint().columns(), "key");
        ConstraintSteps.KeyParts p = parts(ctx);
        return ConstraintSteps.unique(ctx, ac.target(), name, p.indexTail(), p.constraintTail());
    }
}
