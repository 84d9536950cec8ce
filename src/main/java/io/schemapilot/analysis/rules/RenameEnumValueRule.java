package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code ALTER TYPE ... RENAME VALUE} breaks code that still writes or compares the old label. */
public final class RenameEnumValueRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.RENAME_ENUM_VALUE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.RenameEnumValue rv : st.changes(Change.RenameEnumValue.class)) {
            if (ctx.isNewType(rv.target())) {
                continue;
            }
            boolean labelMissing = ctx.catalog().flatMap(c -> c.enumType(rv.target()))
                    .map(e -> !e.labels().contains(rv.from())).orElse(false);
            if (labelMissing) {
                continue; // the catalog shows no such label: the statement fails, nothing is renamed
            }
            String type = ctx.display(rv.target());
            String version = ctx.pgVersion().atLeast(10) ? ""
                    : " (and RENAME VALUE does not exist before PostgreSQL 10, so it fails on " + ctx.pgVersion() + ")";
            out.of(hazard(), st)
                    .object(type)
                    .message("Renaming label '" + rv.from() + "' of enum " + type + " to '" + rv.to() + "' takes "
                            + "only a brief lock on the type and blocks no table reads or writes, but every running "
                            + "query and application version that writes or compares '" + rv.from() + "' fails"
                            + version + ".")
                    .help("Add the new label, make the code accept both, backfill, then stop writing the old label.")
                    .add();
        }
    }
}
