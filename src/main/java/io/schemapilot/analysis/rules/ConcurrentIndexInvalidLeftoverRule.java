package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/** INVALID indexes left by failed concurrent builds: kept by {@code IF NOT EXISTS}, or already in the catalog. */
public final class ConcurrentIndexInvalidLeftoverRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CONCURRENT_INDEX_INVALID_LEFTOVER;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.CreateIndex ci : st.changes(Change.CreateIndex.class)) {
            if (!ci.concurrently() || ctx.isNew(ci.target())) {
                continue;
            }
            String table = ctx.display(ci.target());
            String schema = table.substring(0, table.lastIndexOf('.'));
            String name = ci.name() == null ? null : ci.name().name();
            String index = name == null ? "the new index" : (ci.name().schema() != null ? ci.name().schema() : schema)
                    + "." + name;
            Optional<CatalogSnapshot.Table> t = ctx.table(ci.target());
            Optional<CatalogSnapshot.Index> same = t.flatMap(x -> name == null ? Optional.empty() : x.index(name));
            String message;
            if (same.isPresent()) {
                if (same.get().valid()) {
                    continue; // a usable index of that name exists: IF NOT EXISTS skips it, correctly
                }
                message = "The catalog shows " + index + " on " + table + " is INVALID (left by a failed concurrent"
                        + " build), so " + (ci.ifNotExists() ? "IF NOT EXISTS silently keeps it and queries never use"
                        + " it." : "this CREATE fails because the name is taken.");
            } else {
                List<String> invalid = t.map(x -> x.indexes().stream().filter(i -> !i.valid())
                        .map(CatalogSnapshot.Index::name).toList()).orElse(List.of());
                if (!invalid.isEmpty()) {
                    message = "The catalog shows INVALID indexes on " + table + " (" + String.join(", ", invalid)
                            + ") left by failed concurrent builds; they slow every write and are never used by queries.";
                } else if (ci.ifNotExists()) {
                    message = "If this concurrent build of " + index + " on " + table + " fails or is cancelled it"
                            + " leaves an INVALID index, which IF NOT EXISTS silently keeps when the migration is rerun.";
                } else {
                    continue;
                }
            }
            out.of(hazard(), st)
                    .object(table)
                    .message(message)
                    .help("Before (re)building, drop any INVALID leftover with DROP INDEX CONCURRENTLY IF EXISTS"
                            + " (pg_index.indisvalid = false), then create the index without IF NOT EXISTS.")
                    .fix(fix(ci, st))
                    .add();
        }
    }

    private static String fix(Change.CreateIndex ci, ParsedStatement st) {
        if (ci.name() == null) {
            return null;
        }
        QualifiedName idx = ci.name().schema() == null && ci.target().schema() != null
                ? new QualifiedName(ci.target().schema(), ci.name().name()) : ci.name();
        return "DROP INDEX CONCURRENTLY IF EXISTS " + idx + ";\n"
                + st.source().text().strip().replaceFirst("(?i)\\s+IF\\s+NOT\\s+EXISTS\\b", "") + ";";
    }
}
