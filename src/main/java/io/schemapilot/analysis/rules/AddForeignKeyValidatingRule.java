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

/** A foreign key added without NOT VALID (or by ADD COLUMN ... REFERENCES) scans the table while blocking writes. */
public final class AddForeignKeyValidatingRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_FOREIGN_KEY_VALIDATING;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (ctx.isNew(c.target())) {
                continue;
            }
            if (c instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY
                    && !ac.constraint().notValid()) {
                ConstraintDef k = ac.constraint();
                String name = name(ac.target(), k);
                String table = ctx.display(ac.target());
                String ref = ctx.display(k.refTable());
                String action = ColumnConstraintRecipes.actionText(st, ac);
                String clause = action == null ? null
                        : action.replaceFirst("(?is)^ADD\\s+(CONSTRAINT\\s+\\S+\\s+)?", "");
                boolean noNotValid = ctx.isPartitioned(ac.target()) && !ctx.pgVersion().atLeast(18);
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.SHARE_ROW_EXCLUSIVE)
                        .message("Adding validated foreign key " + name + " scans all of " + table + " while its "
                                + "SHARE ROW EXCLUSIVE locks block writes to " + table + " and " + ref + ".")
                        .help(noNotValid
                                ? "Before PostgreSQL 18 a partitioned table cannot take NOT VALID: add the key "
                                + "NOT VALID and VALIDATE it on each partition first, then on the parent (which "
                                + "reuses them)."
                                : "Add the foreign key NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.")
                        .fix(clause == null || noNotValid ? null
                                : ColumnConstraintRecipes.notValidThenValidate(ac.target(), name, clause))
                        .add();
            } else if (c instanceof Change.AddColumn ac) {
                for (ConstraintDef k : ac.column().constraints()) {
                    if (k.kind() != ConstraintDef.Kind.FOREIGN_KEY || k.notValid()) {
                        continue;
                    }
                    String table = ctx.display(ac.target());
                    String ref = ctx.display(k.refTable());
                    out.of(hazard(), st)
                            .object(table)
                            .lock(LockMode.ACCESS_EXCLUSIVE)
                            .message("Adding column " + ac.column().name() + " with a validated REFERENCES "
                                    + k.refTable() + " scans all of " + table + " under an ACCESS EXCLUSIVE lock "
                                    + "(blocking its reads and writes) and blocks writes to " + ref + " meanwhile.")
                            .help("Add the column without REFERENCES, then the foreign key NOT VALID, then VALIDATE "
                                    + "CONSTRAINT in a separate transaction.")
                            .fix(inlineFix(st, ac, name(ac.target(), k)))
                            .add();
                }
            }
        }
    }

    private static String name(QualifiedName table, ConstraintDef k) {
        return k.name() != null ? k.name() : ColumnConstraintRecipes.constraintName(table, k.columns(), "fkey");
    }

    /** ADD COLUMN without REFERENCES, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID + VALIDATE. */
    private static String inlineFix(ParsedStatement st, Change.AddColumn ac, String name) {
        String action = ColumnConstraintRecipes.actionText(st, ac);
        String[] split = action == null ? null : ColumnConstraintRecipes.splitColumnConstraint(action, "references");
        if (split == null) {
            return null;
        }
        String fk = "FOREIGN KEY (" + ColumnConstraintRecipes.ident(ac.column().name()) + ") " + split[1];
        return "ALTER TABLE " + ColumnConstraintRecipes.sql(ac.target()) + " " + split[0] + ";\n"
                + ColumnConstraintRecipes.notValidThenValidate(ac.target(), name, fk);
    }
}
