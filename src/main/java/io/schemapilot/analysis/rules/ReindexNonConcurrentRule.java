package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** {@code REINDEX} without CONCURRENTLY blocks writes to the table and reads that use the index. */
public final class ReindexNonConcurrentRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.REINDEX_NON_CONCURRENT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.Reindex r : st.changes(Change.Reindex.class)) {
            if (r.concurrently()) {
                continue;
            }
            String kind = r.kind();
            QualifiedName table = kind.equals("INDEX") ? ctx.tableOfIndex(r.target()) : r.target();
            if (kind.equals("INDEX") && (ctx.isNewIndex(r.target()) || ctx.isNew(table))
                    || kind.equals("TABLE") && ctx.isNew(table)) {
                continue;
            }
            boolean tableKnown = kind.equals("TABLE") || (table != null && table != r.target());
            String object = switch (kind) {
                case "INDEX" -> ctx.display(tableKnown ? table : r.target());
                case "TABLE" -> ctx.display(table);
                default -> r.target() == null ? null : r.target().name();
            };
            String subject = switch (kind) {
                case "INDEX" -> "index " + r.target() + (tableKnown ? " takes a SHARE lock on " + object
                        : " takes a SHARE lock on its table");
                case "TABLE" -> "table " + object + " takes a SHARE lock on it";
                default -> kind.toLowerCase(java.util.Locale.ROOT) + (object == null ? "" : " " + object)
                        + " takes a SHARE lock on each of its tables in turn";
            };
            boolean system = kind.equals("SYSTEM");
            boolean hasConcurrent = ctx.pgVersion().atLeast(12) && !system;
            out.of(hazard(), st)
                    .object(object)
                    .lock(LockMode.SHARE)
                    .message("Rebuilding " + subject + ", blocking all writes, and an ACCESS EXCLUSIVE lock on"
                            + " each index it rebuilds, blocking the reads that would use it, until the rebuild ends.")
                    .help(hasConcurrent ? "Use REINDEX ... CONCURRENTLY, in a migration that does not run in a"
                            + " transaction."
                            : system ? "System catalogs cannot be reindexed concurrently: do it in a maintenance window."
                            : "PostgreSQL " + ctx.pgVersion() + " has no REINDEX CONCURRENTLY (it came in 12): build a"
                            + " replacement with CREATE INDEX CONCURRENTLY and swap it in, or use pg_repack.")
                    .fix(hasConcurrent ? st.source().text().strip().replaceFirst(
                            "(?i)\\b(INDEX|TABLE|SCHEMA|DATABASE)\\b", "$1 CONCURRENTLY") + ";" : null)
                    .add();
        }
    }
}
