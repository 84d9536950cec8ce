package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.util.Optional;

/** {@code DROP CONSTRAINT}: ACCESS EXCLUSIVE on the table (and the referenced table for a foreign key). */
public final class DropConstraintRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_CONSTRAINT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropConstraint dc : st.changes(Change.DropConstraint.class)) {
            if (ctx.isNew(dc.target()) || addedEarlier(st, dc, ctx)) {
                continue; // added earlier in this migration (a recipe's helper CHECK): nothing relies on it yet
            }
            Optional<CatalogSnapshot.Table> t = ctx.table(dc.target());
            Optional<CatalogSnapshot.Constraint> k = t.flatMap(x -> x.constraint(dc.name()));
            if (t.isPresent() && k.isEmpty() && dc.ifExists()) {
                continue; // the catalog has no such constraint: IF EXISTS makes this a no-op
            }
            char type = k.map(CatalogSnapshot.Constraint::type).orElse(guess(dc.name()));
            String source = k.isPresent() ? "per the catalog" : "by its name";
            String table = ctx.display(dc.target());
            String what = switch (type) {
                case 'f' -> "foreign key";
                case 'p' -> "primary key";
                case 'u' -> "unique constraint";
                case 'c' -> "check constraint";
                case 'x' -> "exclusion constraint";
                case 'n' -> "NOT NULL constraint";
                default -> "constraint";
            };
            String subject = "Dropping " + what + " " + dc.name() + (type == '?' ? "" : " (" + source + ")");
            String message;
            if (type == 'f') {
                String ref = k.map(DropConstraintRule::referenced).orElse(null);
                message = subject + " takes brief ACCESS EXCLUSIVE locks on " + table + " and on "
                        + (ref == null ? "the table it references" : "the referenced table " + ref)
                        + ", blocking reads and writes on both while it waits, and stops enforcing the relationship.";
            } else if (type == 'p' || type == 'u') {
                message = subject + " takes a brief ACCESS EXCLUSIVE lock on " + table + ", blocking reads and writes"
                        + " while it waits, and drops the index behind it that queries and foreign keys may rely on.";
            } else {
                message = subject + " takes a brief ACCESS EXCLUSIVE lock on " + table + ", blocking reads and writes"
                        + " while it waits" + (type == '?' ? " (for a foreign key, on the referenced table too)" : "")
                        + ", and stops the database from enforcing it.";
            }
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message(message)
                    .help("Drop it in a contract-phase migration once no code relies on it, under a short lock_timeout"
                            + (type == 'p' || type == 'u' ? "; if queries use its index, build a replacement index"
                            + " CONCURRENTLY first." : "."))
                    .add();
        }
    }

    /** An {@code ADD CONSTRAINT} of this name on this table earlier in the file. */
    private static boolean addedEarlier(ParsedStatement st, Change.DropConstraint dc, AnalysisContext ctx) {
        // table/constraint -> the first statement that adds it (built once per file)
        java.util.Map<String, Integer> firstAdd = ctx.fileIndex("drop-constraint:added", all -> {
            java.util.Map<String, Integer> m = new java.util.HashMap<>();
            for (ParsedStatement s : all) {
                for (Change.AddConstraint ac : s.changes(Change.AddConstraint.class)) {
                    if (ac.constraint().name() != null) {
                        m.putIfAbsent(key(ac.target(), ac.constraint().name()), s.number());
                    }
                }
            }
            return m;
        });
        Integer at = firstAdd.get(key(dc.target(), dc.name()));
        return at != null && at < st.number();
    }

    private static String key(io.schemapilot.sql.QualifiedName table, String constraint) {
        return table.schemaOr("public") + "." + table.name() + "/" + constraint;
    }

    /** PostgreSQL's default constraint names: {@code t_col_fkey}, {@code t_pkey}, {@code t_col_key}, ... */
    private static char guess(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        if (n.endsWith("_fkey") || n.endsWith("_fk")) {
            return 'f';
        }
        if (n.endsWith("_pkey") || n.endsWith("_pk")) {
            return 'p';
        }
        if (n.endsWith("_key") || n.endsWith("_uniq") || n.endsWith("_unique")) {
            return 'u';
        }
        if (n.endsWith("_check")) {
            return 'c';
        }
        if (n.endsWith("_excl")) {
            return 'x';
        }
        return '?';
    }

    private static String referenced(CatalogSnapshot.Constraint k) {
        if (k.refTable() != null) {
            return k.refTable().qualified();
        }
        if (k.definition() == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)REFERENCES\\s+([\\w.\"$]+)")
                .matcher(k.definition());
        return m.find() ? m.group(1) : null;
    }
}
