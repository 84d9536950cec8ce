package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code ALTER COLUMN ... TYPE} that narrows or changes values: it fails on or silently alters existing data. */
public final class AlterColumnTypeLossyRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ALTER_COLUMN_TYPE_LOSSY;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AlterColumnType ch : st.changes(Change.AlterColumnType.class)) {
            if (ctx.isNew(ch.target())) {
                continue;
            }
            TypeChanges.Verdict v = TypeChanges.of(ch, st, ctx);
            if (v.kind() != TypeChanges.Kind.LOSSY) {
                continue;
            }
            String table = ctx.display(ch.target());
            String column = ctx.display(ch.target(), ch.column());
            String type = TypeChanges.sql(ch.type());
            out.of(hazard(), st)
                    .risk(v.silent() ? Risk.CRITICAL : Risk.HIGH)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .rewrite(true)
                    .message("Changing " + column + " from " + v.oldType() + " (per " + v.source() + ") to " + type
                            + " is lossy (" + v.reason() + ") and rewrites " + table + " under an ACCESS EXCLUSIVE lock"
                            + " that blocks all reads and writes.")
                    .help(ch.type().name().equals("varchar") && !ch.type().modifiers().isEmpty() && !ch.type().array()
                            ? "Keep the type and enforce the limit with a CHECK added NOT VALID and validated"
                            + " separately; or check the data first and move it with expand/contract."
                            : "Check the data first (a SELECT or a CHECK added NOT VALID, then VALIDATE), then move it"
                            + " with expand/contract: new column, trigger, batched backfill, swap.")
                    .fix(fix(ch))
                    .add();
        }
    }

    /** Shrinking to varchar(n): the same limit as a CHECK, without a rewrite and without a long lock. */
    private static String fix(Change.AlterColumnType ch) {
        if (!ch.type().name().equals("varchar") || ch.type().modifiers().isEmpty() || ch.type().array()) {
            return null;
        }
        String name = ch.target().name() + "_" + ch.column() + "_max_length";
        return "ALTER TABLE " + ch.target() + " ADD CONSTRAINT " + name + " CHECK (char_length(" + ch.column()
                + ") <= " + ch.type().modifiers().get(0) + ") NOT VALID;\n"
                + "-- in a later transaction:\n"
                + "ALTER TABLE " + ch.target() + " VALIDATE CONSTRAINT " + name + ";";
    }
}
