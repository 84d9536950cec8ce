package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.TypeName;

/** {@code ALTER COLUMN ... TYPE} that is not binary-coercible rewrites the table under ACCESS EXCLUSIVE. */
public final class AlterColumnTypeRewriteRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ALTER_COLUMN_TYPE_REWRITE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AlterColumnType ch : st.changes(Change.AlterColumnType.class)) {
            if (ctx.isNew(ch.target())) {
                continue;
            }
            TypeChanges.Verdict v = TypeChanges.of(ch, st, ctx);
            if (v.kind() != TypeChanges.Kind.REWRITE && v.kind() != TypeChanges.Kind.UNKNOWN) {
                continue;
            }
            String table = ctx.display(ch.target());
            String column = ctx.display(ch.target(), ch.column());
            String type = TypeChanges.sql(ch.type());
            String message;
            String help;
            if (v.kind() == TypeChanges.Kind.REWRITE) {
                message = "Changing " + column + " from " + v.oldType() + " (per " + v.source() + ") to " + type
                        + " rewrites " + table + " and rebuilds its indexes under an ACCESS EXCLUSIVE lock that blocks"
                        + " all reads and writes, because " + v.reason() + ".";
                help = "Use expand/contract: add a " + type + " column, keep it in sync with a trigger, backfill it in "
                        + "batches, then swap the columns in a short transaction" + (inPrimaryKey(ch, ctx)
                        ? " (for the primary key: CREATE UNIQUE INDEX CONCURRENTLY, then ADD PRIMARY KEY USING INDEX)."
                        : ".");
            } else {
                message = "The current type of " + column + (ctx.hasCatalog() ? " is not in the catalog" : " is unknown"
                        + " (no catalog)") + ", so changing it to " + type + " is assumed to rewrite " + table
                        + " under an ACCESS EXCLUSIVE lock that blocks all reads and writes; " + safeCase(ch.type())
                        + ".";
                help = "Give schemapilot the schema (--schema or --db) so it can check the current type; if the change"
                        + " is not binary-coercible, use expand/contract (new column, trigger, batched backfill, swap).";
            }
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .rewrite(true)
                    .message(message)
                    .help(help)
                    .add();
        }
    }

    /** When the new type is a no-rewrite target from some old type, say which; else list the safe cases. */
    private static String safeCase(TypeName t) {
        String n = t.name();
        if (t.array()) {
            return "array type changes always rewrite unless the type stays the same";
        }
        if (n.equals("text") || (n.equals("varchar") && t.modifiers().isEmpty())) {
            return "it needs no rewrite only if the column is varchar or text now";
        }
        if (n.equals("varchar")) {
            return "it needs no rewrite only if the column is varchar(n) with n <= " + t.modifiers().get(0) + " now";
        }
        if (n.equals("numeric")) {
            return t.modifiers().isEmpty() ? "it needs no rewrite only if the column is numeric now"
                    : "it needs no rewrite only if the column is numeric with the same scale and no more precision now";
        }
        if (n.equals("inet")) {
            return "it needs no rewrite only if the column is cidr or inet now";
        }
        if (n.equals("timestamptz") || n.equals("timestamp")) {
            return "it needs no rewrite only if the column is timestamp or timestamptz now and TimeZone is UTC"
                    + " (PostgreSQL 12+)";
        }
        return "only binary-coercible changes avoid the rewrite (varchar widening, varchar to text, numeric precision"
                + " increase at the same scale, removing a type modifier, cidr to inet)";
    }

    private static boolean inPrimaryKey(Change.AlterColumnType ch, AnalysisContext ctx) {
        return ctx.table(ch.target()).map(t -> t.constraints().stream()
                .anyMatch(k -> k.type() == 'p' && k.columns().contains(ch.column()))).orElse(false)
                || ctx.table(ch.target()).flatMap(t -> t.indexes().stream().filter(CatalogSnapshot.Index::primary)
                .findFirst()).map(i -> i.columns().contains(ch.column())).orElse(false);
    }
}
