package io.schemapilot.project;

/**
 * What to run, per tool, to get SQL that schemapilot can plan: from an ORM schema change to a migration file, and
 * from a migration in the tool's own language to its SQL.
 */
public final class MigrationCommands {

    private MigrationCommands() {
    }

    /**
     * The command that turns a changed ORM schema into a migration, or null when the tool has none.
     *
     * @param toolId a tool id of {@link ProjectDetector} ({@code prisma}, {@code drizzle}, ...)
     */
    public static String generateCommand(String toolId) {
        if (toolId == null) {
            return null;
        }
        return switch (toolId) {
            case "prisma" -> "npx prisma migrate dev --create-only --name <change>"
                    + " (writes prisma/migrations/<timestamp>_<change>/migration.sql without applying it)";
            case "drizzle" -> "npx drizzle-kit generate (writes the SQL migration into the drizzle out folder)";
            case "typeorm" -> "npx typeorm migration:generate <path>/<Change> -d <data-source>";
            case "mikro-orm" -> "npx mikro-orm migration:create";
            case "django" -> "python manage.py makemigrations, then python manage.py sqlmigrate <app> <number> > change.sql";
            case "sqlalchemy", "alembic" -> "alembic revision --autogenerate -m <change>, then"
                    + " alembic upgrade <previous>:<new> --sql > change.sql";
            case "rails" -> "bin/rails generate migration <Change>, and keep the schema as SQL"
                    + " (config.active_record.schema_format = :sql) so db/structure.sql changes with it";
            case "sequelize" -> "npx sequelize-cli migration:generate --name <change>, with the change as SQL in"
                    + " queryInterface.sequelize.query(...) copied into change.sql";
            case "knex" -> "npx knex migrate:make <change>, with the change as SQL in knex.raw(...) copied into change.sql";
            case "instantdb" -> "schemapilot instant plan (InstantDB schemas are not SQL; review, then"
                    + " npx instant-cli push schema)";
            case "supabase" -> "supabase db diff -f <change> (writes supabase/migrations/<timestamp>_<change>.sql)";
            case "liquibase" -> "liquibase update-sql > change.sql";
            default -> null;
        };
    }

    /**
     * The command that prints the SQL of migrations written in the tool's own language, or null when there is none.
     */
    public static String sqlExportCommand(String toolId) {
        if (toolId == null) {
            return null;
        }
        return switch (toolId) {
            case "alembic", "sqlalchemy" -> "alembic upgrade <previous>:<new> --sql > change.sql";
            case "django" -> "python manage.py sqlmigrate <app> <number> > change.sql";
            case "liquibase" -> "liquibase update-sql > change.sql";
            case "knex" -> "copy the SQL of its knex.raw(...) / schema builder calls into change.sql"
                    + " (npx knex migrate:up --debug prints the SQL it runs)";
            case "typeorm", "mikro-orm", "sequelize" -> "copy the SQL of its up() queries into change.sql";
            case "rails" -> "bin/rails db:migrate against a scratch database with"
                    + " config.active_record.schema_format = :sql, and plan the db/structure.sql change";
            default -> null;
        };
    }
}
