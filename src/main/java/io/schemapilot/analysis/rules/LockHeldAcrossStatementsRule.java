package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.LockModel;
import io.schemapilot.analysis.Rule;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.StatementParser;
import java.util.List;

/**
 * A statement runs while a blocking lock taken earlier in the same transaction on an existing table is still held,
 * or a looping {@code DO} block alters tables (each lock is kept until the block ends).
 */
public final class LockHeldAcrossStatementsRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.LOCK_HELD_ACROSS_STATEMENTS;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (ctx.inTransaction() && doesWork(st, ctx)) {
            TableLock held = strongestHeld(ctx);
            if (held != null && !backfillReported(st, held, ctx) && !reportedSince(out, firstHeldStatement(ctx))) {
                String table = ctx.display(held.table());
                out.of(hazard(), st)
                        .object(table)
                        .lock(held.mode())
                        .message("This statement runs while the " + held.mode() + " lock that statement "
                                + held.statement() + " took on " + table + " is still held, so " + table + " stays"
                                + " locked (" + held.mode().blocksSummary() + ") until the whole transaction commits.")
                        .help("Commit right after the blocking DDL and run the following steps in a new transaction.")
                        .add();
                return;
            }
        }
        checkDoBlock(st, ctx, out);
    }

    /** A DO block is one transaction: locks taken by its EXECUTEs stay until it ends. */
    private void checkDoBlock(ParsedStatement st, AnalysisContext ctx, Findings out) {
        List<Change.DoBlock> blocks = st.changes(Change.DoBlock.class);
        if (blocks.isEmpty()) {
            return;
        }
        boolean loop = blocks.get(0).loop();
        int locking = 0;
        TableLock first = null;
        for (Change c : st.changes()) {
            List<TableLock> locks = LockModel.locks(c, st.number(), ctx);
            if (locks.isEmpty()) {
                continue;
            }
            locking++;
            for (TableLock l : locks) {
                if (first == null && l.mode().isBlocking() && !ctx.isNew(l.table())) {
                    first = l;
                }
            }
        }
        if (first == null || !(loop || locking > 1) || reportedSince(out, st.number())) {
            return;
        }
        boolean dynamic = StatementParser.DYNAMIC.equals(first.table().name());
        String table = dynamic ? "each table it alters" : ctx.display(first.table());
        out.of(hazard(), st)
                .object(dynamic ? null : ctx.display(first.table()))
                .lock(first.mode())
                .message("This DO block " + (loop ? "loops over DDL" : "runs several DDL statements") + ", and the "
                        + first.mode() + " lock it takes on " + table + " is held until the whole block ends, so the"
                        + " locked tables pile up (" + first.mode().blocksSummary() + ") while the rest runs.")
                .help("Run one DDL statement per transaction (generate the statements and run them one by one),"
                        + " each under lock_timeout.")
                .add();
    }

    /** A backfill under ACCESS EXCLUSIVE / SHARE ROW EXCLUSIVE is backfill-in-ddl-transaction's finding (when on). */
    private static boolean backfillReported(ParsedStatement st, TableLock held, AnalysisContext ctx) {
        return held.mode().compareTo(LockMode.SHARE_ROW_EXCLUSIVE) >= 0
                && ctx.settings().reports(Hazard.BACKFILL_IN_DDL_TRANSACTION)
                && st.changes().stream().anyMatch(c -> c instanceof Change.Update || c instanceof Change.Delete
                || c instanceof Change.Insert i && i.fromQuery());
    }

    /** Takes a lock on an existing table, or moves data (which may be slow even on a new table). */
    private static boolean doesWork(ParsedStatement st, AnalysisContext ctx) {
        for (Change c : st.changes()) {
            if (c instanceof Change.Insert i && i.fromQuery() || c instanceof Change.Update
                    || c instanceof Change.Delete || c instanceof Change.DoBlock) {
                return true;
            }
            for (TableLock l : LockModel.locks(c, st.number(), ctx)) {
                if (!ctx.isNew(l.table())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The strongest write-blocking lock held on an existing table (the earliest among equals), or null. */
    private static TableLock strongestHeld(AnalysisContext ctx) {
        // blocking is monotone in the mode (SHARE and stronger), so the strongest lock is blocking or none is
        TableLock strongest = ctx.strongestHeldTableLock();
        return strongest != null && strongest.mode().isBlocking() ? strongest : null;
    }

    private static int firstHeldStatement(AnalysisContext ctx) {
        return ctx.firstHeldLockStatement();
    }

    /** Already reported in this transaction (whose first held lock was taken at {@code since}). */
    private boolean reportedSince(Findings out, int since) {
        return out.hasSince(hazard(), since);
    }
}
