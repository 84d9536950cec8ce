package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code CREATE INDEX} without CONCURRENTLY on an existing table blocks writes for the whole build. */
public final class CreateIndexNonConcurrentRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CREATE_INDEX_NON_CONCURRENT;
    }

    /**
     * {@code CREATE INDEX ... ON ONLY parent} on a partitioned table builds nothing (an invalid parent index the
     * partitions' indexes are attached to later): the first step of the safe recipe. Without a catalog, ON ONLY is
     * taken to mean a partitioned parent; a catalog that shows a plain table overrules that.
     */
    private static boolean onlyOnPartitionedParent(Change.CreateIndex ci, AnalysisContext ctx) {
        if (!ci.only()) {
            return false;
        }
        return ctx.isPartitioned(ci.target()) || ctx.table(ci.target()).isEmpty();
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.CreateIndex ci : st.changes(Change.CreateIndex.class)) {
            if (ci.concurrently() || ctx.isNew(ci.target()) || onlyOnPartitionedParent(ci, ctx)) {
                continue;
            }
            String table = ctx.display(ci.target());
            String name = ci.name() == null ? "" : " " + ci.name();
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.SHARE)
                    .message("Building index" + name + " takes a SHARE lock on " + table
                            + ", which blocks all writes to it until the index is built.")
                    .help("Create the index CONCURRENTLY, in a migration that does not run in a transaction.")
                    .fix(Fixes.concurrently(st.source().text()))
                    .add();
        }
    }
}
