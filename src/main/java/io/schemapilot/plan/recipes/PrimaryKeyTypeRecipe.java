package io.schemapilot.plan.recipes;

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

/**
 * {@code ALTER COLUMN ... TYPE} of a primary-key column (alone or in a composite key) that would rewrite the table:
 * a new column of the new type filled by a trigger and a batched backfill, proven NOT NULL by a validated CHECK, with
 * the key's unique index (and copies of the column's other indexes and CHECKs) built beforehand without long locks;
 * then one short transaction swaps it in as the key, moving the foreign keys that reference the key (and the
 * column's own ones) under the same names and definitions, NOT VALID, validated in the steps after; the identity or
 * sequence keeps its position. The old column stays (nullable) until a later destructive step drops it after a
 * snapshot. The swap's down swaps back the same way. Cases it cannot move safely pass through with a note.
 */
public final class PrimaryKeyTypeRecipe implements Recipe {

    @Override
    public String id() {
        return "primary-key-type";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.AlterColumnType at) || ctx.isNewTable(at.target())) {
            return false;
        }
        if (!ctx.hasHazard("alter-column-type-rewrite") && !ctx.hasHazard("alter-column-type-lossy")) {
            return false;
        }
        if (!ShadowColumn.inPrimaryKey(ctx, at.target(), at.column())) {
            return false;
        }
        KeySwap.Result r = KeySwap.of(ctx, at);
        if (r.swap() == null) {
            ctx.note("The type change of " + ctx.display(at.target(), at.column()) + " passes through as written: "
                    + r.whyNot() + ".");
            return false;
        }
        return true;
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AlterColumnType at = (Change.AlterColumnType) change;
        KeySwap s = KeySwap.of(ctx, at).swap();
        QualifiedName table = s.table;
        String t = s.t();
        String c = Sql.ident(s.column);
        String n = Sql.ident(s.shadow);
        String display = ctx.display(table, s.column);
        String shown = ctx.display(table);
        List<PlanStep> out = new ArrayList<>();

        // expand: the shadow column and its trigger
        out.add(ctx.step(Phase.EXPAND, "Add " + ctx.display(table, s.shadow) + " of type " + s.newType
                        + " (nullable, no default: catalog only)")
                .up(ShadowColumn.addColumn(table, s.shadow, s.newType, null))
                .down("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + n + ";")
                .verify(Verify.columnExists(table, s.shadow))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata())
                .object(ctx.display(table, s.shadow))
                .build());
        out.add(ctx.step(Phase.EXPAND, "Fill " + s.shadow + " from " + s.column + " on every INSERT and UPDATE "
                        + "(trigger)")
                .up(ShadowColumn.createTrigger(table, s.column, s.forwardSync()))
                .down(ShadowColumn.dropTrigger(table, s.column))
                .verify(Verify.triggerExists(table, ShadowColumn.trigger(table, s.column)))
                .lock(LockMode.SHARE_ROW_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(shown)
                .build());

        // backfill: values, NOT NULL proof, the key's unique index, copies of CHECKs and indexes
        String expr = ColumnTypeRecipe.convert(at, c);
        out.add(BackfillSteps.backfill(ctx, table, s.shadow, n + " = " + expr, n + " IS DISTINCT FROM " + expr,
                "Convert " + s.column + " into " + s.shadow + " for existing rows (a value that does not convert "
                        + "stops the step: fix the data and run it again)"));
        out.addAll(NotNullSteps.validate(ctx, Phase.BACKFILL, table, s.shadow));
        QualifiedName newIndex = s.pkIndex("__new");
        out.add(ConstraintSteps.concurrentIndex(ctx, Phase.BACKFILL, table, newIndex.name(), true,
                ShadowColumn.replaceColumn(s.pkIndexTail, s.column, s.shadow), "Build the unique index "
                        + newIndex.name() + " for the new primary key " + s.pk + " CONCURRENTLY (reads and writes go "
                        + "on)"));
        var x = ctx.table(table).orElseThrow();
        for (KeySwap.Copy k : s.copies) {
            if (k.index()) {
                var i = x.index(k.name()).orElseThrow();
                out.add(ConstraintSteps.concurrentIndex(ctx, Phase.BACKFILL, table, k.copy(), i.unique(),
                        ShadowColumn.replaceColumn(ShadowColumn.indexTail(i.definition()), s.column, s.shadow),
                        "Build the index " + k.copy() + " on " + s.shadow + " CONCURRENTLY (copy of " + k.name()
                                + ")"));
            } else {
                var con = x.constraint(k.name()).orElseThrow();
                String body = ShadowColumn.replaceColumn(con.definition().replaceAll(" NOT VALID$", ""), s.column,
                        s.shadow);
                List<PlanStep> steps = ConstraintSteps.notValidThenValidate(ctx, table, k.copy(), body, false);
                out.add(steps.get(0));
                if (con.validated()) {
                    out.add(steps.get(1));
                }
            }
        }

        // contract: the swap, the foreign keys validated again, the old column kept until its own step
        String deploy = "Confirm the application works with " + display + " as " + s.newType + " before the "
                + "contract phase (the swap gives the column the new type in one short transaction).";
        List<String> fks = new ArrayList<>();
        s.referencing.forEach(f -> fks.add(f.name()));
        s.own.forEach(f -> fks.add(f.name()));
        String moved = fks.isEmpty() ? "" : (fks.size() == 1 ? "the foreign key " : "the foreign keys ")
                + String.join(", ", fks);
        String swapUp = "-- " + s.column + " becomes " + s.newType + ": " + s.shadow + " takes its name, the primary "
                + "key " + s.pk + (moved.isEmpty() ? "" : ", " + moved)
                + (s.sequence != null ? ", the sequence " + s.sequence.qualified() : "") + "; " + s.column
                + " stays as " + s.old + " until it is dropped\n"
                + ShadowColumn.dropTrigger(table, s.column) + "\n" + s.swap(true, false);
        String verify = Verify.all(Verify.columnType(table, s.column, s.newType), Verify.constraintExists(table, s.pk),
                Verify.columnAbsent(table, s.shadow));
        String fkPart = moved.isEmpty() ? "" : ", " + moved + (fks.size() == 1 ? " is" : " are") + " added back NOT "
                + "VALID";
        String sequencePart = s.sequence == null ? "" : ", the " + (s.col.isIdentity() ? "identity" : "sequence")
                + " moves and keeps its position";
        out.add(ctx.step(Phase.CONTRACT, "Swap in one short transaction: " + s.shadow + " becomes " + s.column
                        + " with the primary key " + s.pk + fkPart + sequencePart + "; " + s.column + " is kept as "
                        + s.old)
                .up(swapUp)
                .down(s.unswap(ctx, ctx.keyColumn(table)))
                .downTransactional(false)
                .verify(verify)
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display)
                .deployBefore(deploy)
                .build());
        for (KeySwap.ForeignKey f : s.toValidate()) {
            out.add(ctx.step(Phase.CONTRACT, "Validate " + f.name() + " in its own transaction: scans "
                            + ctx.display(f.table()) + " under SHARE UPDATE EXCLUSIVE (ROW SHARE on the referenced "
                            + "table), reads and writes go on")
                    .up(KeySwap.validate(f))
                    .noDown("the down of the swap adds " + f.name() + " back as it was")
                    .verify(Verify.constraintValidated(f.table(), f.name()))
                    .lock(LockMode.SHARE_UPDATE_EXCLUSIVE).seconds(ctx.estimates().scan(f.table()))
                    .object(ctx.display(f.table()) + "." + f.name())
                    .build());
        }

        // the old column: snapshot, then drop (the point after which the down restores from the snapshot)
        QualifiedName backup = ctx.backupTable(table.name() + "__" + s.column);
        List<String> keys = s.pkColumns.stream().map(Sql::ident).toList();
        String o = Sql.ident(s.old);
        out.add(ctx.step(Phase.CONTRACT, "Snapshot " + String.join(", ", s.pkColumns) + " and the old values of "
                        + s.column + " (now " + s.old + ") into " + backup + " (reads and writes go on)")
                .up(Backups.createSchema(ctx.options()) + "\nCREATE TABLE IF NOT EXISTS " + Sql.name(backup)
                        + " AS SELECT " + String.join(", ", keys) + ", " + o + " FROM " + t + ";")
                .down("DROP TABLE IF EXISTS " + Sql.name(backup) + ";\n" + Backups.dropSchemaIfEmpty(ctx.options()))
                .verify(Verify.snapshotComplete(table, backup))
                .lock(LockMode.ACCESS_SHARE).seconds(ctx.estimates().copy(table)).object(ctx.display(table, s.old))
                .backupTable(backup.toString())
                .build());
        StringBuilder restore = new StringBuilder();
        restore.append("-- the old column comes back at the end of the table's column list\n");
        restore.append("ALTER TABLE ").append(t).append(" ADD COLUMN IF NOT EXISTS ").append(o).append(' ')
                .append(s.oldType).append(";\n");
        restore.append("UPDATE ").append(t).append(" AS t SET ").append(o).append(" = b.").append(o).append(" FROM ")
                .append(Sql.name(backup)).append(" AS b WHERE ");
        for (int i = 0; i < keys.size(); i++) {
            restore.append(i > 0 ? " AND " : "").append("t.").append(keys.get(i)).append(" = b.").append(keys.get(i));
        }
        restore.append(";\n");
        out.add(ctx.step(Phase.CONTRACT, "Drop the old column " + ctx.display(table, s.old) + " (brief lock; its "
                        + "values are in " + backup + ")")
                .up("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + o + ";")
                .down(restore.toString())
                .verify(Verify.columnAbsent(table, s.old))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(ctx.display(table, s.old))
                .destructive().backup("snapshot " + backup)
                .build());
        if (s.col.isIdentity()) {
            ctx.note("The identity of " + display + " is added again on the new column at the same position; options "
                    + "other than its position (INCREMENT, CACHE, CYCLE, bounds) get the defaults of " + s.newType
                    + ".");
        }
        return out;
    }
}
