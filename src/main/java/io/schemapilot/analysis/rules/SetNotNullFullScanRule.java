package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** {@code SET NOT NULL} (or a validated PG 18 NOT NULL constraint) scans the table under ACCESS EXCLUSIVE. */
public final class SetNotNullFullScanRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.SET_NOT_NULL_FULL_SCAN;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (c instanceof Change.SetNotNull sn) {
                check(st, ctx, out, sn.target(), sn.column());
            } else if (c instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.NOT_NULL
                    && !ac.constraint().notValid() && !ac.constraint().columns().isEmpty()) {
                check(st, ctx, out, ac.target(), ac.constraint().columns().get(0));
            }
        }
    }

    private void check(ParsedStatement st, AnalysisContext ctx, Findings out, QualifiedName target, String column) {
        PgVersion v = ctx.pgVersion();
        if (ctx.isNew(target) || ctx.isNotNull(target, column)) {
            return; // new table, or already NOT NULL: nothing to scan
        }
        boolean check = ctx.hasValidNotNullCheck(target, column);
        if (check && v.atLeast(12)) {
            return; // the validated CHECK (col IS NOT NULL) proves it: no scan
        }
        String table = ctx.display(target);
        String why = check
                ? "PostgreSQL " + v + " does not use the validated CHECK (" + column + " IS NOT NULL) to skip it "
                + "(12+ does)"
                : "no validated CHECK (" + column + " IS NOT NULL) proves it first";
        String help;
        if (v.atLeast(18)) {
            help = "Add the NOT NULL constraint NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.";
        } else if (v.atLeast(12)) {
            help = "Add CHECK (" + column + " IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET "
                    + "NOT NULL (no scan) and drop the CHECK.";
        } else {
            help = "Before PostgreSQL 12 keep a validated CHECK (" + column + " IS NOT NULL) NOT VALID + VALIDATE "
                    + "instead of NOT NULL, or upgrade first.";
        }
        out.of(hazard(), st)
                .object(table)
                .lock(LockMode.ACCESS_EXCLUSIVE)
                .message("Setting " + ctx.display(target, column) + " NOT NULL scans all of " + table + " under an "
                        + "ACCESS EXCLUSIVE lock, blocking reads and writes, because " + why + ".")
                .help(help)
                .fix(ColumnConstraintRecipes.notNullRecipe(target, column, v))
                .add();
    }
}
