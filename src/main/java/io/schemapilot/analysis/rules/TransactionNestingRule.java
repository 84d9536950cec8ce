package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/**
 * {@code BEGIN} inside an open transaction, transaction control with no transaction open, or explicit
 * transaction control in a migration the tool already wraps in a transaction.
 */
public final class TransactionNestingRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.TRANSACTION_NESTING;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        boolean wrapped = ctx.settings().assumeInTransaction();
        for (Change.Transaction tx : st.changes(Change.Transaction.class)) {
            String message = switch (tx.kind()) {
                case BEGIN -> ctx.explicitDepth() > 0
                        ? "BEGIN inside the transaction opened at statement " + ctx.transactionStart()
                        + " only draws a warning, so the first COMMIT ends both and everything after it runs in"
                        + " autocommit."
                        : wrapped
                        ? "BEGIN in a migration the tool already runs in a transaction only draws a warning, and any"
                        + " COMMIT after it ends the tool's transaction early, so the rest of the file runs in"
                        + " autocommit."
                        : null;
                case COMMIT, ROLLBACK -> !ctx.inExplicitTransaction() && wrapped
                        ? word(st) + " ends the transaction the migration tool opened, so the statements after it run"
                        + " in autocommit and the tool's own " + word(st) + " finds no transaction."
                        : !ctx.inTransaction()
                        ? word(st) + " with no open transaction does nothing but warn: the statements before it were"
                        + " already committed one by one."
                        : null;
                case SAVEPOINT, RELEASE, ROLLBACK_TO -> !ctx.inTransaction()
                        ? word(st) + " with no open transaction fails: savepoints exist only inside a transaction"
                        + " block."
                        : null;
                case PREPARE -> null;
            };
            if (message == null) {
                continue;
            }
            out.of(hazard(), st)
                    .message(message)
                    .help(wrapped
                            ? "Remove the explicit transaction control and let the migration tool own the transaction."
                            : "Use one BEGIN ... COMMIT pair per transaction, or none and let the migration tool"
                            + " own transactions.")
                    .add();
        }
    }

    private static String word(ParsedStatement st) {
        String w = st.source().keyword().toUpperCase(java.util.Locale.ROOT);
        return w.equals("ROLLBACK") && st.changes().get(0) instanceof Change.Transaction t
                && t.kind() == Change.Transaction.Kind.ROLLBACK_TO ? "ROLLBACK TO SAVEPOINT" : w;
    }
}
