package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;

/** {@code DROP SCHEMA} of an existing schema deletes the schema and (with CASCADE) every table in it. */
public final class DropSchemaRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_SCHEMA;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropSchema ds : st.changes(Change.DropSchema.class)) {
            for (QualifiedName q : ds.names()) {
                String schema = q.name();
                if (DestructiveRulesSupport.schemaCreatedEarlier(ctx, st, schema)) {
                    continue;
                }
                boolean known = ctx.hasCatalog() && ctx.catalog().get().schemas().contains(schema);
                if (ds.ifExists() && ctx.hasCatalog() && !known) {
                    continue; // the catalog shows no such schema: IF EXISTS makes this a no-op
                }
                out.of(hazard(), st)
                        .object(schema)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Dropping schema " + schema + contents(ctx, schema, known, ds.cascade())
                                + ", taking an ACCESS EXCLUSIVE lock on each object in it, which blocks their reads "
                                + "and writes.")
                        .help("Move what is still needed out of the schema, deploy code that no longer uses it, "
                                + "back it up, and drop it in a later migration.")
                        .add();
            }
        }
    }

    private static String contents(AnalysisContext ctx, String schema, boolean known, boolean cascade) {
        if (!known) {
            return cascade ? " with CASCADE permanently deletes every table, view, type and function in it"
                    : " permanently removes it (without CASCADE it fails while anything is left in it)";
        }
        List<CatalogSnapshot.Table> tables = ctx.catalog().get().tables().stream()
                .filter(t -> t.schema().equals(schema) && !t.isView()).toList();
        if (tables.isEmpty()) {
            return " permanently removes it and whatever the catalog does not list (functions, sequences, types)";
        }
        long rows = tables.stream().mapToLong(t -> Math.max(0, t.rowEstimate())).sum();
        String what = tables.size() + " table(s) holding ~" + DestructiveRulesSupport.count(rows)
                + " rows by the catalog's estimate";
        return cascade ? " with CASCADE permanently deletes its " + what + " and everything else in it"
                : " permanently removes it once its " + what + " are gone (without CASCADE it fails until then)";
    }
}
