package io.schemapilot.sql;

import java.util.List;

/**
 * A column definition in {@code CREATE TABLE} or {@code ADD COLUMN}.
 *
 * @param defaultExpr  the DEFAULT expression's source text, or null
 * @param generated    NONE, STORED, VIRTUAL (PG 18) or IDENTITY
 * @param constraints  inline constraints other than NOT NULL / NULL / DEFAULT (CHECK, UNIQUE, PRIMARY KEY,
 *                     REFERENCES), with the column as their only column
 */
public record ColumnDef(String name, TypeName type, boolean notNull, String defaultExpr, Generated generated,
                        List<ConstraintDef> constraints) {

    public enum Generated { NONE, STORED, VIRTUAL, IDENTITY }

    public boolean hasDefault() {
        return defaultExpr != null;
    }

    public boolean has(ConstraintDef.Kind kind) {
        for (int i = 0, n = constraints.size(); i < n; i++) {
            if (constraints.get(i).kind() == kind) {
                return true;
            }
        }
        return false;
    }

    public boolean isPrimaryKey() {
        return has(ConstraintDef.Kind.PRIMARY_KEY);
    }
}
