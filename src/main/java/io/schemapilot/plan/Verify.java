package io.schemapilot.plan;

import io.schemapilot.sql.QualifiedName;

/** Verification queries: each returns one row naming the problem when the step did not do its job, else none. */
public final class Verify {
    private Verify() {
    }

    private static String problem(String message, String condition) {
        return "SELECT " + Sql.lit(message) + " AS problem WHERE " + condition + ";";
    }

    private static String column(QualifiedName t, String c, String extra) {
        return "SELECT 1 FROM pg_attribute WHERE attrelid = " + Sql.regclass(t) + " AND attname = " + Sql.lit(c)
                + " AND NOT attisdropped" + extra;
    }

    public static String columnExists(QualifiedName t, String c) {
        return problem("column " + t + "." + c + " is missing", "NOT EXISTS (" + column(t, c, "") + ")");
    }

    public static String columnAbsent(QualifiedName t, String c) {
        return problem("column " + t + "." + c + " still exists", "EXISTS (" + column(t, c, "") + ")");
    }

    public static String columnNotNull(QualifiedName t, String c) {
        return problem("column " + t + "." + c + " is not NOT NULL", "NOT EXISTS (" + column(t, c, " AND attnotnull")
                + ")");
    }

    public static String columnHasDefault(QualifiedName t, String c) {
        return problem("column " + t + "." + c + " has no default", "NOT EXISTS (" + column(t, c, " AND atthasdef")
                + ")");
    }

    public static String columnType(QualifiedName t, String c, String type) {
        return problem("column " + t + "." + c + " is not of type " + type, "NOT EXISTS (SELECT 1 FROM pg_attribute "
                + "WHERE attrelid = " + Sql.regclass(t) + " AND attname = " + Sql.lit(c) + " AND NOT attisdropped AND "
                + "atttypid = " + Sql.lit(type) + "::regtype)");
    }

    /** The rows (by key) where {@code condition} holds, at most 5: a backfill left them behind. */
    public static String noRows(QualifiedName t, String key, String condition) {
        return "SELECT " + Sql.ident(key) + " FROM " + Sql.name(t) + " WHERE " + condition + " LIMIT 5;";
    }

    private static String constraint(QualifiedName t, String name, String extra) {
        return "SELECT 1 FROM pg_constraint WHERE conrelid = " + Sql.regclass(t) + " AND conname = " + Sql.lit(name)
                + extra;
    }

    public static String constraintExists(QualifiedName t, String name) {
        return problem("constraint " + name + " on " + t + " is missing", "NOT EXISTS (" + constraint(t, name, "")
                + ")");
    }

    public static String constraintValidated(QualifiedName t, String name) {
        return problem("constraint " + name + " on " + t + " is missing or NOT VALID",
                "NOT EXISTS (" + constraint(t, name, " AND convalidated") + ")");
    }

    public static String constraintAbsent(QualifiedName t, String name) {
        return problem("constraint " + name + " on " + t + " still exists", "EXISTS (" + constraint(t, name, "") + ")");
    }

    public static String indexValid(QualifiedName index) {
        return problem("index " + index + " is missing or INVALID", "NOT EXISTS (SELECT 1 FROM pg_index WHERE "
                + "indexrelid = " + Sql.regclass(index) + " AND indisvalid)");
    }

    public static String indexAbsent(QualifiedName index) {
        return problem("index " + index + " still exists", Sql.regclass(index) + " IS NOT NULL");
    }

    public static String relationExists(QualifiedName rel, String kind) {
        return problem(kind + " " + rel + " is missing", Sql.regclass(rel) + " IS NULL");
    }

    public static String relationAbsent(QualifiedName rel, String kind) {
        return problem(kind + " " + rel + " still exists", Sql.regclass(rel) + " IS NOT NULL");
    }

    public static String triggerExists(QualifiedName t, String name) {
        return problem("trigger " + name + " on " + t + " is missing", "NOT EXISTS (SELECT 1 FROM pg_trigger WHERE "
                + "tgrelid = " + Sql.regclass(t) + " AND tgname = " + Sql.lit(name) + ")");
    }

    public static String triggerAbsent(QualifiedName t, String name) {
        return problem("trigger " + name + " on " + t + " still exists", "EXISTS (SELECT 1 FROM pg_trigger WHERE "
                + "tgrelid = " + Sql.regclass(t) + " AND tgname = " + Sql.lit(name) + ")");
    }

    public static String enumHasLabel(QualifiedName type, String label) {
        return problem("enum " + type + " has no label " + label, "NOT EXISTS (SELECT 1 FROM pg_enum WHERE enumtypid = "
                + "to_regtype(" + Sql.lit(Sql.name(type)) + ") AND enumlabel = " + Sql.lit(label) + ")");
    }

    /** The snapshot holds as many rows as the table (rows written since may differ: run it right before). */
    public static String snapshotComplete(QualifiedName table, QualifiedName backup) {
        return problem("snapshot " + backup + " is missing or has fewer rows than " + table, Sql.regclass(backup)
                + " IS NULL OR (SELECT count(*) FROM " + Sql.name(backup) + ") < (SELECT count(*) FROM "
                + Sql.name(table) + ")");
    }

    /** Several checks in one query (a row per failing check). */
    public static String all(String... queries) {
        if (queries.length == 1) {
            return queries[0];
        }
        StringBuilder sb = new StringBuilder();
        for (String q : queries) {
            if (sb.length() > 0) {
                sb.append("\nUNION ALL\n");
            }
            String s = q.strip();
            sb.append('(').append(s.endsWith(";") ? s.substring(0, s.length() - 1) : s).append(')');
        }
        return sb.append(';').toString();
    }
}
