package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.util.Optional;

/** {@code REFRESH MATERIALIZED VIEW} without CONCURRENTLY blocks every reader of the view. */
public final class RefreshMatviewNonConcurrentRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.REFRESH_MATVIEW_NON_CONCURRENT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.RefreshMatView r : st.changes(Change.RefreshMatView.class)) {
            if (r.concurrently() || ctx.isNew(r.target())) {
                continue;
            }
            String view = ctx.display(r.target());
            boolean noData = st.source().text().matches("(?is).*\\bwith\\s+no\\s+data\\b.*");
            // CONCURRENTLY needs a unique index on plain columns, covering all rows; the catalog can tell
            Optional<Boolean> uniqueIndex = ctx.table(r.target()).map(t -> t.indexes().stream()
                    .anyMatch(i -> i.unique() && i.valid() && !i.partial()));
            String note = uniqueIndex.isPresent() && !uniqueIndex.get()
                    ? " (the catalog shows no unique index on it, which CONCURRENTLY needs)" : "";
            out.of(hazard(), st)
                    .object(view)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Refreshing materialized view " + view + " takes an ACCESS EXCLUSIVE lock on it, which"
                            + " blocks every query reading the view until the whole query behind it has rerun" + note
                            + ".")
                    .help(noData ? "WITH NO DATA empties the view for all readers: refresh it CONCURRENTLY instead,"
                            + " unless emptying it is the point."
                            : "Use REFRESH MATERIALIZED VIEW CONCURRENTLY: its EXCLUSIVE lock lets readers go on"
                            + " (it needs a unique index on the view).")
                    .fix(noData ? null : (uniqueIndex.isPresent() && !uniqueIndex.get()
                            ? "-- first: CREATE UNIQUE INDEX CONCURRENTLY ... ON " + view + " (<key columns>);\n" : "")
                            + "REFRESH MATERIALIZED VIEW CONCURRENTLY " + r.target() + ";")
                    .add();
        }
    }
}
