package io.schemapilot.project;

import java.util.Locale;

/** What a schema- or migration-related file is. */
public enum FileKind {
    /** a migration written in SQL (Flyway {@code V2__x.sql}, Prisma {@code migration.sql}, {@code 0003_x.sql}, ...) */
    MIGRATION_SQL,
    /** a whole schema in SQL ({@code schema.sql}, Rails {@code structure.sql}, Supabase declarative schemas) */
    SCHEMA_SQL,
    /** an ORM's schema source: {@code schema.prisma}, {@code instant.schema.ts}, {@code *.entity.ts}, {@code models.py}, ... */
    ORM_SCHEMA,
    /**
     * any other schema or migration file: migrations in a tool's own language (Alembic / Django {@code .py}, Knex
     * {@code .js}, Rails {@code .rb}, Liquibase XML), down / revert / verify scripts, or SQL that is neither a
     * migration nor a schema by its name and place
     */
    OTHER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
