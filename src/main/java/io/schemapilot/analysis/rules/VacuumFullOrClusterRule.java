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
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;

/** {@code VACUUM FULL} and {@code CLUSTER} rewrite the table under ACCESS EXCLUSIVE. */
public final class VacuumFullOrClusterRule implements Rule {
    /** Below this many rows (by the catalog's estimate) the rewrite is short. */
    private static final long SMALL = 10_000;

    @Override
    public Hazard hazard() {
        return Hazard.VACUUM_FULL_OR_CLUSTER;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        boolean repack = ctx.pgVersion().atLeast(19);
        for (Change c : st.changes()) {
            List<QualifiedName> tables = new ArrayList<>();
            String command;
            if (c instanceof Change.Vacuum v && v.full()) {
                command = "VACUUM FULL";
                tables.addAll(v.tables());
            } else if (c instanceof Change.Cluster cl) {
                command = "CLUSTER";
                if (cl.target() != null) {
                    tables.add(cl.target());
                }
            } else {
                continue;
            }
            if (tables.isEmpty()) {
                report(out, st, ctx, null, command, "every table in the database" + (command.equals("CLUSTER")
                        ? " that was clustered before" : ""), repack, Risk.HIGH);
                continue;
            }
            for (QualifiedName t : tables) {
                if (ctx.isNew(t)) {
                    continue;
                }
                boolean small = ctx.table(t).map(x -> x.isSmallerThan(SMALL)).orElse(false);
                String rows = ctx.table(t).map(CatalogSnapshot.Table::rowEstimate).filter(n -> n >= 0)
                        .map(n -> " (about " + String.format("%,d", n) + " rows per the catalog)").orElse("");
                report(out, st, ctx, t, command, ctx.display(t) + rows, repack, small ? Risk.MEDIUM : Risk.HIGH);
            }
        }
    }

    private void report(Findings out, ParsedStatement st, AnalysisContext ctx, QualifiedName t, String command,
                        String what, boolean repack, Risk risk) {
        out.of(hazard(), st)
                .risk(risk)
                .object(t == null ? null : ctx.display(t))
                .lock(LockMode.ACCESS_EXCLUSIVE)
                .rewrite(true)
                .message(command + " rewrites " + what + " under an ACCESS EXCLUSIVE lock, blocking all reads and"
                        + " writes until the copy and its index rebuilds finish.")
                .help(repack ? "Use REPACK (CONCURRENTLY), which rewrites the table while reads and writes go on."
                        : "Reclaim space online with pg_repack or pg_squeeze (or plain VACUUM if reusable space is"
                        + " enough); PostgreSQL 19 adds REPACK (CONCURRENTLY).")
                .fix(repack && t != null ? "REPACK (CONCURRENTLY) " + t + usingIndex(st, command) + ";" : null)
                .add();
    }

    /** {@code CLUSTER t USING idx}: " USING INDEX idx". */
    private static String usingIndex(ParsedStatement st, String command) {
        if (!command.equals("CLUSTER")) {
            return "";
        }
        List<Token> tokens = st.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("using")) {
                return " USING INDEX " + tokens.get(i + 1).text();
            }
        }
        return "";
    }
}
