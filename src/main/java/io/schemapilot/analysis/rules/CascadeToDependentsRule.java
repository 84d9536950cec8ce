package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
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
                        report(st, ctx, out, "DROP TABLE " + ctx.display(q), ctx.display(q),
                                DestructiveRulesSupport.viewsAndForeignKeys(ctx, q));
                    }
                }
            } else if (c instanceof Change.DropColumn dc && dc.cascade() && !ctx.isNew(dc.target())
                    && !DestructiveRulesSupport.columnAddedEarlier(ctx, st, dc.target(), dc.column())) {
                String col = ctx.display(dc.target(), dc.column());
                report(st, ctx, out, "DROP COLUMN " + col, col,
                        DestructiveRulesSupport.dependentViews(ctx, dc.target()));
            } else if (c instanceof Change.Truncate tr && tr.cascade()) {
                for (QualifiedName q : tr.tables()) {
                    if (!ctx.isNew(q)) {
                        report(st, ctx, out, "TRUNCATE " + ctx.display(q), ctx.display(q),
                                DestructiveRulesSupport.truncatedWith(ctx, q));
                    }
                }
            } else if (c instanceof Change.DropSchema ds && ds.cascade()) {
                for (QualifiedName q : ds.names()) {
                    String schema = q.name();
                    boolean absent = ctx.catalog().map(k -> !k.schemas().contains(schema)).orElse(false);
                    if (!DestructiveRulesSupport.schemaCreatedEarlier(ctx, st, schema) && !(ds.ifExists() && absent)) {
                        report(st, ctx, out, "DROP SCHEMA " + schema, schema,
                                DestructiveRulesSupport.schemaContents(ctx, schema));
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
                            DestructiveRulesSupport.objectDependents(ctx, dobj.kind(), q));
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
}
