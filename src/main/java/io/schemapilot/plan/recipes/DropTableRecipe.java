package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Backups;
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
 * {@code DROP TABLE}: after the application stops using the table, move it (data, indexes, constraints, owned
 * sequences, partitions) into the backup schema instead of dropping it: the application sees it gone, the down moves
 * it back. Dropping the backup after the retention period is the real point of no return (the plan's backup
 * section says so).
 */
public final class DropTableRecipe implements Recipe {

    @Override
    public String id() {
        return "drop-table";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.DropTable dt) || dt.cascade() || dt.names().isEmpty()) {
            return false;
        }
        for (QualifiedName n : dt.names()) {
            if (ctx.isNewTable(n)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.DropTable dt = (Change.DropTable) change;
        List<PlanStep> out = new ArrayList<>();
        for (QualifiedName n : dt.names()) {
            String schema = ctx.table(n).map(CatalogSnapshot.Table::schema).orElse(n.schemaOr("public"));
            if (n.schema() == null && !ctx.hasCatalog()) {
                ctx.note("Assumed " + n.name() + " lives in schema public (no schema written, no catalog given).");
            }
            QualifiedName moved = new QualifiedName(ctx.options().backupSchema(), n.name());
            String display = schema + "." + n.name();
            StringBuilder up = new StringBuilder(Backups.createSchema(ctx.options())).append('\n');
            StringBuilder down = new StringBuilder();
            up.append("ALTER TABLE ").append(dt.ifExists() ? "IF EXISTS " : "").append(Sql.name(n))
                    .append(" SET SCHEMA ").append(Sql.ident(ctx.options().backupSchema())).append(";\n");
            down.append("ALTER TABLE ").append(Sql.name(moved)).append(" SET SCHEMA ").append(Sql.ident(schema))
                    .append(";\n");
            for (CatalogSnapshot.Table p : partitions(ctx, schema, n.name())) {
                up.append("ALTER TABLE ").append(Sql.name(p.schema(), p.name())).append(" SET SCHEMA ")
                        .append(Sql.ident(ctx.options().backupSchema())).append(";\n");
                down.append("ALTER TABLE ").append(Sql.name(ctx.options().backupSchema(), p.name()))
                        .append(" SET SCHEMA ").append(Sql.ident(p.schema())).append(";\n");
            }
            down.append(Backups.dropSchemaIfEmpty(ctx.options()));
            out.add(ctx.step(Phase.CONTRACT, "Take " + display + " away from the application by moving it, with its "
                            + "data, indexes and constraints, into " + ctx.options().backupSchema() + " (brief lock, "
                            + "no copy); the down moves it back")
                    .up(up.toString()).down(down.toString())
                    .verify(Verify.all(Verify.relationAbsent(new QualifiedName(schema, n.name()), "table"),
                            Verify.relationExists(moved, "backup table")))
                    .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display)
                    .destructive().backup("the table itself, kept as " + moved).backupTable(moved.toString())
                    .deployBefore("Deploy application code that no longer uses " + display
                            + " before the contract phase.")
                    .build());
        }
        return out;
    }

    private static List<CatalogSnapshot.Table> partitions(RecipeContext ctx, String schema, String name) {
        List<CatalogSnapshot.Table> out = new ArrayList<>();
        if (ctx.catalog() == null) {
            return out;
        }
        String parent = schema + "." + name;
        for (CatalogSnapshot.Table t : ctx.catalog().tables()) {
            if (parent.equals(t.partitionOf())) {
                out.add(t);
                out.addAll(partitions(ctx, t.schema(), t.name()));
            }
        }
        return out;
    }
}
