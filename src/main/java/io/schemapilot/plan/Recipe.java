package io.schemapilot.plan;

import io.schemapilot.sql.Change;
import java.util.List;

/**
 * One safe way to make one kind of change: it returns the steps (up, down, verify, lock, flags) and never runs SQL.
 * Recipes are stateless; everything they may know is in the {@link RecipeContext}.
 */
public interface Recipe {

    /** Short id, shown in the plan ("add-column", "create-index", ...). */
    String id();

    /** Whether this recipe plans {@code change} (the first recipe that applies wins). */
    boolean applies(Change change, RecipeContext ctx);

    /** The steps, in execution order; the planner groups them by phase and numbers them. */
    List<PlanStep> steps(Change change, RecipeContext ctx);
}
