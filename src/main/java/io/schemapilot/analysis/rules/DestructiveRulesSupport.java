package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helpers shared by the destructive, rename, enum, partition and storage rules: row estimates from the catalog, and
 * look-ahead / look-back over the file's statements (objects created or added earlier or later, the bounds of the
 * current transaction, where a string literal is used) through one index built per file, so it stays linear.
 */
final class DestructiveRulesSupport {
    private static final Pattern LITERAL = Pattern.compile("'((?:[^']|'')*)'");

    private DestructiveRulesSupport() {
    }

    // ---- catalog ---------------------------------------------------------------------------------------------

    /** "1,200,000" */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** " (~1,200,000 rows by the catalog's estimate)", or "" when the catalog does not know the table. */
    static String rows(AnalysisContext ctx, QualifiedName table) {
        return ctx.table(table).map(DestructiveRulesSupport::rows).orElse("");
    }

    static String rows(CatalogSnapshot.Table t) {
        if (t.rowEstimate() < 0) {
            return " (row count unknown: the catalog shows it was never analysed)";
        }
        return " (~" + count(t.rowEstimate()) + " rows by the catalog's estimate)";
    }

    /** The catalog knows the database and it does not hold this table. */
    static boolean catalogLacks(AnalysisContext ctx, QualifiedName table) {
        return ctx.hasCatalog() && ctx.table(table).isEmpty();
    }

    /** Tables of the catalog with a foreign key referencing {@code table}. */
    static List<CatalogSnapshot.Table> referencingTables(AnalysisContext ctx, QualifiedName table) {
        List<CatalogSnapshot.Table> out = new ArrayList<>();
        CatalogSnapshot.Table target = ctx.table(table).orElse(null);
        if (target == null) {
            return out;
        }
        for (CatalogSnapshot.Table t : ctx.catalog().orElseThrow().tables()) {
            boolean refs = t.constraints().stream().anyMatch(k -> k.type() == 'f' && k.refTable() != null
                    && k.refTable().schemaOr(t.schema()).equals(target.schema())
                    && k.refTable().name().equals(target.name()));
            if (refs && !t.qualifiedName().equals(target.qualifiedName())) {
                out.add(t);
            }
        }
        return out;
    }

    // ---- what CASCADE would take, by the catalog (null when the catalog cannot tell) ------------------------

    static List<String> dependentViews(AnalysisContext ctx, QualifiedName q) {
        if (!ctx.hasCatalog() || ctx.table(q).isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        ctx.catalog().get().allDependentViews(q).forEach(v -> out.add("view " + v));
        return out;
    }

    static List<String> viewsAndForeignKeys(AnalysisContext ctx, QualifiedName q) {
        List<String> out = dependentViews(ctx, q);
        if (out != null) {
            referencingTables(ctx, q)
                    .forEach(t -> out.add("the foreign keys of " + t.schema() + "." + t.name()));
        }
        return out;
    }

    /** TRUNCATE ... CASCADE empties every table that references q, recursively. */
    static List<String> truncatedWith(AnalysisContext ctx, QualifiedName q) {
        if (!ctx.hasCatalog() || ctx.table(q).isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        java.util.ArrayDeque<QualifiedName> todo = new java.util.ArrayDeque<>(List.of(q));
        java.util.Set<QualifiedName> seen = new java.util.HashSet<>();
        while (!todo.isEmpty()) {
            for (CatalogSnapshot.Table t : referencingTables(ctx, todo.poll())) {
                if (seen.add(t.qualifiedName())) {
                    out.add("all rows of " + t.schema() + "." + t.name() + rows(t));
                    todo.add(t.qualifiedName());
                }
            }
        }
        return out;
    }

    static List<String> schemaContents(AnalysisContext ctx, String schema) {
        if (!ctx.hasCatalog()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (CatalogSnapshot.Table t : ctx.catalog().get().tables()) {
            if (t.schema().equals(schema)) {
                out.add((t.isView() ? "view " : "table ") + t.schema() + "." + t.name()
                        + (t.isView() ? "" : rows(t)));
            }
        }
        ctx.catalog().get().enums().stream().filter(e -> e.schema().equals(schema))
                .forEach(e -> out.add("enum type " + e.schema() + "." + e.name()));
        ctx.catalog().get().sequences().stream().filter(q -> q.schema().equals(schema))
                .forEach(q -> out.add("sequence " + q.schema() + "." + q.name()));
        return out;
    }

    static List<String> objectDependents(AnalysisContext ctx, String kind, QualifiedName q) {
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
                                + " with its data" + rows(t)));
            }
            return out;
        }
        return null;
    }

    // ---- look-ahead and look-back ------------------------------------------------------------------------------

    /** {@code CREATE TABLE q} later in this migration. */
    static boolean tableCreatedLater(AnalysisContext ctx, ParsedStatement st, QualifiedName q) {
        return any(facts(ctx).createdTables.get(q.qualified()), n -> n > st.number());
    }

    /** {@code CREATE VIEW q} (not materialized) later in this migration. */
    static boolean viewCreatedLater(AnalysisContext ctx, ParsedStatement st, QualifiedName q) {
        return any(facts(ctx).createdViews.get(q.qualified()), n -> n > st.number());
    }

    /** {@code ADD COLUMN column} on {@code table} earlier in this migration (nothing can rely on it yet). */
    static boolean columnAddedEarlier(AnalysisContext ctx, ParsedStatement st, QualifiedName table, String column) {
        return any(facts(ctx).addedColumns.get(table.qualified() + "/" + column), n -> n < st.number());
    }

    /** A {@code CREATE SCHEMA name} earlier in this migration. */
    static boolean schemaCreatedEarlier(AnalysisContext ctx, ParsedStatement st, String schema) {
        return any(facts(ctx).createdSchemas.get(schema), n -> n < st.number());
    }

    /** A CHECK (other than {@code col IS NOT NULL}) on {@code table} became valid earlier in this migration. */
    static boolean checkValidatedEarlier(AnalysisContext ctx, ParsedStatement st, QualifiedName table) {
        return any(facts(ctx).validatedChecks.get(table.qualified()), n -> n < st.number());
    }

    /** {@code CREATE TYPE q AS ENUM} earlier in the transaction {@code st} runs in. */
    static boolean enumCreatedInTransaction(AnalysisContext ctx, ParsedStatement st, QualifiedName q) {
        if (!ctx.inTransaction()) {
            return false;
        }
        Facts f = facts(ctx);
        int start = f.boundaryBefore(st.number());
        return any(f.createdEnums.get(q.qualified()), n -> n > start && n < st.number());
    }

    /**
     * The first statement after {@code st}, in the same transaction, that mentions the string literal
     * {@code 'label'} (also inside a DO body or a function string), or null; null when {@code st} runs in autocommit.
     */
    static ParsedStatement firstUseInTransaction(AnalysisContext ctx, ParsedStatement st, String label) {
        if (!ctx.inTransaction()) {
            return null;
        }
        Facts f = facts(ctx);
        int end = f.endAfter(st.number());
        Map<String, List<Integer>> literals = ctx.fileIndex(DestructiveRulesSupport.class.getName() + "/literals",
                all -> addedLabelUses(all, f));
        int n = firstAfter(literals.getOrDefault(label, List.of()), st.number());
        return n > 0 && n < end ? ctx.statements().get(f.position(n)) : null;
    }

    /**
     * For every label some {@code ADD VALUE} of the file adds: the statements mentioning it as a literal. Only the
     * statements {@link #firstUseInTransaction} can ask about are looked at: those after an {@code ADD VALUE} and
     * before the end of the transaction that follows it (the token pass over a whole large file is the costliest
     * part of this index).
     */
    private static Map<String, List<Integer>> addedLabelUses(List<ParsedStatement> all, Facts f) {
        Set<String> labels = new HashSet<>();
        java.util.BitSet wanted = new java.util.BitSet();
        for (int i = 0; i < all.size(); i++) {
            ParsedStatement s = all.get(i);
            if (s.has(Change.AddEnumValue.class)) {
                for (Change.AddEnumValue av : s.changes(Change.AddEnumValue.class)) {
                    labels.add(av.value());
                }
                // statement numbers after s and before the end of its transaction, as positions in the list
                int end = f.endAfter(s.number());
                for (int j = i + 1; j < all.size() && all.get(j).number() < end && !wanted.get(j); j++) {
                    if (all.get(j).number() > s.number()) {
                        wanted.set(j);
                    }
                }
            }
        }
        Map<String, List<Integer>> out = new HashMap<>();
        if (labels.isEmpty()) {
            return out;
        }
        for (int i = wanted.nextSetBit(0); i >= 0; i = wanted.nextSetBit(i + 1)) {
            ParsedStatement s = all.get(i);
            for (Token tok : s.tokens()) {
                if (tok.type() == Token.Type.STRING && labels.contains(tok.value())) {
                    Facts.put(out, tok.value(), s.number());
                } else if (tok.type() == Token.Type.DOLLAR_STRING && tok.value().indexOf('\'') >= 0) {
                    Matcher m = LITERAL.matcher(tok.value());
                    while (m.find()) {
                        String v = m.group(1).replace("''", "'");
                        if (labels.contains(v)) {
                            Facts.put(out, v, s.number());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The first number greater than {@code n} in an ascending list, or 0. */
    private static int firstAfter(List<Integer> ascending, int n) {
        int i = java.util.Collections.binarySearch(ascending, n + 1);
        int at = i >= 0 ? i : -i - 1;
        return at < ascending.size() ? ascending.get(at) : 0;
    }

    private static boolean any(List<Integer> numbers, java.util.function.IntPredicate p) {
        if (numbers != null) {
            for (int n : numbers) {
                if (p.test(n)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Facts facts(AnalysisContext ctx) {
        return ctx.fileIndex(DestructiveRulesSupport.class.getName(), Facts::new);
    }

    /** What every statement of the file creates, adds, validates, mentions, and where transactions begin and end. */
    private static final class Facts {
        final Map<String, List<Integer>> createdTables = new HashMap<>();
        final Map<String, List<Integer>> createdViews = new HashMap<>();
        final Map<String, List<Integer>> createdEnums = new HashMap<>();
        final Map<String, List<Integer>> createdSchemas = new HashMap<>();
        final Map<String, List<Integer>> addedColumns = new HashMap<>();
        final Map<String, List<Integer>> validatedChecks = new HashMap<>();
        /** Statement number -> position in the list, when the numbers are not simply 1, 2, 3, ...; else null. */
        private Map<Integer, Integer> positions;
        /** Statement numbers of BEGIN (starts) and of COMMIT / ROLLBACK / PREPARE (ends), ascending. */
        final List<Integer> begins = new ArrayList<>();
        final List<Integer> ends = new ArrayList<>();

        Facts(List<ParsedStatement> all) {
            Set<String> notValidChecks = new HashSet<>();
            for (int i = 0; i < all.size(); i++) {
                ParsedStatement s = all.get(i);
                int n = s.number();
                if (n != i + 1 && positions == null) {
                    positions = new HashMap<>();
                    for (int j = 0; j < i; j++) {
                        positions.put(all.get(j).number(), j);
                    }
                }
                if (positions != null) {
                    positions.put(n, i);
                }
                for (Change c : s.changes()) {
                    if (c instanceof Change.CreateTable ct) {
                        put(createdTables, ct.target().qualified(), n);
                    } else if (c instanceof Change.CreateView v && !v.materialized()) {
                        put(createdViews, v.target().qualified(), n);
                    } else if (c instanceof Change.CreateEnum ce) {
                        put(createdEnums, ce.target().qualified(), n);
                    } else if (c instanceof Change.AddColumn ac) {
                        put(addedColumns, ac.target().qualified() + "/" + ac.column().name(), n);
                    } else if (c instanceof Change.AddConstraint ac
                            && ac.constraint().kind() == ConstraintDef.Kind.CHECK
                            && ac.constraint().notNullCheckColumn() == null) {
                        if (!ac.constraint().notValid()) {
                            put(validatedChecks, ac.target().qualified(), n);
                        } else if (ac.constraint().name() != null) {
                            notValidChecks.add(ac.target().qualified() + "/" + ac.constraint().name());
                        }
                    } else if (c instanceof Change.ValidateConstraint vc
                            && notValidChecks.contains(vc.target().qualified() + "/" + vc.name())) {
                        put(validatedChecks, vc.target().qualified(), n);
                    } else if (c instanceof Change.Transaction tx) {
                        switch (tx.kind()) {
                            case BEGIN -> begins.add(n);
                            case COMMIT, ROLLBACK, PREPARE -> ends.add(n);
                            default -> {
                            }
                        }
                    }
                }
                indexTokens(s, n);
            }
        }

        private void indexTokens(ParsedStatement s, int n) {
            List<Token> t = s.tokens();
            if (t.size() >= 3 && t.get(0).isWord("create") && t.get(1).isWord("schema")) {
                int i = t.size() > 5 && t.get(2).isWord("if") && t.get(3).isWord("not") ? 5 : 2;
                if (t.get(i).isIdentifier()) {
                    put(createdSchemas, t.get(i).value(), n);
                }
            }
        }

        static void put(Map<String, List<Integer>> m, String key, int n) {
            List<Integer> l = m.computeIfAbsent(key, k -> new ArrayList<>());
            if (l.isEmpty() || l.get(l.size() - 1) != n) {
                l.add(n);
            }
        }

        /** The position of statement {@code n} in the file's list. */
        int position(int n) {
            return positions == null ? n - 1 : positions.get(n);
        }

        /** The last BEGIN or transaction end before statement {@code n}, or 0. */
        int boundaryBefore(int n) {
            return Math.max(lastBefore(begins, n), lastBefore(ends, n));
        }

        /** The first transaction end after statement {@code n}, or {@code Integer.MAX_VALUE}. */
        int endAfter(int n) {
            int e = firstAfter(ends, n);
            return e > 0 ? e : Integer.MAX_VALUE;
        }

        private static int lastBefore(List<Integer> ascending, int n) {
            int i = java.util.Collections.binarySearch(ascending, n);
            int at = (i >= 0 ? i : -i - 1) - 1;
            return at >= 0 ? ascending.get(at) : 0;
        }
    }
}
