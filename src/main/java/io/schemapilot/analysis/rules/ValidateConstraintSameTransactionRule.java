package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;

/** VALIDATE CONSTRAINT in the same transaction as its ADD ... NOT VALID: the scan runs under the ADD's lock. */
public final class ValidateConstraintSameTransactionRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.VALIDATE_CONSTRAINT_SAME_TRANSACTION;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.ValidateConstraint vc : st.changes(Change.ValidateConstraint.class)) {
            if (ctx.isNew(vc.target())) {
                continue;
            }
            LockMode held = sameStatementAdd(st, vc);
            if (held == null && ctx.inTransaction() && ctx.addedNotValidInThisTransaction(vc.target(), vc.name())) {
                held = ctx.heldLocks().stream().filter(l -> l.table().sameAs(vc.target())).map(TableLock::mode)
                        .max(Enum::compareTo).orElse(LockMode.ACCESS_EXCLUSIVE);
            }
            if (held == null) {
                continue;
            }
            String table = ctx.display(vc.target());
            String blocks = held == LockMode.ACCESS_EXCLUSIVE ? "blocking reads and writes" : "blocking writes";
            out.of(hazard(), st)
                    .object(table)
                    .lock(held)
                    .message("Validating " + vc.name() + " in the transaction that added it NOT VALID scans all of "
                            + table + " while the " + held.sqlName() + " lock held since the ADD is still in force, "
                            + blocks + " until COMMIT.")
                    .help("Commit after adding the constraint NOT VALID and run VALIDATE CONSTRAINT in its own "
                            + "transaction (a separate migration).")
                    .fix((ctx.inExplicitTransaction() ? "COMMIT;\n"
                            : "-- in the next migration (its own transaction):\n")
                            + "ALTER TABLE " + ColumnConstraintRecipes.sql(vc.target()) + " VALIDATE CONSTRAINT "
                            + ColumnConstraintRecipes.ident(vc.name()) + ";")
                    .add();
        }
    }

    /** The lock of an ADD ... NOT VALID of the same constraint earlier in the same statement, else null. */
    private static LockMode sameStatementAdd(ParsedStatement st, Change.ValidateConstraint vc) {
        for (Change c : st.changes()) {
            if (c == vc) {
                return null;
            }
            if (c instanceof Change.AddConstraint ac && ac.constraint().notValid()
                    && vc.name().equals(ac.constraint().name()) && ac.target().sameAs(vc.target())) {
                return ac.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY ? LockMode.SHARE_ROW_EXCLUSIVE
                        : LockMode.ACCESS_EXCLUSIVE;
            }
        }
        return null;
    }
}
