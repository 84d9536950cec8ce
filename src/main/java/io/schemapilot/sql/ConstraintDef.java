package io.schemapilot.sql;

import java.util.List;

/**
 * A table constraint (or an inline column constraint turned into one).
 *
 * @param name        the constraint name, or null when PostgreSQL will choose one
 * @param columns     the constrained columns (for EXCLUDE: the element texts)
 * @param expression  CHECK: the condition's source text; EXCLUDE: the element list as written
 * @param refTable    FOREIGN KEY: the referenced table
 * @param usingIndex  UNIQUE / PRIMARY KEY ... USING INDEX name, or null
 * @param notValid    written with NOT VALID
 */
public record ConstraintDef(String name, Kind kind, List<String> columns, String expression, QualifiedName refTable,
                            List<String> refColumns, String usingIndex, boolean notValid) {

    public enum Kind {
        CHECK, FOREIGN_KEY, UNIQUE, PRIMARY_KEY, EXCLUDE, NOT_NULL;

        public String sql() {
            return switch (this) {
                case CHECK -> "CHECK";
                case FOREIGN_KEY -> "FOREIGN KEY";
                case UNIQUE -> "UNIQUE";
                case PRIMARY_KEY -> "PRIMARY KEY";
                case EXCLUDE -> "EXCLUDE";
                case NOT_NULL -> "NOT NULL";
            };
        }
    }

    /**
     * For a CHECK of the form {@code col IS NOT NULL}: the column, else null. Read by hand (it is asked for every
     * CHECK of a file, by several rules): the column is {@code "quoted"} (kept as written) or an identifier
     * {@code [a-z_][a-z0-9_$]*} in any case (lower-cased), then {@code IS NOT NULL} in any case, separated by white
     * space; the whole expression, within any number of enclosing parentheses.
     */
    public String notNullCheckColumn() {
        if (kind != Kind.CHECK || expression == null) {
            return null;
        }
        String e = expression.strip();
        while (e.startsWith("(") && e.endsWith(")")) {
            e = e.substring(1, e.length() - 1).strip();
        }
        int n = e.length();
        int i;
        String column;
        if (n > 0 && e.charAt(0) == '"') {
            int close = e.indexOf('"', 1);
            if (close <= 1) {
                return null;
            }
            column = e.substring(1, close);
            i = close + 1;
        } else {
            i = 0;
            if (i < n && (asciiLetter(e.charAt(i)) || e.charAt(i) == '_')) {
                i++;
                while (i < n && (asciiLetter(e.charAt(i)) || asciiDigit(e.charAt(i)) || e.charAt(i) == '_'
                        || e.charAt(i) == '$')) {
                    i++;
                }
            }
            if (i == 0) {
                return null;
            }
            column = e.substring(0, i).toLowerCase(java.util.Locale.ROOT);
        }
        for (String word : NOT_NULL_WORDS) {
            int spaces = i;
            while (i < n && regexSpace(e.charAt(i))) {
                i++;
            }
            if (i == spaces || !e.regionMatches(true, i, word, 0, word.length())
                    || !asciiWord(e, i, word.length())) {
                return null;
            }
            i += word.length();
        }
        return i == n ? column : null;
    }

    private static final String[] NOT_NULL_WORDS = {"is", "not", "null"};

    private static boolean asciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean asciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** {@code \s} of java.util.regex: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean regexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /** The {@code len} characters at {@code at} are ASCII letters (regionMatches ignoring case also folds others). */
    private static boolean asciiWord(String s, int at, int len) {
        for (int k = at; k < at + len; k++) {
            if (!asciiLetter(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }
}
