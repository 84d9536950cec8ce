package io.schemapilot.plan;

import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** SQL text helpers for recipes: quoting, names PostgreSQL would choose, token-level rewrites. */
public final class Sql {
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "authorization", "between", "binary", "both", "case", "cast", "check", "collate", "collation",
            "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user", "similar",
            "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    private Sql() {
    }

    /** An identifier as SQL, quoted when it must be. */
    public static String ident(String name) {
        if (name.matches("[a-z_][a-z0-9_$]*") && !RESERVED.contains(name)) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A (possibly qualified) name as SQL, as the migration wrote it. */
    public static String name(QualifiedName q) {
        return q.schema() == null ? ident(q.name()) : ident(q.schema()) + "." + ident(q.name());
    }

    /** A name in {@code schema} (null: unqualified). */
    public static String name(String schema, String name) {
        return schema == null ? ident(name) : ident(schema) + "." + ident(name);
    }

    /** A string literal. */
    public static String lit(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code to_regclass('name')}: NULL when the relation does not exist (never an error). */
    public static String regclass(QualifiedName q) {
        return "to_regclass(" + lit(name(q)) + ")";
    }

    /** The value of {@code lock_timeout} for {@code SET}: "2s" or "1500ms". */
    public static String duration(long ms) {
        return ms % 1000 == 0 ? (ms / 1000) + "s" : ms + "ms";
    }

    /** A name of at most 63 bytes: long bases are cut so that {@code suffix} survives. */
    public static String limit(String base, String suffix) {
        int max = 63 - suffix.length();
        return (base.length() > max ? base.substring(0, max) : base) + suffix;
    }

    /** PostgreSQL's way of naming an unnamed constraint or index: {@code table_col1_col2_suffix} (63 bytes). */
    public static String defaultName(String table, List<String> columns, String suffix) {
        StringBuilder sb = new StringBuilder();
        sb.append(table);
        for (String c : columns) {
            sb.append('_').append(c);
        }
        // PostgreSQL cuts table and column parts alike; cutting the end is close enough for names we then use
        String base = sb.toString();
        return limit(base, "_" + suffix);
    }

    /** The tokens of {@code sql}, or an empty list when it cannot be lexed. */
    public static List<Token> tokens(String sql) {
        try {
            return Lexer.tokens(sql);
        } catch (SqlSyntaxException e) {
            return List.of();
        }
    }

    /**
     * Replaces every reference to column {@code column} in the expression {@code expr} by {@code replacement}
     * (identifiers not followed by "(" and not preceded by "."; a qualified {@code x.column} loses its qualifier).
     */
    public static String replaceColumn(String expr, String column, String replacement) {
        List<Token> toks = tokens(expr);
        if (toks.isEmpty()) {
            return expr;
        }
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (!t.isIdentifier() || !t.value().equals(column)) {
                continue;
            }
            boolean call = i + 1 < toks.size() && toks.get(i + 1).isPunct('(');
            boolean cast = i > 0 && toks.get(i - 1).isOperator("::");
            if (call || cast) {
                continue;
            }
            int start = t.offset();
            if (i >= 2 && toks.get(i - 1).isPunct('.') && toks.get(i - 2).isIdentifier()) {
                start = toks.get(i - 2).offset();
            }
            if (start < pos) {
                continue;
            }
            sb.append(expr, pos, start).append(replacement);
            pos = t.endOffset();
        }
        sb.append(expr.substring(pos));
        return sb.toString();
    }

    /** Whether the text has {@code word} as a keyword/identifier token (case-insensitive). */
    public static boolean hasWord(String sql, String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (Token t : tokens(sql)) {
            if (t.isWord(w)) {
                return true;
            }
        }
        return false;
    }

    /** Splits text on top-level occurrences of {@code ,} (outside parentheses), trimmed. */
    public static List<String> splitTopLevel(String text) {
        List<Token> toks = tokens(text);
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (Token t : toks) {
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (t.isPunct(',') && depth == 0) {
                out.add(text.substring(start, t.offset()).strip());
                start = t.endOffset();
            }
        }
        String last = text.substring(start).strip();
        if (!last.isEmpty()) {
            out.add(last);
        }
        return out;
    }

    /** Indents every line of {@code sql} by {@code n} spaces. */
    public static String indent(String sql, int n) {
        String pad = " ".repeat(n);
        StringBuilder sb = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(line.isEmpty() ? line : pad + line);
        }
        return sb.toString();
    }

    /** Ensures a trailing semicolon. */
    public static String stmt(String sql) {
        String s = sql.strip();
        return s.endsWith(";") ? s : s + ";";
    }
}
