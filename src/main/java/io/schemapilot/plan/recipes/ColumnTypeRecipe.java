package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Backups;
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
 * {@code ALTER COLUMN ... TYPE} that rewrites the table (or may lose data): expand/contract with a swap. Add a new
 * column of the new type, fill it from a trigger and a batched backfill (the USING expression, or a cast), copy
 * indexes and constraints CONCURRENTLY / NOT VALID + VALIDATE; then snapshot the old values and swap in one short
 * transaction (drop the old column, rename the new one, move default, NOT NULL, index and constraint names).
 */
public final class ColumnTypeRecipe implements Recipe {

    @Override
    public String id() {
        return "column-type";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.AlterColumnType at) || ctx.isNewTable(at.target())) {
            return false;
        }
        if (!ctx.hasHazard("alter-column-type-rewrite") && !ctx.hasHazard("alter-column-type-lossy")) {
            return false; // binary-coercible: catalog only, nothing to plan around
        }
        if (ctx.table(at.target()).isPresent() && ctx.column(at.target(), at.column()).isEmpty()) {
            return false;
        }
        if (ShadowColumn.inPrimaryKey(ctx, at.target(), at.column())) {
            return false; // PrimaryKeyTypeRecipe plans it, or notes why it passes through as written
        }
        return true;
    }

    private record Renamed(String copy, String original, boolean index, boolean unique) {
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AlterColumnType at = (Change.AlterColumnType) change;
        QualifiedName table = at.target();
        String column = at.column();
        String shadow = Sql.limit(column, "__new");
        String t = Sql.name(table);
        String o = Sql.ident(column);
        String n = Sql.ident(shadow);
        String newType = at.type().written();
        String display = ctx.display(table, column);
        Optional<CatalogSnapshot.Column> old = ctx.column(table, column);
        List<PlanStep> out = new ArrayList<>();

        out.add(ctx.step(Phase.EXPAND, "Add " + ctx.display(table, shadow) + " of type " + newType
                        + " (nullable, no default: catalog only)")
                .up(ShadowColumn.addColumn(table, shadow, newType, null))
                .down("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + n + ";")
                .verify(Verify.columnExists(table, shadow))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(ctx.display(table, shadow))
                .build());
        out.add(ctx.step(Phase.EXPAND, "Fill " + shadow + " from " + column + " on every INSERT and UPDATE (trigger)")
                .up(ShadowColumn.createTrigger(table, column, "NEW." + n + " := " + convert(at, "NEW." + o) + ";"))
                .down(ShadowColumn.dropTrigger(table, column))
                .verify(Verify.triggerExists(table, ShadowColumn.trigger(table, column)))
                .lock(LockMode.SHARE_ROW_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(ctx.display(table))
                .build());
        String expr = convert(at, o);
        out.add(BackfillSteps.backfill(ctx, table, shadow, n + " = " + expr, n + " IS DISTINCT FROM " + expr,
                "Convert " + column + " into " + shadow + " for existing rows (a value that does not convert stops "
                        + "the step: fix the data and run it again)"));
        boolean notNull = old.map(CatalogSnapshot.Column::notNull).orElse(false);
        if (notNull) {
            out.addAll(NotNullSteps.validate(ctx, Phase.BACKFILL, table, shadow));
        }
        ShadowColumn.Copies copies = ShadowColumn.copies(ctx, table, column, shadow);
        out.addAll(copies.build());
        if (!copies.skipped().isEmpty()) {
            ctx.note("Not copied to the new " + display + " (recreate by hand): " + String.join(", ", copies.skipped())
                    + ".");
        }
        if (!ctx.hasCatalog()) {
            ctx.note("Without a catalog the type change of " + display + " keeps the values, not the column's "
                    + "default, NOT NULL, constraints or indexes.");
        }

        // names of the copies, and what they become at the swap
        List<Renamed> renames = new ArrayList<>();
        ctx.table(table).ifPresent(x -> {
            for (CatalogSnapshot.Constraint k : x.constraints()) {
                boolean uses = KeySwap.uses(k, column);
                if (uses && (k.type() == 'c' || k.type() == 'f' || k.type() == 'u')) {
                    renames.add(new Renamed(ShadowColumn.renamed(k.name(), column, shadow), k.name(), false,
                            k.type() == 'u'));
                }
            }
            List<String> constraintIndexes = x.constraints().stream().map(CatalogSnapshot.Constraint::index)
                    .filter(java.util.Objects::nonNull).toList();
            for (CatalogSnapshot.Index i : x.indexes()) {
                if (!constraintIndexes.contains(i.name()) && (i.columns().contains(column)
                        || DropColumnRecipe.mentions(i.definition(), column))) {
                    renames.add(new Renamed(ShadowColumn.renamed(i.name(), column, shadow), i.name(), true, false));
                }
            }
        });

        String key = ctx.keyColumn(table);
        QualifiedName backup = ctx.backupTable(table.name() + "__" + column);
        String deploy = "Confirm the application works with " + display + " as " + newType + " (reads of the old "
                + "type keep working until the swap) before the contract phase.";
        if (key != null) {
            out.add(ctx.step(Phase.CONTRACT, "Snapshot " + key + " and the old values of " + column + " into "
                            + backup + " (reads and writes go on)")
                    .up(Backups.createSchema(ctx.options()) + "\nCREATE TABLE IF NOT EXISTS " + Sql.name(backup)
                            + " AS SELECT " + Sql.ident(key) + ", " + o + " FROM " + t + ";")
                    .down("DROP TABLE IF EXISTS " + Sql.name(backup) + ";\n" + Backups.dropSchemaIfEmpty(ctx.options()))
                    .verify(Verify.snapshotComplete(table, backup))
                    .lock(LockMode.ACCESS_SHARE).seconds(ctx.estimates().copy(table)).object(display)
                    .backupTable(backup.toString()).deployBefore(deploy)
                    .build());
        }

        // an identity or a serial sequence moves to the new column (dropping the old one would drop it)
        KeySwap.OwnedSequence sequence = old.map(c -> KeySwap.OwnedSequence.of(ctx, ctx.table(table).orElse(null), c))
                .orElse(null);
        String typeName = at.type().name();
        StringBuilder swap = new StringBuilder();
        swap.append(ShadowColumn.dropTrigger(table, column)).append('\n');
        if (sequence != null) {
            swap.append(sequence.release(t, o, "SELECT ", true));
        }
        swap.append("ALTER TABLE ").append(t).append(" DROP COLUMN ").append(o).append(";\n");
        swap.append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(n).append(" TO ").append(o).append(";\n");
        String def = old.map(CatalogSnapshot.Column::defaultExpr).orElse(null);
        if (def != null && !old.get().isGenerated()) {
            swap.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(o).append(" SET DEFAULT ")
                    .append(def).append(";\n");
        }
        String check = NotNullSteps.checkName(table, shadow);
        if (notNull) {
            swap.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(o).append(" SET NOT NULL;\n");
            swap.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT IF EXISTS ").append(Sql.ident(check))
                    .append(";\n");
        }
        if (sequence != null) {
            swap.append(sequence.attach(t, o, sequence.dataType(), typeName, "SELECT "));
        }
        for (Renamed r : renames) {
            if (r.unique()) {
                swap.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(Sql.ident(r.original()))
                        .append(" UNIQUE USING INDEX ").append(Sql.ident(r.copy())).append(";\n");
            } else if (r.index()) {
                swap.append("ALTER INDEX ").append(Sql.name(table.schema(), r.copy())).append(" RENAME TO ")
                        .append(Sql.ident(r.original())).append(";\n");
            } else {
                swap.append("ALTER TABLE ").append(t).append(" RENAME CONSTRAINT ").append(Sql.ident(r.copy()))
                        .append(" TO ").append(Sql.ident(r.original())).append(";\n");
            }
        }
        PlanStep.Builder b = ctx.step(Phase.CONTRACT, "Swap in one short transaction: drop the old " + column
                        + ", rename " + shadow + " to " + column + ", move its default, NOT NULL, indexes and "
                        + "constraints" + (sequence == null ? "" : ", the " + (sequence.identity() ? "identity"
                        : "sequence") + " " + sequence.name().qualified() + " (keeping its position)"))
                .up(swap.toString())
                .verify(Verify.all(Verify.columnType(table, column, newType), Verify.columnAbsent(table, shadow)))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display).destructive();
        if (key != null) {
            b.down(unswap(ctx, at, shadow, key, backup, renames, notNull, sequence)).backup("snapshot " + backup);
        } else {
            b.irreversible("irreversible: " + ctx.display(table) + " has no unique NOT NULL key to restore the old "
                    + "values by; take a pg_dump of it first");
            b.deployBefore(deploy);
        }
        out.add(b.build());
        if (sequence != null && sequence.identity()) {
            ctx.note("The identity of " + display + " is added again on the new column at the same position; options "
                    + "other than its position (INCREMENT, CACHE, CYCLE, bounds) get the defaults of " + newType + ".");
        }
        return out;
    }

    /** The conversion of {@code ref} (a column reference) to the new type: the USING expression, or a cast. */
    static String convert(Change.AlterColumnType at, String ref) {
        if (at.using() != null) {
            return "(" + Sql.replaceColumn(at.using(), at.column(), ref) + ")";
        }
        return ref + "::" + at.type().written();
    }

    /** The down of the swap: back to two columns, the old one restored from the snapshot, trigger and copies back. */
    private static String unswap(RecipeContext ctx, Change.AlterColumnType at, String shadow, String key,
                                 QualifiedName backup, List<Renamed> renames, boolean notNull,
                                 KeySwap.OwnedSequence sequence) {
        QualifiedName table = at.target();
        String t = Sql.name(table);
        String o = Sql.ident(at.column());
        String n = Sql.ident(shadow);
        Optional<CatalogSnapshot.Column> old = ctx.column(table, at.column());
        StringBuilder sb = new StringBuilder();
        for (Renamed r : renames) {
            if (r.unique()) {
                sb.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT IF EXISTS ").append(Sql.ident(r.original()))
                        .append(";\n");
            } else if (r.index()) {
                sb.append("ALTER INDEX ").append(Sql.name(table.schema(), r.original())).append(" RENAME TO ")
                        .append(Sql.ident(r.copy())).append(";\n");
            } else {
                sb.append("ALTER TABLE ").append(t).append(" RENAME CONSTRAINT ").append(Sql.ident(r.original()))
                        .append(" TO ").append(Sql.ident(r.copy())).append(";\n");
            }
        }
        if (sequence != null) {
            sb.append(sequence.release(t, o, "SELECT ", false));
        }
        sb.append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(o).append(" TO ").append(n).append(";\n");
        sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(n).append(" DROP DEFAULT;\n");
        if (notNull) {
            // as the backfill left it: nullable, proven NOT NULL by a validated CHECK (the swap uses it again)
            String check = Sql.ident(NotNullSteps.checkName(table, shadow));
            sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(n).append(" DROP NOT NULL;\n");
            sb.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(check).append(" CHECK (").append(n)
                    .append(" IS NOT NULL) NOT VALID;\n");
            sb.append("ALTER TABLE ").append(t).append(" VALIDATE CONSTRAINT ").append(check).append(";\n");
        }
        for (Renamed r : renames) {
            if (r.unique()) {
                String tail = ctx.table(table).flatMap(x -> x.constraint(r.original()))
                        .flatMap(k -> ctx.table(table).flatMap(x -> x.index(k.index())))
                        .map(i -> ShadowColumn.indexTail(i.definition())).orElse(null);
                if (tail != null) {
                    sb.append("CREATE UNIQUE INDEX ").append(Sql.ident(r.copy())).append(" ON ").append(t).append(' ')
                            .append(ShadowColumn.replaceColumn(tail, at.column(), shadow)).append(";\n");
                }
            }
        }
        sb.append("-- the old column comes back at the end of the table's column list\n");
        String oldType = old.map(CatalogSnapshot.Column::type).orElse(null);
        if (oldType != null) {
            sb.append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(o).append(' ').append(oldType)
                    .append(";\n");
        } else {
            sb.append(ShadowColumn.addColumn(table, at.column(), null, at.column()).replace(Sql.regclass(table),
                    Sql.regclass(backup))).append('\n');
        }
        sb.append("UPDATE ").append(t).append(" AS t SET ").append(o).append(" = b.").append(o).append(" FROM ")
                .append(Sql.name(backup)).append(" AS b WHERE t.").append(Sql.ident(key)).append(" = b.")
                .append(Sql.ident(key)).append(";\n");
        String typeForCast = oldType != null ? oldType : null;
        if (typeForCast != null) {
            sb.append("UPDATE ").append(t).append(" SET ").append(o).append(" = ").append(n).append("::")
                    .append(typeForCast).append(" WHERE ").append(o).append(" IS NULL AND ").append(n)
                    .append(" IS NOT NULL; -- rows written after the snapshot\n");
        }
        old.ifPresent(c -> {
            if (c.defaultExpr() != null && !c.isGenerated()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(o).append(" SET DEFAULT ")
                        .append(c.defaultExpr()).append(";\n");
            }
            if (c.notNull()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(o).append(" SET NOT NULL;\n");
            }
        });
        if (sequence != null) {
            sb.append(sequence.attach(t, o, at.type().name(), sequence.dataType(), "SELECT "));
        }
        sb.append(DropColumnRecipe.dependents(ctx, table, at.column()));
        sb.append(ShadowColumn.createTrigger(table, at.column(), "NEW." + n + " := " + convert(at, "NEW." + o) + ";"));
        return sb.toString();
    }
}
