package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;

/** A CHECK constraint added without NOT VALID (also inline on ADD COLUMN) scans the table under ACCESS EXCLUSIVE. */
public final class AddCheckConstraintValidatingRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_CHECK_CONSTRAINT_VALIDATING;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (ctx.isNew(c.target())) {
                continue;
            }
            if (c instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.CHECK
                    && !ac.constraint().notValid()) {
                ConstraintDef k = ac.constraint();
                String name = k.name() != null ? k.name() : ColumnConstraintRecipes.constraintName(ac.target(),
                        List.of(), "check");
                report(st, ctx, out, ac.target(), k.name() == null ? "a CHECK constraint" : "CHECK constraint " + name,
                        ColumnConstraintRecipes.notValidThenValidate(ac.target(), name,
                                "CHECK (" + k.expression() + ")"));
            } else if (c instanceof Change.AddColumn ac) {
                for (ConstraintDef k : ac.column().constraints()) {
                    if (k.kind() != ConstraintDef.Kind.CHECK) {
                        continue;
                    }
                    String name = k.name() != null ? k.name() : ColumnConstraintRecipes.constraintName(ac.target(),
                            List.of(ac.column().name()), "check");
                    report(st, ctx, out, ac.target(), "column " + ac.column().name() + " with an inline CHECK",
                            inlineFix(st, ac, name, k));
                }
            }
        }
    }

    private void report(ParsedStatement st, AnalysisContext ctx, Findings out, QualifiedName target, String what,
                        String fix) {
        String table = ctx.display(target);
        out.of(hazard(), st)
                .object(table)
                .lock(LockMode.ACCESS_EXCLUSIVE)
                .message("Adding " + what + " checks every row of " + table + " under an ACCESS EXCLUSIVE lock, "
                        + "blocking reads and writes for the whole scan.")
                .help("Add the constraint NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.")
                .fix(fix)
                .add();
    }

    /** ADD COLUMN without its CHECK, then the CHECK as NOT VALID + VALIDATE. */
    private static String inlineFix(ParsedStatement st, Change.AddColumn ac, String name, ConstraintDef k) {
        String action = ColumnConstraintRecipes.actionText(st, ac);
        String[] split = action == null ? null : ColumnConstraintRecipes.splitColumnConstraint(action, "check");
        if (split == null) {
            return null;
        }
        return "ALTER TABLE " + ColumnConstraintRecipes.sql(ac.target()) + " " + split[0] + ";\n"
                + ColumnConstraintRecipes.notValidThenValidate(ac.target(), name, "CHECK (" + k.expression() + ")");
    }
}
