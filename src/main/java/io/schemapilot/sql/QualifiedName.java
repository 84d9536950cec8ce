package io.schemapilot.sql;

/**
 * A possibly schema-qualified name. Unquoted parts are lower-cased by the parser, quoted parts are kept as written,
 * as PostgreSQL does. {@code schema} is null when the SQL did not say.
 */
public record QualifiedName(String schema, String name) {

    public static QualifiedName of(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? new QualifiedName(null, name) : new QualifiedName(name.substring(0, dot), name.substring(dot + 1));
    }

    /** The schema, or {@code defaultSchema} when none was written. */
    public String schemaOr(String defaultSchema) {
        return schema == null ? defaultSchema : schema;
    }

    /** "public.orders" (assuming {@code public} when no schema was written). */
    public String qualified() {
        return schemaOr("public") + "." + name;
    }

    /** Same object, taking an unwritten schema to be {@code public}. */
    public boolean sameAs(QualifiedName other) {
        return other != null && name.equals(other.name) && schemaOr("public").equals(other.schemaOr("public"));
    }

    public QualifiedName withDefaultSchema(String defaultSchema) {
        return schema == null ? new QualifiedName(defaultSchema, name) : this;
    }

    @Override
    public String toString() {
        return schema == null ? name : schema + "." + name;
    }
}
