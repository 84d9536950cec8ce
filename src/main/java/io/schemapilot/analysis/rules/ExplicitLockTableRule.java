package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** {@code LOCK TABLE} on an existing table holds the requested lock until the transaction ends. */
public final class ExplicitLockTableRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.EXPLICIT_LOCK_TABLE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.LockTable lt : st.changes(Change.LockTable.class)) {
            LockMode mode = mode(lt.mode());
            for (QualifiedName q : lt.tables()) {
                if (ctx.isNew(q)) {
                    continue;
                }
                String table = ctx.display(q);
                if (!ctx.inTransaction() && !st.has(Change.DoBlock.class)) { // a DO block is a transaction
                    out.of(hazard(), st)
                            .risk(Risk.MEDIUM)
                            .object(table)
                            .lock(mode)
                            .message("LOCK TABLE on " + table + " outside a transaction block fails with \"LOCK TABLE"
                                    + " can only be used in transaction blocks\", so the migration stops here.")
                            .help("Remove the LOCK TABLE; if a lock is really needed, take it inside a short"
                                    + " transaction under lock_timeout.")
                            .add();
                    continue;
                }
                boolean blocksWrites = mode.blocksWrites();
                out.of(hazard(), st)
                        .risk(blocksWrites ? Risk.HIGH : Risk.MEDIUM)
                        .object(table)
                        .lock(mode)
                        .message("LOCK TABLE takes " + article(mode) + " " + mode + " lock on " + table
                                + " and holds it until the transaction ends, which " + what(mode) + " for the rest of"
                                + " the transaction" + (ctx.lockTimeoutSet() ? "." : " and, with no lock_timeout, while"
                                + " it waits for the lock."))
                        .help(blocksWrites
                                ? "Drop the explicit lock: let each DDL statement take its own lock, one short"
                                + " transaction per step, under lock_timeout."
                                : "Drop the explicit lock unless a later step needs it; keep the transaction short"
                                + " and set lock_timeout.")
                        .add();
            }
        }
    }

    private static LockMode mode(String written) {
        try {
            return LockMode.parse(written);
        } catch (IllegalArgumentException e) {
            return LockMode.ACCESS_EXCLUSIVE;
        }
    }

    private static String article(LockMode m) {
        return m == LockMode.ACCESS_SHARE || m == LockMode.ACCESS_EXCLUSIVE || m == LockMode.EXCLUSIVE ? "an" : "a";
    }

    /** What the lock blocks, as a verb phrase. */
    private static String what(LockMode m) {
        if (m.blocksReads()) {
            return "blocks reads and writes to it";
        }
        if (m.blocksWrites()) {
            return "blocks writes to it";
        }
        if (m.conflicts(LockMode.SHARE_UPDATE_EXCLUSIVE)) {
            return "blocks other schema changes and VACUUM (not reads or writes)";
        }
        return "blocks other sessions' DDL on it (not reads or writes)";
    }
}
