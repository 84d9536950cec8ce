package io.schemapilot.plan;

/** SQL for the backup schema the plan keeps snapshots in. */
public final class Backups {
    private Backups() {
    }

    public static String createSchema(PlanOptions o) {
        return "CREATE SCHEMA IF NOT EXISTS " + Sql.ident(o.backupSchema()) + ";";
    }

    /** Drops the backup schema when nothing is left in it (never its contents). */
    public static String dropSchemaIfEmpty(PlanOptions o) {
        String s = Sql.lit(o.backupSchema());
        return "DO $sp$\nBEGIN\n"
                + "  IF to_regnamespace(" + s + ") IS NOT NULL AND NOT EXISTS (SELECT 1 FROM pg_class WHERE "
                + "relnamespace = to_regnamespace(" + s + ")) AND NOT EXISTS (SELECT 1 FROM pg_type WHERE "
                + "typnamespace = to_regnamespace(" + s + ") AND typtype <> 'c') THEN\n"
                + "    EXECUTE format('DROP SCHEMA %I', " + s + ");\n"
                + "  END IF;\nEND\n$sp$;";
    }
}
