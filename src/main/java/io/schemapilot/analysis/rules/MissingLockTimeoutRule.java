package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.LockModel;
import io.schemapilot.analysis.Rule;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.StatementParser;

/** The first lock of SHARE or stronger on an existing table, taken with no {@code lock_timeout} set (once per file). */
public final class MissingLockTimeoutRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.MISSING_LOCK_TIMEOUT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (out.has(hazard()) || ctx.lockTimeoutSet()) {
            return;
        }
        TableLock lock = null;
        for (Change c : st.changes()) {
            for (TableLock l : LockModel.locks(c, st.number(), ctx)) {
                if (l.mode().isBlocking() && !ctx.isNew(l.table())
                        && (lock == null || l.mode().compareTo(lock.mode()) > 0)) {
                    lock = l;
                }
            }
        }
        if (lock == null) {
            return;
        }
        boolean dynamic = StatementParser.DYNAMIC.equals(lock.table().name());
        String table = dynamic ? "the tables this DO block alters" : ctx.display(lock.table());
        out.of(hazard(), st)
                .object(dynamic ? null : table)
                .lock(lock.mode())
                .message("This statement takes " + ("AE".indexOf(lock.mode().name().charAt(0)) >= 0 ? "an " : "a ")
                        + lock.mode() + " lock on " + table + " with no lock_timeout set, so while it waits behind"
                        + " any running transaction every query that "
                        + (lock.mode().blocksReads() ? "reads or writes " : "writes ")
                        + (dynamic ? "them" : table) + " queues behind it.")
                .help("Set lock_timeout at the top of the migration and retry the migration when it times out.")
                .fix("SET lock_timeout = '2s';")
                .add();
    }
}
