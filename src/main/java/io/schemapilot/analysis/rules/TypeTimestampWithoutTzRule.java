package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.TypeName;

/** A {@code timestamp} (without time zone) column: wall-clock values with no zone to interpret them. */
public final class TypeTimestampWithoutTzRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.TYPE_TIMESTAMP_WITHOUT_TZ;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (TypeHygieneSupport.Declared d : TypeHygieneSupport.columns(st, ctx)) {
            if (!d.type().name().equals("timestamp")) {
                continue;
            }
            String col = ctx.display(d.table(), d.column());
            TypeName tz = new TypeName("timestamptz", d.type().modifiers(), d.type().array(), null);
            out.of(hazard(), st)
                    .object(col)
                    .message(col + " " + d.verb() + " timestamp without time zone, which stores a wall-clock reading"
                            + " with no zone, so values written by sessions with different TimeZone settings or"
                            + " across a DST change cannot be compared or converted reliably.")
                    .help("Use timestamptz: it stores an absolute instant and shows it in each session's time zone.")
                    .fix(TypeHygieneSupport.replaceType(st, d, tz.canonical()))
                    .add();
        }
    }
}
