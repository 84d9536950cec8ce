package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.Token;
import java.util.List;

/** {@code SET LOGGED/UNLOGGED}, {@code SET TABLESPACE}, {@code SET ACCESS METHOD}: a rewrite under ACCESS EXCLUSIVE. */
public final class StorageRewriteRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.STORAGE_REWRITE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.SetStorage ss : st.changes(Change.SetStorage.class)) {
            if (ctx.isNew(ss.target()) || ctx.isPartitioned(ss.target())) {
                continue; // new and empty, or a partitioned parent (no data of its own)
            }
            String a = ss.action();
            boolean unlogged = a.equals("SET UNLOGGED");
            boolean persistence = unlogged || a.equals("SET LOGGED");
            if (persistence && ctx.table(ss.target()).map(t -> t.unlogged() == unlogged).orElse(false)) {
                continue; // the catalog shows the table already has that persistence: nothing to rewrite
            }
            String table = ctx.display(ss.target());
            String note = "";
            if (unlogged) {
                note = "; an unlogged table is emptied after a crash and is missing on replicas";
            } else if (a.startsWith("SET ACCESS METHOD") && !ctx.pgVersion().atLeast(15)) {
                note = "; SET ACCESS METHOD needs PostgreSQL 15, so it fails on " + ctx.pgVersion();
            }
            report(st, out, table, a + " rewrites all of " + table + DestructiveRulesSupport.rows(ctx, ss.target())
                    + " into new files under an ACCESS EXCLUSIVE lock that blocks reads and writes until the copy "
                    + "finishes" + note + ".", help(a));
        }
        for (Change.Other o : st.changes(Change.Other.class)) {
            if (o.keyword().equals("alter table all in tablespace")) {
                String from = wordAfter(st.tokens(), "tablespace");
                report(st, out, "tablespace " + from, "Moving every table in tablespace " + from + " rewrites each "
                        + "of them under an ACCESS EXCLUSIVE lock that blocks its reads and writes until its copy "
                        + "finishes.", help("SET TABLESPACE"));
            }
        }
    }

    private void report(ParsedStatement st, Findings out, String object, String message, String help) {
        out.of(hazard(), st).object(object).lock(LockMode.ACCESS_EXCLUSIVE).rewrite(true)
                .message(message).help(help).add();
    }

    private static String help(String action) {
        if (action.startsWith("SET TABLESPACE")) {
            return "Move the table online with pg_repack --tablespace, or build a copy in the new tablespace and swap.";
        }
        if (action.startsWith("SET ACCESS METHOD")) {
            return "Create a new table with the access method, copy the rows in batches, and swap the names.";
        }
        return "Keep durable data logged; to change persistence, build a new table, copy the rows in batches and swap.";
    }

    private static String wordAfter(List<Token> tokens, String word) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord(word)) {
                return tokens.get(i + 1).value();
            }
        }
        return "?";
    }
}
