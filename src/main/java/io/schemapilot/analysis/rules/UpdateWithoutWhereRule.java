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

/** {@code UPDATE t SET ...} with no {@code WHERE} on an existing table: a one-shot backfill of every row. */
public final class UpdateWithoutWhereRule implements Rule {
    /** Below this many rows (by the catalog's estimate) a single-statement update is brief. */
    static final long SMALL_TABLE_ROWS = 10_000;

    @Override
    public Hazard hazard() {
        return Hazard.UPDATE_WITHOUT_WHERE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.Update u : st.changes(Change.Update.class)) {
            if (u.hasWhere() || ctx.isNew(u.target())) {
                continue;
            }
            String table = ctx.display(u.target());
            boolean small = ctx.table(u.target()).map(t -> t.isSmallerThan(SMALL_TABLE_ROWS)).orElse(false);
            Findings.Builder b = out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ROW_EXCLUSIVE)
                    .help("Backfill in keyed batches of 1,000-10,000 rows per transaction, throttled, outside "
                            + "any DDL transaction.");
            if (small) {
                CatalogSnapshot.Table t = ctx.table(u.target()).get();
                b.risk(Risk.MEDIUM).message("UPDATE without WHERE rewrites every row of " + table
                        + DestructiveRulesSupport.rows(t) + ", a small table, holding a row lock on each until "
                        + "commit under a ROW EXCLUSIVE lock, which briefly blocks concurrent updates of them.");
            } else {
                b.message("UPDATE without WHERE writes a new version of every row of " + table
                        + DestructiveRulesSupport.rows(ctx, u.target()) + " in one transaction, holding a row lock "
                        + "on each until commit under a ROW EXCLUSIVE lock, which blocks concurrent updates and "
                        + "deletes of those rows and bloats the table, WAL and replicas.");
            }
            b.add();
        }
    }
}
