package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/**
 * A data backfill (UPDATE, INSERT ... SELECT, DELETE) in the same transaction after DDL that took ACCESS EXCLUSIVE
 * or SHARE ROW EXCLUSIVE on an existing table, so that lock is held for the whole backfill.
 */
public final class BackfillInDdlTransactionRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.BACKFILL_IN_DDL_TRANSACTION;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (!ctx.inTransaction() || st.changes().stream().noneMatch(BackfillInDdlTransactionRule::isBackfill)) {
            return;
        }
        LockMode strongest = ctx.strongestHeldLock();
        if (strongest == null || strongest.compareTo(LockMode.SHARE_ROW_EXCLUSIVE) < 0) {
            return;
        }
        TableLock held = ctx.strongestHeldTableLock();
        for (Change c : st.changes()) {
            QualifiedName target;
            String verb;
            if (c instanceof Change.Update u) {
                target = u.target();
                verb = "UPDATE of ";
            } else if (c instanceof Change.Insert i && i.fromQuery()) {
                target = i.target();
                verb = "INSERT ... SELECT into ";
            } else if (c instanceof Change.Delete d) {
                target = d.target();
                verb = "DELETE from ";
            } else {
                continue;
            }
            String locked = ctx.display(held.table());
            out.of(hazard(), st)
                    .object(ctx.display(target))
                    .lock(strongest)
                    .message("The " + verb + ctx.display(target) + " runs while this transaction still holds the "
                            + strongest + " lock that statement " + held.statement() + " took on " + locked
                            + ", so that lock " + strongest.blocksSummary() + " to " + locked
                            + " for the whole backfill.")
                    .help("Commit the schema change first, then backfill in keyed batches in separate transactions.")
                    .add();
        }
    }

    private static boolean isBackfill(Change c) {
        return c instanceof Change.Update || c instanceof Change.Delete
                || c instanceof Change.Insert i && i.fromQuery();
    }
}
