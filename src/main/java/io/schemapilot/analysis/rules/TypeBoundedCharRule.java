package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.ParsedStatement;

/** A {@code char(n)} or {@code varchar(n)} column: a length limit baked into the type instead of a CHECK. */
public final class TypeBoundedCharRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.TYPE_BOUNDED_CHAR;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (TypeHygieneSupport.Declared d : TypeHygieneSupport.columns(st, ctx)) {
            if (!d.type().isBoundedChar()) {
                continue;
            }
            String col = ctx.display(d.table(), d.column());
            int n = d.type().modifiers().isEmpty() ? 1 : d.type().modifiers().get(0);
            boolean fixed = d.type().name().equals("char");
            String type = d.type().name() + "(" + n + ")";
            out.of(hazard(), st)
                    .object(col)
                    .message(col + " " + d.verb() + " " + type + (fixed
                            ? ", which pads every value with spaces, ignores trailing spaces in comparisons and is"
                            + " never faster than text."
                            : ", so the limit lives in the type: raising it later is an ALTER TABLE under ACCESS"
                            + " EXCLUSIVE and lowering it scans the whole table, where a CHECK could be swapped"
                            + " with NOT VALID and VALIDATE."))
                    .help("Use text with CHECK (char_length(" + d.column() + ") <= " + n
                            + ") when the limit is a real rule, or plain text when it is not.")
                    .add();
        }
    }
}
