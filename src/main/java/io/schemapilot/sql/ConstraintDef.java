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

    private static final java.util.regex.Pattern IS_NOT_NULL = java.util.regex.Pattern
            .compile("(?i)^(\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\s+is\\s+not\\s+null$");

    /** For a CHECK of the form {@code col IS NOT NULL}: the column, else null. */
    public String notNullCheckColumn() {
        if (kind != Kind.CHECK || expression == null) {
            return null;
        }
        String e = expression.strip();
        while (e.startsWith("(") && e.endsWith(")")) {
            e = e.substring(1, e.length() - 1).strip();
        }
        java.util.regex.Matcher m = IS_NOT_NULL.matcher(e);
        if (!m.matches()) {
            return null;
        }
        String c = m.group(1);
        return c.startsWith("\"") ? c.substring(1, c.length() - 1) : c.toLowerCase(java.util.Locale.ROOT);
    }
}
