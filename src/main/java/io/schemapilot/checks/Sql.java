package io.schemapilot.checks;

import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.Token;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Safe SQL text for the checks' queries. Names come from the user's SQL and are always quoted here; the only user
 * text used as SQL is expressions from the migration itself (CHECK conditions, partial-index predicates, USING and
 * DELETE ... WHERE), and only after {@link #expression} has proved they stay inside their parentheses.
 */
final class Sql {

    private Sql() {
    }

    /** {@code "name"} with embedded quotes doubled. */
    static String ident(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a name with a NUL character cannot be queried");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code "schema"."table"}, or {@code "table"} (resolved along search_path) when the schema is unknown. */
    static String table(QualifiedName q) {
        return q.schema() == null ? ident(q.name()) : ident(q.schema()) + "." + ident(q.name());
    }

    /** A string literal that reads the same whatever {@code standard_conforming_strings} says. */
    static String literal(String s) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a string with a NUL character cannot be queried");
        }
        String q = s.replace("'", "''");
        return s.indexOf('\\') >= 0 ? "E'" + q.replace("\\", "\\\\") + "'" : "'" + q + "'";
    }

    static String literals(List<String> values) {
        return values.stream().map(Sql::literal).collect(Collectors.joining(", "));
    }

    /**
     * A user expression from the migration, rebuilt from its tokens (so comments and line breaks are gone), or null
     * when it is not a single self-contained expression: it must lex, have balanced parentheses that never close
     * more than they opened, and contain no {@code ;} and no psql meta-command.
     */
    static String expression(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        List<Token> tokens;
        try {
            tokens = Lexer.tokens(text);
        } catch (SqlSyntaxException e) {
            return null;
        }
        return expression(tokens);
    }

    /** As {@link #expression(String)}, from tokens already read. */
    static String expression(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        int depth = 0;
        StringBuilder sb = new StringBuilder();
        Token prev = null;
        for (Token t : tokens) {
            if (t.type() == Token.Type.META || t.isPunct(';') || t.text().indexOf('\0') >= 0) {
                return null;
            }
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
                if (depth < 0) {
                    return null;
                }
            }
            if (prev != null && space(prev, t)) {
                sb.append(' ');
            }
            sb.append(t.text());
            prev = t;
        }
        return depth == 0 ? sb.toString() : null;
    }

    private static final java.util.Set<String> KEYWORDS = java.util.Set.of("and", "or", "not", "in", "is", "exists",
            "any", "all", "some", "when", "then", "else", "case", "between", "like", "ilike", "similar", "as", "on",
            "where", "using", "select", "from", "array", "values", "distinct", "filter", "over");

    /** Whether a space goes between two tokens of a rebuilt expression (always safe, just tidier without). */
    private static boolean space(Token prev, Token t) {
        if (prev.isPunct('(') || prev.isPunct('[') || prev.isPunct('.') || prev.isOperator("::")) {
            return false;
        }
        if (t.isPunct(')') || t.isPunct(']') || t.isPunct(',') || t.isPunct('.') || t.isOperator("::")
                || t.isPunct('[')) {
            return false;
        }
        if (t.isPunct('(')) {
            return !(prev.type() == Token.Type.QUOTED_IDENT
                    || prev.isWord() && !KEYWORDS.contains(prev.value()));
        }
        return true;
    }
}
