package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/** {@code DROP ... CASCADE} / {@code TRUNCATE ... CASCADE} silently takes every dependent object or table with it. */
public final class CascadeToDependentsRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CASCADE_TO_DEPENDENTS;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (c instanceof Change.DropTable dt && dt.cascade()) {
                for (QualifiedName q : dt.names()) {
                    if (!ctx.isNew(q) && !(dt.ifExists() && DestructiveRulesSupport.catalogLacks(ctx, q))) {
                        report(st, ctx, out, "DROP TABLE " + ctx.display(q), ctx.display(q), viewsAndForeignKeys(ctx, q));
                    }
                }
            } else if (c instanceof Change.DropColumn dc && dc.cascade() && !ctx.isNew(dc.target())
                    && !DestructiveRulesSupport.columnAddedEarlier(ctx, st, dc.target(), dc.column())) {
                String col = ctx.display(dc.target(), dc.column());
                report(st, ctx, out, "DROP COLUMN " + col, col, dependentViews(ctx, dc.target()));
            } else if (c instanceof Change.Truncate tr && tr.cascade()) {
                for (QualifiedName q : tr.tables()) {
                    if (!ctx.isNew(q)) {
                        report(st, ctx, out, "TRUNCATE " + ctx.display(q), ctx.display(q), truncatedWith(ctx, q));
                    }
                }
            } else if (c instanceof Change.DropSchema ds && ds.cascade()) {
                for (QualifiedName q : ds.names()) {
                    String schema = q.name();
                    if (!DestructiveRulesSupport.schemaCreatedEarlier(ctx, st, schema)
                            && !(ds.ifExists() && ctx.hasCatalog() && !ctx.catalog().get().schemas().contains(schema))) {
                        report(st, ctx, out, "DROP SCHEMA " + schema, schema, schemaContents(ctx, schema));
                    }
                }
            } else if (c instanceof Change.DropObject dobj && dobj.cascade()) {
                List<QualifiedName> names = dobj.names().isEmpty() ? java.util.Collections.singletonList(null)
                        : dobj.names();
                for (QualifiedName q : names) {
                    if (q != null && ctx.isNewType(q)) {
                        continue;
                    }
                    String what = q == null ? dobj.kind().toLowerCase(java.util.Locale.ROOT) : ctx.display(q);
                    report(st, ctx, out, "DROP " + dobj.kind() + (q == null ? "" : " " + what), what,
                            objectDependents(ctx, dobj.kind(), q));
                }
            } else if (c instanceof Change.DropConstraint dk && dk.cascade() && !ctx.isNew(dk.target())) {
                report(st, ctx, out, "DROP CONSTRAINT " + dk.name(), ctx.display(dk.target()), null);
            } else if (c instanceof Change.DropIndex di && di.cascade()) {
                for (QualifiedName q : di.names()) {
                    if (!ctx.isNewIndex(q)) {
                        report(st, ctx, out, "DROP INDEX " + ctx.display(q), ctx.display(q), null);
                    }
                }
            }
        }
    }

    /** @param dependents what the catalog shows would go too (empty: nothing today), or null when unknown */
    private void report(ParsedStatement st, AnalysisContext ctx, Findings out, String what, String object,
                        List<String> dependents) {
        Findings.Builder b = out.of(hazard(), st).object(object).lock(LockMode.ACCESS_EXCLUSIVE)
                .help("Drop or change the dependent objects explicitly first and keep the default RESTRICT, so the "
                        + "statement fails instead of silently taking more with it.");
        if (dependents == null) {
            b.message(what + " ... CASCADE also silently drops or empties everything that depends on it (views, "
                    + "foreign keys, referencing tables), taking an ACCESS EXCLUSIVE lock on each, which blocks "
                    + "their reads and writes.");
        } else if (dependents.isEmpty()) {
            b.risk(Risk.MEDIUM).message(what + " ... CASCADE affects nothing else today by the catalog, but any "
                    + "dependent object created before this runs would be dropped silently under an ACCESS "
                    + "EXCLUSIVE lock that blocks its reads and writes.");
        } else {
            b.message(what + " ... CASCADE also takes with it, by the catalog: " + String.join(", ", dependents)
                    + ", under ACCESS EXCLUSIVE locks that block reads and writes to each.");
        }
        if (st.changes().size() == 1 && !st.tokens().get(0).isWord("do")) {
            b.fix(st.source().text().strip().replaceFirst("(?is)\\bCASCADE\\b(?!.*\\bCASCADE\\b)", "RESTRICT") + ";");
        }
        b.add();
    }

    private static List<String> dependentViews(AnalysisContext ctx, QualifiedName q) {
        if (!ctx.hasCatalog() || ctx.table(q).isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        ctx.catalog().get().allDependentViews(q).forEach(v -> out.add("view " + v));
        return out;
    }

    private static List<String> viewsAndForeignKeys(AnalysisContext ctx, QualifiedName q) {
        List<String> out = dependentViews(ctx, q);
        if (out != null) {
            DestructiveRulesSupport.referencingTables(ctx, q)
                    .forEach(t -> out.add("the foreign keys of " + t.schema() + "." + t.name()));
        }
        return out;
    }

    /** TRUNCATE ... CASCADE empties every table that references q, recursively. */
    private static List<String> truncatedWith(AnalysisContext ctx, QualifiedName q) {
        if (!ctx.hasCatalog() || ctx.table(q).isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        java.util.ArrayDeque<QualifiedName> todo = new java.util.ArrayDeque<>(List.of(q));
        java.util.Set<QualifiedName> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            for (CatalogSnapshot.Table t : DestructiveRulesSupport.referencingTables(ctx, todo.poll())) {
                if (seen.add(t.qualifiedName())) {
                    out.add("all rows of " + t.schema() + "." + t.name() + DestructiveRulesSupport.rows(t));
                    todo.add(t.qualifiedName());
                }
            }
        }
        return out;
    }

    private static List<String> schemaContents(AnalysisContext ctx, String schema) {
        if (!ctx.hasCatalog()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (CatalogSnapshot.Table t : ctx.catalog().get().tables()) {
            if (t.schema().equals(schema)) {
                out.add((t.isView() ? "view " : "table ") + t.schema() + "." + t.name()
                        + (t.isView() ? "" : DestructiveRulesSupport.rows(t)));
            }
        }
        ctx.catalog().get().enums().stream().filter(e -> e.schema().equals(schema))
                .forEach(e -> out.add("enum type " + e.schema() + "." + e.name()));
        return out;
    }

    private static List<String> objectDependents(AnalysisContext ctx, String kind, QualifiedName q) {
        if (q == null || !ctx.hasCatalog()) {
            return null;
        }
        if (kind.equals("VIEW") || kind.equals("MATERIALIZED VIEW")) {
            return dependentViews(ctx, q);
        }
        if (kind.equals("TYPE") && ctx.catalog().get().enumType(q).isPresent()) {
            List<String> out = new ArrayList<>();
            for (CatalogSnapshot.Table t : ctx.catalog().get().tables()) {
                t.columns().stream().filter(col -> col.baseType().equals(q.name()))
                        .forEach(col -> out.add("column " + t.schema() + "." + t.name() + "." + col.name()
                                + " with its data" + DestructiveRulesSupport.rows(t)));
            }
            return out;
        }
        return null;
    }
}
