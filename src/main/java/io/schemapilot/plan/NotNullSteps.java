package io.schemapilot.plan;

import io.schemapilot.report.LockMode;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * The NOT NULL recipe without a long lock: {@code CHECK (col IS NOT NULL) NOT VALID} (brief lock), {@code VALIDATE}
 * in its own transaction (reads and writes go on), then {@code SET NOT NULL}, which PostgreSQL 12+ proves from the
 * validated CHECK without a scan, then drop the CHECK. Before 12 the validated CHECK stays instead.
 */
public final class NotNullSteps {
    private NotNullSteps() {
    }

    public static String checkName(QualifiedName table, String column) {
        return Sql.defaultName(table.name(), List.of(column), "nn_check");
    }

    /** CHECK NOT VALID + VALIDATE, in {@code phase}. */
    public static List<PlanStep> validate(RecipeContext ctx, Phase phase, QualifiedName table, String column) {
        String t = Sql.name(table);
        String c = Sql.ident(column);
        String check = checkName(table, column);
        String display = ctx.display(table, column);
        List<PlanStep> out = new ArrayList<>();
        out.add(ctx.step(phase, "Add CHECK (" + column + " IS NOT NULL) NOT VALID on " + ctx.display(table)
                        + ": new and updated rows are checked at once, existing rows are not scanned")
                .up("ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(check) + " CHECK (" + c
                        + " IS NOT NULL) NOT VALID;")
                .down("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(check) + ";")
                .verify(Verify.constraintExists(table, check))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display)
                .build());
        out.add(ctx.step(phase, "Validate " + check + " in its own transaction: scans " + ctx.display(table)
                        + " under SHARE UPDATE EXCLUSIVE, reads and writes go on")
                .up("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(check) + ";")
                .noDown("dropping the constraint (the down of the step that added it) undoes the validation")
                .verify(Verify.constraintValidated(table, check))
                .lock(LockMode.SHARE_UPDATE_EXCLUSIVE).seconds(ctx.estimates().scan(table)).object(display)
                .build());
        return out;
    }

    /**
     * SET NOT NULL (no scan thanks to the validated CHECK) and drop the CHECK, in {@code phase}; before PostgreSQL
     * 12 nothing (the validated CHECK is kept).
     *
     * @param restoreNullable whether the down makes the column nullable again
     */
    public static List<PlanStep> enforce(RecipeContext ctx, Phase phase, QualifiedName table, String column,
                                         boolean restoreNullable) {
        List<PlanStep> out = new ArrayList<>();
        if (!ctx.pgVersion().atLeast(12)) {
            ctx.note("PostgreSQL " + ctx.pgVersion() + " cannot use a validated CHECK to skip the scan of SET NOT NULL: "
                    + "the plan keeps CHECK (" + column + " IS NOT NULL) on " + ctx.display(table)
                    + " instead of NOT NULL.");
            return out;
        }
        String t = Sql.name(table);
        String c = Sql.ident(column);
        String check = checkName(table, column);
        String display = ctx.display(table, column);
        out.add(ctx.step(phase, "SET NOT NULL on " + display + ": proven by the validated CHECK, no scan")
                .up("ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;")
                .down(restoreNullable ? "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP NOT NULL;"
                        : "-- nothing to undo: the column was NOT NULL before")
                .verify(Verify.columnNotNull(table, column))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display)
                .build());
        out.add(ctx.step(phase, "Drop " + check + ", now redundant with NOT NULL")
                .up("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(check) + ";")
                .noDown("the CHECK is redundant while the column is NOT NULL")
                .verify(Verify.constraintAbsent(table, check))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display)
                .build());
        return out;
    }
}
