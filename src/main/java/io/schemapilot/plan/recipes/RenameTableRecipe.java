package io.schemapilot.plan.recipes;

import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ALTER TABLE ... RENAME TO} on an existing table: rename and create an updatable view with the old name in
 * one short transaction (old code keeps reading and writing through the view); drop the view in the contract phase,
 * after the application uses the new name.
 */
public final class RenameTableRecipe implements Recipe {

    @Override
    public String id() {
        return "rename-table";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return change instanceof Change.RenameTable rt && !rt.ofView() && !ctx.isNewTable(rt.target())
                && !ctx.table(rt.target()).map(t -> t.isView()).orElse(false);
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.RenameTable rt = (Change.RenameTable) change;
        QualifiedName old = rt.target();
        QualifiedName renamed = new QualifiedName(old.schema(), rt.newName());
        String o = Sql.name(old);
        String n = Sql.name(renamed);
        List<PlanStep> out = new ArrayList<>();
        out.add(ctx.step(Phase.EXPAND, "Rename " + ctx.display(old) + " to " + rt.newName() + " and create the view "
                        + old.name() + " over it in the same transaction (brief lock): code using the old name keeps "
                        + "reading and writing through the view")
                .up("ALTER TABLE " + o + " RENAME TO " + Sql.ident(rt.newName()) + ";\n"
                        + "CREATE VIEW " + o + " AS SELECT * FROM " + n + ";")
                .down("DROP VIEW IF EXISTS " + o + ";\n"
                        + "ALTER TABLE " + n + " RENAME TO " + Sql.ident(old.name()) + ";")
                .verify(Verify.all(Verify.relationExists(renamed, "table"), Verify.relationExists(old, "view")))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(ctx.display(old))
                .build());
        out.add(ctx.step(Phase.CONTRACT, "Drop the compatibility view " + old.name())
                .up("DROP VIEW IF EXISTS " + o + ";")
                .down("CREATE OR REPLACE VIEW " + o + " AS SELECT * FROM " + n + ";")
                .verify(Verify.relationAbsent(old, "view"))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(ctx.display(old))
                .deployBefore("Deploy application code that uses " + rt.newName() + " instead of " + old.name()
                        + " before the contract phase (the view " + old.name() + " serves old code until then).")
                .build());
        ctx.note("The view " + old.name() + " shows the columns " + ctx.display(old) + " has at the rename; columns "
                + "added later are only visible under the new name.");
        return out;
    }
}
