package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** {@code DROP INDEX} without CONCURRENTLY takes ACCESS EXCLUSIVE on the index's table. */
public final class DropIndexNonConcurrentRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_INDEX_NON_CONCURRENT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropIndex di : st.changes(Change.DropIndex.class)) {
            if (di.concurrently()) {
                continue;
            }
            for (QualifiedName idx : di.names()) {
                QualifiedName table = ctx.tableOfIndex(idx);
                boolean tableKnown = table != idx;
                if (ctx.isNewIndex(idx) || (tableKnown && ctx.isNew(table))) {
                    continue;
                }
                if (ctx.hasCatalog() && !tableKnown && di.ifExists()) {
                    continue; // the catalog has no such index: IF EXISTS makes this a no-op
                }
                boolean partitioned = tableKnown && ctx.isPartitioned(table);
                String on = tableKnown ? ctx.display(table) : "its table";
                out.of(hazard(), st)
                        .object(tableKnown ? ctx.display(table) : ctx.display(idx))
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Dropping index " + idx + " takes an ACCESS EXCLUSIVE lock on " + on
                                + ", which blocks all reads and writes of it while the drop waits for running queries.")
                        .help(partitioned
                                ? "Partitioned indexes cannot be dropped CONCURRENTLY: drop it under a short "
                                + "lock_timeout, with retries, at a quiet time."
                                : "Drop it with DROP INDEX CONCURRENTLY, in a migration that does not run in a"
                                + " transaction.")
                        .fix(partitioned || di.cascade() ? null
                                : "DROP INDEX CONCURRENTLY " + (di.ifExists() ? "IF EXISTS " : "") + idx + ";")
                        .add();
            }
        }
    }
}
