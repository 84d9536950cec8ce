package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.PgVersion;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SQL text helpers and the safe recipes (NOT VALID + VALIDATE, the CHECK-then-SET NOT NULL recipe, batched
 * backfill, concurrent unique index + USING INDEX, duplicate pre-check) offered as fixes by the column and
 * constraint rules.
 */
final class ColumnConstraintRecipes {
    static final String LATER_TRANSACTION = "-- commit, then in a separate transaction (SHARE UPDATE EXCLUSIVE: "
            + "reads and writes go on):";
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create", "current_date",
            "current_role", "current_time", "current_timestamp", "current_user", "default", "deferrable", "desc",
            "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign", "from", "grant", "group",
            "having", "in", "initially", "intersect", "into", "lateral", "leading", "limit", "localtime",
            "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing", "primary", "references",
            "returning", "select", "session_user", "some", "symmetric", "table", "then", "to", "trailing", "true",
            "union", "unique", "user", "using", "variadic", "when", "where", "window", "with");
    /** Words that end an inline column constraint (the start of the next one). */
    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of("null", "default", "check", "unique", "primary",
            "references", "constraint", "generated", "collate");

    private ColumnConstraintRecipes() {
    }

    /** An identifier as SQL, quoted when it must be. */
    static String ident(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A (possibly qualified) name as SQL, as the migration wrote it. */
    static String sql(QualifiedName q) {
        return q.schema() == null ? ident(q.name()) : ident(q.schema()) + "." + ident(q.name());
    }

    /** PostgreSQL's way of naming an unnamed constraint: {@code table_col_suffix}, at most 63 bytes. */
    static String constraintName(QualifiedName table, List<String> columns, String suffix) {
        StringBuilder sb = new StringBuilder(table.name());
        for (String c : columns) {
            sb.append('_').append(c.replaceAll("[^A-Za-z0-9_]", ""));
        }
        String base = sb.toString();
        int max = 63 - suffix.length() - 1;
        return (base.length() > max ? base.substring(0, max) : base) + "_" + suffix;
    }

    /**
     * The source text of the {@code ALTER TABLE} action that produced {@code change} (e.g. {@code ADD COLUMN a int
     * REFERENCES b}), or null when the statement is not a plain ALTER TABLE whose actions line up with its changes.
     */
    static String actionText(ParsedStatement st, Change change) {
        List<Token> t = st.tokens();
        if (t.size() < 4 || !t.get(0).isWord("alter") || !t.get(1).isWord("table")) {
            return null;
        }
        int i = 2;
        if (t.get(i).isWord("if") && t.get(i + 1).isWord("exists")) {
            i += 2;
        }
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        i++;
        while (i + 1 < t.size() && t.get(i).isPunct('.')) {
            i += 2;
        }
        if (i < t.size() && t.get(i).isOperator("*")) {
            i++;
        }
        List<int[]> actions = new ArrayList<>();
        int depth = 0;
        int start = i;
        for (int j = i; j < t.size(); j++) {
            Token k = t.get(j);
            if (k.isPunct('(') || k.isPunct('[')) {
                depth++;
            } else if (k.isPunct(')') || k.isPunct(']')) {
                depth--;
            } else if (depth == 0 && (k.isPunct(',') || k.isPunct(';'))) {
                actions.add(new int[] {start, j});
                start = j + 1;
            }
        }
        if (start < t.size()) {
            actions.add(new int[] {start, t.size()});
        }
        actions.removeIf(a -> a[1] <= a[0]);
        int index = st.changes().indexOf(change);
        if (index < 0 || actions.size() != st.changes().size()) {
            return null;
        }
        int[] a = actions.get(index);
        int base = st.source().startOffset();
        return st.source().text().substring(t.get(a[0]).offset() - base, t.get(a[1] - 1).endOffset() - base);
    }

    /**
     * Splits an {@code ADD COLUMN} action's text into the action without the first inline constraint starting with
     * {@code keyword} (with its {@code CONSTRAINT name}) and that constraint's text from {@code keyword} on; null
     * when it is not found.
     */
    static String[] splitColumnConstraint(String action, String keyword) {
        List<Token> t = Lexer.tokens(action);
        int depth = 0;
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isPunct('(')) {
                depth++;
            } else if (k.isPunct(')')) {
                depth--;
            } else if (depth == 0 && k.isWord(keyword) && i > 2) {
                int from = i >= 2 && t.get(i - 2).isWord("constraint") ? i - 2 : i;
                int end = t.size();
                int d = 0;
                for (int j = i + 1; j < t.size(); j++) {
                    Token n = t.get(j);
                    if (n.isPunct('(')) {
                        d++;
                    } else if (n.isPunct(')')) {
                        d--;
                    } else if (d == 0 && n.isWord() && !t.get(j - 1).isWord("set") // ON DELETE SET NULL
                            && (COLUMN_CONSTRAINT_START.contains(n.value())
                            || n.isWord("not") && j + 1 < t.size() && t.get(j + 1).isWord("null"))) {
                        end = j;
                        break;
                    }
                }
                String before = action.substring(0, t.get(from).offset()).stripTrailing();
                String after = end < t.size() ? " " + action.substring(t.get(end).offset()) : "";
                String clause = action.substring(k.offset(), t.get(end - 1).endOffset());
                return new String[] {before + after, clause};
            }
        }
        return null;
    }

    /** {@code ADD COLUMN name type [DEFAULT x]} for a column, without NOT NULL or inline constraints. */
    static String plainColumn(ColumnDef col, boolean withDefault) {
        return ident(col.name()) + " " + col.type().written().strip()
                + (withDefault && col.hasDefault() ? " DEFAULT " + col.defaultExpr() : "");
    }

    /** ADD ... NOT VALID, then VALIDATE in a later transaction. {@code addClause} is e.g. {@code CHECK (a > 0)}. */
    static String notValidThenValidate(QualifiedName table, String name, String addClause) {
        String t = sql(table);
        return "ALTER TABLE " + t + " ADD CONSTRAINT " + ident(name) + " " + addClause + " NOT VALID;\n"
                + LATER_TRANSACTION + "\n"
                + "ALTER TABLE " + t + " VALIDATE CONSTRAINT " + ident(name) + ";";
    }

    /**
     * Makes {@code column} NOT NULL without a long lock: PG 18 adds the NOT NULL constraint NOT VALID and validates
     * it; PG 12-17 use a validated CHECK, then SET NOT NULL (no scan) and drop the CHECK; before 12 the CHECK stays.
     */
    static String notNullRecipe(QualifiedName table, String column, PgVersion v) {
        String t = sql(table);
        String name = constraintName(table, List.of(column), "not_null");
        if (v.atLeast(18)) {
            return notValidThenValidate(table, name, "NOT NULL " + ident(column));
        }
        String check = notValidThenValidate(table, name, "CHECK (" + ident(column) + " IS NOT NULL)");
        if (!v.atLeast(12)) {
            return check + "\n-- before PostgreSQL 12, SET NOT NULL would scan anyway: keep the CHECK instead";
        }
        return check + "\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + ident(column) + " SET NOT NULL;\n"
                + "ALTER TABLE " + t + " DROP CONSTRAINT " + ident(name) + ";";
    }

    /** One batch of a keyed backfill, to repeat (each in its own transaction) until it updates no rows. */
    static String backfill(QualifiedName table, String column, String value) {
        String t = sql(table);
        String c = ident(column);
        return "-- backfill in batches, one transaction each; repeat until it updates 0 rows:\n"
                + "UPDATE " + t + " SET " + c + " = " + value + " WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t
                + " WHERE " + c + " IS NULL LIMIT 10000));";
    }

    /**
     * The safe form of adding a column whose default must be computed per row: add it bare, default new rows,
     * backfill old ones in batches, then (for a NOT NULL column) the NOT NULL recipe.
     */
    static String addThenBackfill(QualifiedName table, ColumnDef col, String value, PgVersion v) {
        String t = sql(table);
        StringBuilder sb = new StringBuilder()
                .append("ALTER TABLE ").append(t).append(" ADD COLUMN ").append(plainColumn(col, false)).append(";\n")
                .append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(ident(col.name()))
                .append(" SET DEFAULT ").append(value).append(";\n")
                .append(backfill(table, col.name(), value));
        if (col.notNull() || col.isPrimaryKey()) {
            sb.append('\n').append(notNullRecipe(table, col.name(), v));
        }
        if (!col.constraints().isEmpty()) {
            sb.append("\n-- then add the column's constraints as separate, non-blocking steps");
        }
        return sb.toString();
    }

    /** {@code CREATE UNIQUE INDEX CONCURRENTLY} + {@code ADD CONSTRAINT ... UNIQUE|PRIMARY KEY USING INDEX}. */
    static String concurrentIndexThenConstraint(QualifiedName table, String name, List<String> columns, String kind) {
        List<String> cols = columns.stream().map(ColumnConstraintRecipes::ident).toList();
        return "-- outside a transaction:\n"
                + "CREATE UNIQUE INDEX CONCURRENTLY " + ident(name) + " ON " + sql(table) + " ("
                + String.join(", ", cols) + ");\n"
                + "ALTER TABLE " + sql(table) + " ADD CONSTRAINT " + ident(name) + " " + kind + " USING INDEX "
                + ident(name) + ";";
    }

    /**
     * The pre-check for a unique key: groups of rows that would collide. Rows with a NULL key column never collide
     * (unless NULLS NOT DISTINCT), so they are left out.
     */
    static String duplicatesQuery(QualifiedName table, List<String> keys, String where) {
        List<String> k = keys.stream().map(ColumnConstraintRecipes::keyExpression).toList();
        List<String> conditions = new ArrayList<>();
        if (where != null && !where.isBlank()) {
            conditions.add("(" + where.strip() + ")");
        }
        k.forEach(e -> conditions.add(e + " IS NOT NULL"));
        String keyList = String.join(", ", k);
        return "SELECT " + keyList + ", count(*) FROM " + sql(table)
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " GROUP BY " + keyList + " HAVING count(*) > 1 LIMIT 100;";
    }

    /** An index element without ASC/DESC, NULLS FIRST/LAST, COLLATE or an operator class. */
    static String keyExpression(String element) {
        List<Token> t = new ArrayList<>(Lexer.tokens(element));
        if (t.isEmpty()) {
            return element;
        }
        boolean changed = true;
        while (changed && t.size() > 1) {
            changed = false;
            Token last = t.get(t.size() - 1);
            Token prev = t.get(t.size() - 2);
            if (prev.isWord("nulls") && (last.isWord("first") || last.isWord("last"))) {
                t.remove(t.size() - 1);
                t.remove(t.size() - 1);
                changed = true;
            } else if (last.isWord("asc") || last.isWord("desc")) {
                t.remove(t.size() - 1);
                changed = true;
            } else if (prev.isWord("collate")) {
                t.remove(t.size() - 1);
                t.remove(t.size() - 1);
                changed = true;
            } else if (last.isIdentifier() && (prev.isIdentifier() || prev.isPunct(')'))) {
                t.remove(t.size() - 1); // operator class
                changed = true;
            }
        }
        if (t.size() == 1 && t.get(0).isIdentifier()) {
            return ident(t.get(0).value());
        }
        return element.substring(t.get(0).offset(), t.get(t.size() - 1).endOffset());
    }
}
