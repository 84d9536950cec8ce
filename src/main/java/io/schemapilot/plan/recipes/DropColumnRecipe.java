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
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code DROP COLUMN}: after the application stops using the column, snapshot (key, column) into a backup table,
 * then drop. The down adds the column back and restores every value from the snapshot (with the catalog also its
 * default, NOT NULL, constraints and indexes), so the drop is reversible until the snapshot is removed.
 */
public final class DropColumnRecipe implements Recipe {

    @Override
    public String id() {
        return "drop-column";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        return change instanceof Change.DropColumn dc && !dc.cascade() && !ctx.isNewTable(dc.target())
                && !(ctx.hasCatalog() && ctx.table(dc.target()).isPresent()
                && ctx.column(dc.target(), dc.column()).isEmpty());
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.DropColumn dc = (Change.DropColumn) change;
        QualifiedName table = dc.target();
        String t = Sql.name(table);
        String col = Sql.ident(dc.column());
        String display = ctx.display(table, dc.column());
        String key = ctx.keyColumn(table);
        QualifiedName backup = ctx.backupTable(table.name() + "__" + dc.column());
        String b = Sql.name(backup);
        String deploy = "Deploy application code that no longer reads or writes " + display + " (ORMs: mark it "
                + "ignored) before the contract phase.";
        List<PlanStep> out = new ArrayList<>();

        String snapshotCols = key != null ? Sql.ident(key) + ", " + col : "*";
        out.add(ctx.step(Phase.CONTRACT, "Snapshot " + (key != null ? key + " and " + dc.column() : "every row") + " of "
                        + ctx.display(table) + " into " + backup + " (reads and writes go on)")
                .up(Backups.createSchema(ctx.options()) + "\nCREATE TABLE IF NOT EXISTS " + b + " AS SELECT "
                        + snapshotCols + " FROM " + t + ";")
                .down("DROP TABLE IF EXISTS " + b + ";\n" + Backups.dropSchemaIfEmpty(ctx.options()))
                .verify(Verify.snapshotComplete(table, backup))
                .lock(LockMode.ACCESS_SHARE).seconds(ctx.estimates().copy(table)).object(display)
                .backupTable(backup.toString()).deployBefore(deploy)
                .build());

        PlanStep.Builder drop = ctx.step(Phase.CONTRACT, "Drop " + display + " (brief lock, no rewrite); the "
                        + "snapshot " + backup + " keeps its values")
                .up("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + col + ";")
                .verify(Verify.columnAbsent(table, dc.column()))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display).destructive();
        if (key == null) {
            drop.irreversible("irreversible: " + ctx.display(table) + " has no unique NOT NULL key to match rows; "
                    + "restore the values by hand from the snapshot " + backup + " or from a pg_dump");
        } else {
            drop.down(restore(ctx, table, dc.column(), key, backup)).backup("snapshot " + backup);
        }
        out.add(drop.build());
        return out;
    }

    /** Adds the column back and restores its values (and, with the catalog, its properties) from the snapshot. */
    static String restore(RecipeContext ctx, QualifiedName table, String column, String key, QualifiedName backup) {
        String t = Sql.name(table);
        String col = Sql.ident(column);
        String b = Sql.name(backup);
        StringBuilder sb = new StringBuilder();
        Optional<CatalogSnapshot.Column> known = ctx.column(table, column);
        sb.append("-- the column comes back at the end of the table's column list\n");
        if (known.isPresent()) {
            sb.append("ALTER TABLE ").append(t).append(" ADD COLUMN IF NOT EXISTS ").append(col).append(' ')
                    .append(known.get().type()).append(";\n");
        } else {
            sb.append("DO $sp$\nBEGIN\n  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %I %s', ")
                    .append(Sql.lit(t)).append(", ").append(Sql.lit(column))
                    .append(", (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ")
                    .append(Sql.regclass(backup)).append(" AND attname = ").append(Sql.lit(column)).append("));\n")
                    .append("END\n$sp$;\n");
            ctx.note("Without a catalog the down of the drop of " + ctx.display(table, column) + " restores its type "
                    + "and values, not its default, NOT NULL, constraints or indexes.");
        }
        sb.append("UPDATE ").append(t).append(" AS t SET ").append(col).append(" = b.").append(col).append(" FROM ")
                .append(b).append(" AS b WHERE t.").append(Sql.ident(key)).append(" = b.").append(Sql.ident(key))
                .append(";\n");
        if (known.isPresent()) {
            CatalogSnapshot.Column c = known.get();
            if (c.defaultExpr() != null && !c.isGenerated()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(col).append(" SET DEFAULT ")
                        .append(c.defaultExpr()).append(";\n");
                if (c.notNull()) {
                    sb.append("UPDATE ").append(t).append(" SET ").append(col).append(" = DEFAULT WHERE ").append(col)
                            .append(" IS NULL; -- rows written after the drop\n");
                }
            }
            if (c.notNull()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(col).append(" SET NOT NULL;\n");
            }
            sb.append(dependents(ctx, table, column));
        }
        return sb.toString();
    }

    /** The constraints and indexes of {@code table} that mention {@code column}, recreated from the catalog. */
    static String dependents(RecipeContext ctx, QualifiedName table, String column) {
        StringBuilder sb = new StringBuilder();
        CatalogSnapshot.Table x = ctx.table(table).orElse(null);
        if (x == null) {
            return "";
        }
        String t = Sql.name(table);
        List<String> constraintIndexes = new ArrayList<>();
        for (CatalogSnapshot.Constraint k : x.constraints()) {
            if (k.index() != null) {
                constraintIndexes.add(k.index());
            }
            if (k.type() == 'n' || !(k.columns().contains(column) || mentions(k.definition(), column))) {
                continue;
            }
            sb.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(Sql.ident(k.name())).append(' ')
                    .append(k.definition()).append(";\n");
        }
        for (CatalogSnapshot.Index i : x.indexes()) {
            if (constraintIndexes.contains(i.name()) || !(i.columns().contains(column)
                    || mentions(i.definition(), column))) {
                continue;
            }
            sb.append(i.definition()).append(";\n");
        }
        return sb.toString();
    }

    static boolean mentions(String sql, String column) {
        if (sql == null) {
            return false;
        }
        for (Token k : Sql.tokens(sql)) {
            if (k.isIdentifier() && k.value().equals(column)) {
                return true;
            }
        }
        return false;
    }
}
