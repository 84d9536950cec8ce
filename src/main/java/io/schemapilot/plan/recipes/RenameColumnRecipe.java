package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.NotNullSteps;
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
import java.util.Optional;

/**
 * {@code RENAME COLUMN a TO b} on an existing table, as expand/contract: add {@code b}, keep both in sync with a
 * trigger, backfill {@code b}, copy indexes and constraints; the application switches to {@code b}; then drop the
 * trigger and {@code a}. Old and new application versions both work during the whole change.
 */
public final class RenameColumnRecipe implements Recipe {

    @Override
    public String id() {
        return "rename-column";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.RenameColumn rc) || ctx.isNewTable(rc.target())) {
            return false;
        }
        if (ctx.table(rc.target()).isPresent() && ctx.column(rc.target(), rc.from()).isEmpty()) {
            return false;
        }
        if (ShadowColumn.inPrimaryKey(ctx, rc.target(), rc.from())) {
            ctx.note("RENAME COLUMN " + ctx.display(rc.target(), rc.from()) + " passes through as written: the column "
                    + "is part of the primary key, which the expand/contract recipe does not move.");
            return false;
        }
        return true;
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.RenameColumn rc = (Change.RenameColumn) change;
        QualifiedName table = rc.target();
        String t = Sql.name(table);
        String a = Sql.ident(rc.from());
        String b = Sql.ident(rc.to());
        String da = ctx.display(table, rc.from());
        String db = ctx.display(table, rc.to());
        Optional<CatalogSnapshot.Column> old = ctx.column(table, rc.from());
        String type = old.map(CatalogSnapshot.Column::type).orElse(null);
        List<PlanStep> out = new ArrayList<>();

        out.add(ctx.step(Phase.EXPAND, "Add " + db + " with the type of " + rc.from() + " (nullable, no default: "
                        + "catalog only)")
                .up(ShadowColumn.addColumn(table, rc.to(), type, rc.from()))
                .down("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + b + ";")
                .verify(Verify.columnExists(table, rc.to()))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(db)
                .build());
        out.add(ctx.step(Phase.EXPAND, "Keep " + rc.from() + " and " + rc.to() + " in sync with a trigger while old "
                        + "and new application versions run side by side")
                .up(ShadowColumn.createTrigger(table, rc.from(), syncBody(a, b)))
                .down(ShadowColumn.dropTrigger(table, rc.from()))
                .verify(Verify.triggerExists(table, ShadowColumn.trigger(table, rc.from())))
                .lock(LockMode.SHARE_ROW_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(ctx.display(table))
                .build());
        out.add(BackfillSteps.backfill(ctx, table, rc.to(), b + " = " + a, b + " IS DISTINCT FROM " + a,
                "Copy " + rc.from() + " into " + rc.to() + " for existing rows"));
        boolean notNull = old.map(CatalogSnapshot.Column::notNull).orElse(false);
        if (notNull) {
            out.addAll(NotNullSteps.validate(ctx, Phase.BACKFILL, table, rc.to()));
        }
        ShadowColumn.Copies copies = ShadowColumn.copies(ctx, table, rc.from(), rc.to());
        out.addAll(copies.build());
        if (!copies.skipped().isEmpty()) {
            ctx.note("Not copied to " + db + " (recreate by hand): " + String.join(", ", copies.skipped()) + ".");
        }
        if (!ctx.hasCatalog()) {
            ctx.note("Without a catalog the rename of " + da + " copies its type and values, not its default, NOT "
                    + "NULL, constraints or indexes.");
        }

        String deploy = "Deploy application code that reads and writes " + db + " instead of " + da
                + " before the contract phase (the trigger keeps both in sync until then).";
        List<PlanStep> contract = new ArrayList<>();
        if (notNull) {
            contract.addAll(NotNullSteps.enforce(ctx, Phase.CONTRACT, table, rc.to(), true));
        }
        String def = old.map(CatalogSnapshot.Column::defaultExpr).orElse(null);
        if (def != null && !old.get().isGenerated()) {
            contract.add(ctx.step(Phase.CONTRACT, "Give " + db + " the default of " + rc.from())
                    .up("ALTER TABLE " + t + " ALTER COLUMN " + b + " SET DEFAULT " + def + ";")
                    .down("ALTER TABLE " + t + " ALTER COLUMN " + b + " DROP DEFAULT;")
                    .verify(Verify.columnHasDefault(table, rc.to()))
                    .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(db)
                    .build());
        }
        contract.addAll(copies.attach());
        contract.add(ctx.step(Phase.CONTRACT, "Drop the sync trigger and the old column " + da + " (brief lock); "
                        + rc.to() + " holds the same values")
                .up(ShadowColumn.dropTrigger(table, rc.from()) + "\nALTER TABLE " + t + " DROP COLUMN IF EXISTS " + a
                        + ";")
                .down(restoreOld(ctx, table, rc.from(), rc.to(), type))
                .verify(Verify.columnAbsent(table, rc.from()))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(da)
                .destructive().backup("the column " + rc.to() + " (same values, kept in sync until this step)")
                .build());
        contract.set(0, AddColumnRecipe.withDeployBefore(contract.get(0), deploy));
        out.addAll(contract);
        return out;
    }

    /** INSERT: take whichever column the writer set; UPDATE: the column that changed wins. */
    static String syncBody(String a, String b) {
        return "IF TG_OP = 'INSERT' THEN\n"
                + "  IF NEW." + b + " IS NULL THEN\n"
                + "    NEW." + b + " := NEW." + a + ";\n"
                + "  ELSE\n"
                + "    NEW." + a + " := NEW." + b + ";\n"
                + "  END IF;\n"
                + "ELSIF NEW." + b + " IS DISTINCT FROM OLD." + b + " THEN\n"
                + "  NEW." + a + " := NEW." + b + ";\n"
                + "ELSE\n"
                + "  NEW." + b + " := NEW." + a + ";\n"
                + "END IF;";
    }

    /** The down of the contract step: the old column back (filled from the new one), its properties, the trigger. */
    static String restoreOld(RecipeContext ctx, QualifiedName table, String from, String to, String type) {
        String t = Sql.name(table);
        String a = Sql.ident(from);
        String b = Sql.ident(to);
        StringBuilder sb = new StringBuilder();
        sb.append(ShadowColumn.addColumn(table, from, type, to)).append('\n');
        sb.append("UPDATE ").append(t).append(" SET ").append(a).append(" = ").append(b).append(";\n");
        ctx.column(table, from).ifPresent(c -> {
            if (c.defaultExpr() != null && !c.isGenerated()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(a).append(" SET DEFAULT ")
                        .append(c.defaultExpr()).append(";\n");
            }
            if (c.notNull()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(a).append(" SET NOT NULL;\n");
            }
        });
        sb.append(DropColumnRecipe.dependents(ctx, table, from));
        sb.append(ShadowColumn.createTrigger(table, from, syncBody(a, b)));
        return sb.toString();
    }
}
