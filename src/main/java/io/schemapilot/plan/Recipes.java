package io.schemapilot.plan;

import io.schemapilot.plan.recipes.AddColumnRecipe;
import io.schemapilot.plan.recipes.BatchedDmlRecipe;
import io.schemapilot.plan.recipes.CheckConstraintRecipe;
import io.schemapilot.plan.recipes.ColumnTypeRecipe;
import io.schemapilot.plan.recipes.CreateIndexRecipe;
import io.schemapilot.plan.recipes.DropColumnRecipe;
import io.schemapilot.plan.recipes.DropIndexRecipe;
import io.schemapilot.plan.recipes.DropTableRecipe;
import io.schemapilot.plan.recipes.EnumValueRecipe;
import io.schemapilot.plan.recipes.ForeignKeyRecipe;
import io.schemapilot.plan.recipes.PrimaryKeyRecipe;
import io.schemapilot.plan.recipes.PrimaryKeyTypeRecipe;
import io.schemapilot.plan.recipes.RenameColumnRecipe;
import io.schemapilot.plan.recipes.RenameTableRecipe;
import io.schemapilot.plan.recipes.SetNotNullRecipe;
import io.schemapilot.plan.recipes.UniqueConstraintRecipe;
import java.util.List;

/** Every recipe, in the order they are tried (the first that applies plans the change). */
public final class Recipes {
    private Recipes() {
    }

    public static List<Recipe> all() {
        return List.of(
                new AddColumnRecipe(),
                new SetNotNullRecipe(),
                new ForeignKeyRecipe(),
                new CheckConstraintRecipe(),
                new UniqueConstraintRecipe(),
                new PrimaryKeyRecipe(),
                new CreateIndexRecipe(),
                new DropIndexRecipe(),
                new DropColumnRecipe(),
                new DropTableRecipe(),
                new RenameColumnRecipe(),
                new RenameTableRecipe(),
                new PrimaryKeyTypeRecipe(),
                new ColumnTypeRecipe(),
                new EnumValueRecipe(),
                new BatchedDmlRecipe());
    }
}
