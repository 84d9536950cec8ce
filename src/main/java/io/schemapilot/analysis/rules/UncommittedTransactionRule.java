package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.sql.ParsedStatement;

/** A {@code BEGIN} that is never committed or rolled back by the end of the file. */
public final class UncommittedTransactionRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.UNCOMMITTED_TRANSACTION;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        // reported once the whole file has been seen
    }

    @Override
    public void finish(AnalysisContext ctx, Findings out) {
        // under --assume-in-transaction the tool commits at the end, and the stray BEGIN is transaction-nesting's
        if (!ctx.inExplicitTransaction() || ctx.settings().assumeInTransaction()) {
            return;
        }
        ParsedStatement begin = ctx.statements().stream()
                .filter(s -> s.number() == ctx.transactionStart()).findFirst().orElse(null);
        if (begin == null) {
            return;
        }
        TableLock strongest = null;
        for (TableLock l : ctx.heldLocks()) {
            if (!ctx.isNew(l.table()) && (strongest == null || l.mode().compareTo(strongest.mode()) > 0)) {
                strongest = l;
            }
        }
        String held = strongest == null ? "its changes stay invisible to others and its locks stay held"
                : "its " + strongest.mode() + " lock on " + ctx.display(strongest.table()) + " stays held ("
                + strongest.mode().blocksSummary() + ")";
        out.of(hazard(), begin)
                .object(strongest == null ? null : ctx.display(strongest.table()))
                .lock(strongest == null ? null : strongest.mode())
                .message("The transaction opened at line " + begin.line() + " is never committed, so " + held
                        + " until the session ends, and then PostgreSQL rolls the whole transaction back.")
                .help("Add COMMIT at the end of the file (or remove the BEGIN and let the migration tool own"
                        + " the transaction).")
                .fix("COMMIT;")
                .add();
    }
}
