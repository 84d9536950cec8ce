package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code DETACH PARTITION} without CONCURRENTLY locks the whole partitioned table ACCESS EXCLUSIVE. */
public final class DetachPartitionNonConcurrentRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DETACH_PARTITION_NON_CONCURRENT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DetachPartition dp : st.changes(Change.DetachPartition.class)) {
            if (dp.concurrently() || dp.finalizeDetach() || ctx.isNew(dp.target()) || ctx.isNew(dp.partition())) {
                continue;
            }
            String parent = ctx.display(dp.target());
            String part = ctx.display(dp.partition());
            boolean canConcurrently = ctx.pgVersion().atLeast(14);
            Findings.Builder b = out.of(hazard(), st)
                    .object(parent)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Detaching " + part + " from " + parent + " takes an ACCESS EXCLUSIVE lock on both, "
                            + "which blocks all reads and writes of the partitioned table while it waits for running "
                            + "queries and until it commits"
                            + (canConcurrently ? "." : " (PostgreSQL " + ctx.pgVersion()
                            + " has no concurrent form; it arrived in 14)."));
            if (canConcurrently) {
                b.help("Use DETACH PARTITION ... CONCURRENTLY in a migration that does not run in a transaction "
                                + "(run ... FINALIZE if it is interrupted).")
                        .fix(st.source().text().strip() + " CONCURRENTLY;");
            } else {
                b.help("Run it under a short lock_timeout with retries at a quiet time, or upgrade to PostgreSQL 14+ "
                        + "and detach CONCURRENTLY.");
            }
            b.add();
        }
    }
}
