package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.List;

/** A new column of type {@code json} (not {@code jsonb}): no equality operator, so DISTINCT, UNION, GROUP BY break. */
public final class AddColumnJsonRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_COLUMN_JSON;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (c instanceof Change.AddColumn ac && isJson(ac.column())) {
                report(st, ctx, out, ac.target(), ac.column(), LockMode.ACCESS_EXCLUSIVE);
            } else if (c instanceof Change.CreateTable ct) {
                ct.columns().stream().filter(AddColumnJsonRule::isJson)
                        .forEach(col -> report(st, ctx, out, ct.target(), col, null));
            }
        }
    }

    private void report(ParsedStatement st, AnalysisContext ctx, Findings out, QualifiedName target, ColumnDef col,
                        LockMode lock) {
        String table = ctx.display(target);
        String subject = lock == null
                ? "Column " + ctx.display(target, col.name()) + " is json"
                : "Column " + col.name() + ", added to " + table + " under a brief ACCESS EXCLUSIVE lock, is json";
        out.of(hazard(), st)
                .object(table)
                .lock(lock)
                .message(subject + ", a type with no equality operator, so SELECT DISTINCT, UNION, GROUP BY and = on "
                        + "it fail, and every read re-parses the text.")
                .help("Use jsonb (keep json only if you must preserve key order, duplicate keys or whitespace).")
                .fix(fix(st, col))
                .add();
    }

    private static boolean isJson(ColumnDef col) {
        return col.type().name().equals("json");
    }

    /** The statement with this column's {@code json} type spelled {@code jsonb}, or null when not found. */
    private static String fix(ParsedStatement st, ColumnDef col) {
        List<Token> t = st.tokens();
        String text = st.source().text();
        int base = st.source().startOffset();
        for (int i = 1; i < t.size(); i++) {
            if (t.get(i).isWord("json") && t.get(i - 1).isIdentifier() && t.get(i - 1).value().equals(col.name())) {
                int at = t.get(i).offset() - base;
                return text.substring(0, at) + "jsonb" + text.substring(at + t.get(i).text().length()) + ";";
            }
        }
        return null;
    }
}
