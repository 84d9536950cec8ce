package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code ALTER SCHEMA ... RENAME TO} breaks every query, function and search_path naming the old schema. */
public final class RenameSchemaRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.RENAME_SCHEMA;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.RenameSchema rs : st.changes(Change.RenameSchema.class)) {
            String schema = rs.target().name();
            if (DestructiveRulesSupport.schemaCreatedEarlier(ctx, st, schema)) {
                continue;
            }
            if (ctx.hasCatalog() && !ctx.catalog().get().schemas().contains(schema)) {
                continue; // the catalog shows no such schema: the statement fails, nothing is renamed
            }
            long tables = ctx.catalog().map(c -> c.tables().stream().filter(t -> t.schema().equals(schema)).count())
                    .orElse(-1L);
            String what = tables >= 0 ? " (its " + tables + " table(s) and view(s) by the catalog)" : "";
            out.of(hazard(), st)
                    .object(schema)
                    .message("Renaming schema " + schema + " to " + rs.newName() + " takes only a brief lock on "
                            + "the schema and blocks no reads or writes, but breaks every query, function body and "
                            + "search_path that still names " + schema + what + ".")
                    .help("Create the new schema and move objects gradually (ALTER TABLE ... SET SCHEMA) while the "
                            + "code switches over, or keep the old name.")
                    .add();
        }
    }
}
