package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code ALTER TYPE ... ADD VALUE} on an existing enum: alone, outside a transaction, before anything uses the
 * label (so it is committed when the application or a later step needs it). PostgreSQL cannot drop a label: with
 * the catalog the down recreates the type without it (rewriting the columns that use it, under their locks); without
 * the catalog the step is irreversible (an unused label is harmless).
 */
public final class EnumValueRecipe implements Recipe {

    @Override
    public String id() {
        return "enum-value";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return change instanceof Change.AddEnumValue av && ctx.facts().enumLabels(av.target()) == null;
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AddEnumValue av = (Change.AddEnumValue) change;
        QualifiedName type = av.target();
        String up = "ALTER TYPE " + Sql.name(type) + " ADD VALUE IF NOT EXISTS " + Sql.lit(av.value())
                + (av.position() == null ? "" : " " + av.position()) + ";";
        PlanStep.Builder b = ctx.step(Phase.EXPAND, "Add the label " + Sql.lit(av.value()) + " to the enum "
                        + type.qualified() + " alone, outside a transaction, before any step or deploy uses it")
                .up(up)
                .verify(Verify.enumHasLabel(type, av.value()))
                .nonTransactional().seconds(ctx.estimates().metadata()).object(type.qualified());
        Optional<CatalogSnapshot.EnumType> known = ctx.catalog() == null ? Optional.empty()
                : ctx.catalog().enumType(type);
        if (known.isPresent()) {
            b.down(recreate(ctx, known.get())).downTransactional(true);
        } else {
            b.irreversible("irreversible: PostgreSQL cannot drop an enum label; leave it unused (harmless), or "
                    + "recreate the type without it (give --schema or --db to get that down generated)");
        }
        return List.of(b.build());
    }

    /** Recreates the type with its labels before the migration and converts every column that uses it. */
    static String recreate(RecipeContext ctx, CatalogSnapshot.EnumType e) {
        String type = Sql.name(e.schema(), e.name());
        String old = Sql.limit(e.name(), "__sp_old");
        StringBuilder sb = new StringBuilder();
        sb.append("-- PostgreSQL cannot drop an enum label: recreate the type without it (fails while a row uses it)\n");
        sb.append("ALTER TYPE ").append(type).append(" RENAME TO ").append(Sql.ident(old)).append(";\n");
        List<String> labels = new ArrayList<>();
        for (String l : e.labels()) {
            labels.add(Sql.lit(l));
        }
        sb.append("CREATE TYPE ").append(type).append(" AS ENUM (").append(String.join(", ", labels)).append(");\n");
        for (CatalogSnapshot.Table t : ctx.catalog().tables()) {
            if (t.isView() || t.partitionOf() != null || t.kind() == 'f') {
                continue;
            }
            for (CatalogSnapshot.Column c : t.columns()) {
                boolean array = c.baseType().equals("_" + e.name());
                if (!c.baseType().equals(e.name()) && !array) {
                    continue;
                }
                String tn = Sql.name(t.schema(), t.name());
                String cn = Sql.ident(c.name());
                if (c.defaultExpr() != null) {
                    sb.append("ALTER TABLE ").append(tn).append(" ALTER COLUMN ").append(cn).append(" DROP DEFAULT;\n");
                }
                sb.append("ALTER TABLE ").append(tn).append(" ALTER COLUMN ").append(cn).append(" TYPE ").append(type)
                        .append(array ? "[]" : "").append(" USING ").append(cn).append("::text").append(array ? "[]" : "")
                        .append("::").append(type).append(array ? "[]" : "").append(";\n");
                if (c.defaultExpr() != null) {
                    sb.append("ALTER TABLE ").append(tn).append(" ALTER COLUMN ").append(cn).append(" SET DEFAULT ")
                            .append(c.defaultExpr()).append(";\n");
                }
            }
        }
        sb.append("DROP TYPE ").append(Sql.name(e.schema(), old)).append(";");
        return sb.toString();
    }
}
