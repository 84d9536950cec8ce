package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;

/**
 * Outside a transaction, CREATE / DROP / ADD COLUMN without {@code IF [NOT] EXISTS}: re-running the file after a
 * later statement failed stops at this one.
 */
public final class NonIdempotentStatementRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.NON_IDEMPOTENT_STATEMENT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (ctx.inTransaction() || st.has(Change.DoBlock.class)) {
            return; // a transaction (and a DO block) either happens entirely or not at all
        }
        // when nothing can fail after it, a failed statement was rolled back on its own and a re-run is clean
        boolean workAfter = ctx.laterStatements(st).stream().anyMatch(s -> !trivial(s));
        String sql = st.source().text().strip();
        boolean single = st.changes().size() == 1;
        for (Change c : st.changes()) {
            if (c instanceof Change.CreateIndex ci && ci.concurrently()) {
                concurrentIndex(st, ci, ctx, out);
                continue;
            }
            if (!workAfter) {
                continue;
            }
            String what;
            String guard;
            String fix = null;
            if (c instanceof Change.CreateTable ct && !ct.ifNotExists() && !ct.temporary()) {
                what = "CREATE TABLE " + ctx.display(ct.target());
                guard = "IF NOT EXISTS";
                fix = sql.replaceFirst("(?i)\\bTABLE\\s+", "TABLE IF NOT EXISTS ");
            } else if (c instanceof Change.CreateIndex ci && !ci.ifNotExists()) {
                if (ci.name() == null) {
                    emit(st, ctx.display(ci.target()), "CREATE INDEX on " + ctx.display(ci.target())
                            + " has no name, so re-running the file after a later failure builds a second copy of"
                            + " the index.", "Name the index and write CREATE INDEX IF NOT EXISTS.", null, out);
                    continue;
                }
                what = "CREATE INDEX " + index(ci);
                guard = "IF NOT EXISTS";
                fix = sql.replaceFirst("(?i)\\bINDEX\\s+", "INDEX IF NOT EXISTS ");
            } else if (c instanceof Change.AddColumn ac && !ac.ifNotExists()) {
                what = "ADD COLUMN " + ctx.display(ac.target(), ac.column().name());
                guard = "IF NOT EXISTS";
                fix = sql.replaceFirst("(?i)\\bADD\\s+(?:COLUMN\\s+)?", "ADD COLUMN IF NOT EXISTS ");
            } else if (c instanceof Change.AddEnumValue ev && !ev.ifNotExists()) {
                what = "ADD VALUE '" + ev.value() + "' to " + ctx.display(ev.target());
                guard = "IF NOT EXISTS";
                fix = sql.replaceFirst("(?i)\\bVALUE\\s+", "VALUE IF NOT EXISTS ");
            } else if (c instanceof Change.DropColumn dc && !dc.ifExists()) {
                what = "DROP COLUMN " + ctx.display(dc.target(), dc.column());
                guard = "IF EXISTS";
                fix = sql.replaceFirst("(?i)\\bDROP\\s+(?:COLUMN\\s+)?", "DROP COLUMN IF EXISTS ");
            } else if (c instanceof Change.DropConstraint dc && !dc.ifExists()) {
                what = "DROP CONSTRAINT " + dc.name() + " on " + ctx.display(dc.target());
                guard = "IF EXISTS";
                fix = sql.replaceFirst("(?i)\\bCONSTRAINT\\s+", "CONSTRAINT IF EXISTS ");
            } else if (c instanceof Change.DropTable dt && !dt.ifExists()) {
                what = "DROP TABLE " + names(dt.names(), ctx);
                guard = "IF EXISTS";
                fix = sql.replaceFirst("(?i)\\bTABLE\\s+", "TABLE IF EXISTS ");
            } else if (c instanceof Change.DropIndex di && !di.ifExists()) {
                what = "DROP INDEX " + names(di.names(), ctx);
                guard = "IF EXISTS";
                fix = sql.replaceFirst("(?i)\\bINDEX\\s+(CONCURRENTLY\\s+)?", "INDEX $1IF EXISTS ");
            } else if (c instanceof Change.DropSchema ds && !ds.ifExists()) {
                what = "DROP SCHEMA " + ds.names().get(0).name();
                guard = "IF EXISTS";
                fix = sql.replaceFirst("(?i)\\bSCHEMA\\s+", "SCHEMA IF EXISTS ");
            } else if (c instanceof Change.DropObject d && !d.ifExists() && !d.kind().equals("OWNED")) {
                what = "DROP " + d.kind() + (d.names().isEmpty() ? "" : " " + d.names().get(0));
                guard = "IF EXISTS";
                fix = sql.replaceFirst("(?i)^DROP\\s+" + d.kind().replace(" ", "\\s+") + "\\s+",
                        "DROP " + d.kind() + " IF EXISTS ");
            } else {
                continue;
            }
            String failure = guard.equals("IF EXISTS") ? "does not exist" : "already exists";
            emit(st, c.target() == null ? null : ctx.display(c.target()),
                    what + " has no " + guard + ", so re-running this non-transactional file after a later statement"
                            + " failed stops here with \"" + failure + "\".",
                    "Write " + guard + " (or run the file in one transaction) so a retry can pass this step.",
                    single && fix != null && !fix.equals(sql) ? fix + ";" : null, out);
        }
    }

    /** CONCURRENTLY builds are not atomic: a failed one leaves an INVALID index with the name taken. */
    private void concurrentIndex(ParsedStatement st, Change.CreateIndex ci, AnalysisContext ctx, Findings out) {
        if (ci.ifNotExists() || ci.name() == null || droppedBefore(st, ci, ctx)) {
            return; // IF NOT EXISTS skipping an INVALID index is concurrent-index-invalid-leftover's finding
        }
        String idx = index(ci);
        emit(st, idx, "CREATE INDEX CONCURRENTLY " + idx + " is not guarded, so after a failed or cancelled build"
                        + " the retry stops on the INVALID index it left behind (\"already exists\").",
                "Drop any leftover first with DROP INDEX CONCURRENTLY IF EXISTS, then build it again.",
                "DROP INDEX CONCURRENTLY IF EXISTS " + idx + ";\n" + st.source().text().strip() + ";", out);
    }

    private static boolean droppedBefore(ParsedStatement st, Change.CreateIndex ci, AnalysisContext ctx) {
        // index name -> the first statement that drops it with IF EXISTS (built once per file)
        java.util.Map<String, Integer> firstDrop = ctx.fileIndex("non-idempotent:drop-index-if-exists", all -> {
            java.util.Map<String, Integer> m = new java.util.HashMap<>();
            for (ParsedStatement s : all) {
                for (Change.DropIndex di : s.changes(Change.DropIndex.class)) {
                    if (di.ifExists()) {
                        di.names().forEach(n -> m.putIfAbsent(n.name(), s.number()));
                    }
                }
            }
            return m;
        });
        Integer at = firstDrop.get(ci.name().name());
        return at != null && at < st.number();
    }

    private void emit(ParsedStatement st, String object, String message, String help, String fix, Findings out) {
        out.of(hazard(), st).object(object).message(message).help(help).fix(fix).add();
    }

    private static String index(Change.CreateIndex ci) {
        QualifiedName n = ci.name();
        return n.schema() == null && ci.target() != null ? new QualifiedName(ci.target().schemaOr("public"), n.name())
                .toString() : n.qualified();
    }

    private static String names(List<QualifiedName> names, AnalysisContext ctx) {
        return String.join(", ", names.stream().map(ctx::display).toList());
    }

    private static boolean trivial(ParsedStatement s) {
        return s.changes().stream().allMatch(c -> c instanceof Change.SetVariable || c instanceof Change.Transaction
                || c instanceof Change.Other o && o.keyword().startsWith("psql"));
    }
}
