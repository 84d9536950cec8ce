package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.util.Optional;

/** {@code CREATE TRIGGER} on an existing table takes SHARE ROW EXCLUSIVE, blocking writes while it waits and runs. */
public final class CreateTriggerLockRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CREATE_TRIGGER_LOCK;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.CreateTrigger ct : st.changes(Change.CreateTrigger.class)) {
            if (ct.target() == null || ctx.isNew(ct.target())) {
                continue;
            }
            Optional<CatalogSnapshot.Table> known = ctx.table(ct.target());
            if (known.isPresent() && known.get().kind() == 'v') {
                continue; // an INSTEAD OF trigger on a plain view locks no table data
            }
            // with lock_timeout set and no other lock held the wait is bounded: the safe recipe, reported low
            boolean bounded = ctx.lockTimeoutSet() && ctx.strongestHeldLock() == null;
            String table = ctx.display(ct.target());
            String name = ct.name() == null ? "" : " " + ct.name().name();
            String when = ctx.inTransaction() ? " until the transaction commits"
                    : bounded ? " while it waits for the lock, for at most lock_timeout"
                    : " while it waits for the lock, with no lock_timeout to cap the wait";
            out.of(hazard(), st)
                    .risk(bounded ? Risk.LOW : Risk.MEDIUM)
                    .object(table)
                    .lock(LockMode.SHARE_ROW_EXCLUSIVE)
                    .message("Creating trigger" + name + " takes a SHARE ROW EXCLUSIVE lock on " + table
                            + ", which blocks all writes to it" + when + ".")
                    .help(bounded ? "Retry the migration if the lock times out, and commit soon after the trigger exists."
                            : "Set lock_timeout before CREATE TRIGGER, run it in its own short transaction,"
                            + " and retry on timeout.")
                    .fix(ctx.lockTimeoutSet() ? null : "SET lock_timeout = '2s';\n" + st.source().text().strip() + ";")
                    .add();
        }
    }
}
