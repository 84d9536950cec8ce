package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** CREATE INDEX / REINDEX CONCURRENTLY on PostgreSQL 14.0–14.3, whose bug can build indexes that miss rows. */
public final class Pg14ConcurrentIndexCorruptionRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.PG14_CONCURRENT_INDEX_CORRUPTION;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        PgVersion v = ctx.pgVersion();
        if (v.major() != 14 || v.minor() >= 4) {
            return;
        }
        for (Change c : st.changes()) {
            QualifiedName table;
            String what;
            if (c instanceof Change.CreateIndex ci && ci.concurrently()) {
                table = ci.target();
                what = "CREATE INDEX CONCURRENTLY";
            } else if (c instanceof Change.Reindex r && r.concurrently()) {
                table = r.kind().equals("INDEX") ? ctx.tableOfIndex(r.target()) : r.target();
                what = "REINDEX CONCURRENTLY";
            } else {
                continue;
            }
            if (table != null && ctx.isNew(table)) {
                continue;
            }
            String object = table == null ? null : c instanceof Change.Reindex r && (r.kind().equals("SCHEMA")
                    || r.kind().equals("DATABASE")) ? table.name() : ctx.display(table);
            String version = v.minor() == 0 ? "14 (no minor version given, so 14.0 is assumed)" : v.toString();
            out.of(hazard(), st)
                    .object(object)
                    .lock(LockMode.SHARE_UPDATE_EXCLUSIVE)
                    .message(what + (object == null ? "" : " on " + object) + " on PostgreSQL " + version
                            + " can silently build a corrupt index that misses rows updated during the build (a bug"
                            + " fixed in 14.4); it holds only a SHARE UPDATE EXCLUSIVE lock, so writes go on meanwhile.")
                    .help("Upgrade to PostgreSQL 14.4 or later first; after upgrading, check indexes built"
                            + " concurrently on 14.0-14.3 with pg_amcheck --heapallindexed and REINDEX the broken ones.")
                    .add();
        }
    }
}
