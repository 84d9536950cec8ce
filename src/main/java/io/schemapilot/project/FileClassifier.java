package io.schemapilot.project;

import io.schemapilot.project.ProjectInfo.MigrationDir;
import io.schemapilot.project.ProjectInfo.SchemaFile;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says what a file is — migration SQL, schema SQL, an ORM schema, another schema or migration file, or none of
 * these — from its path, helped by what {@link ProjectDetector} found (its schema files and migration folders).
 * Works on paths only, so it also classifies files that were deleted.
 */
public final class FileClassifier {

    /** What a file is and the tool it belongs to (null when unknown). */
    public record Classification(FileKind kind, String tool) {
    }

    private static final Set<String> MIGRATION_SEGMENTS = Set.of("migrations", "migration", "migrate", "versions",
            "changelog", "changelogs", "deploy", "revert", "verify");
    private static final Set<String> CODE_EXTENSIONS = Set.of("py", "js", "ts", "mjs", "cjs", "rb", "go", "xml", "yaml",
            "yml", "json");
    private static final Pattern SCHEMA_SQL = Pattern.compile("(?i)^(?:schema|structure|.*[_.\\-]schema|schema[_.\\-].*"
            + "|.*[_.\\-]structure)\\.sql$");

    private FileClassifier() {
    }

    /**
     * @param path a path relative to the project root ({@code /} or {@code \} separated)
     * @param info what the detector found, or null for path rules alone
     * @return what the file is, or null when it is neither a schema nor a migration file
     */
    public static Classification classify(String path, ProjectInfo info) {
        String p = path.replace('\\', '/');
        String[] segs = p.split("/");
        String name = segs[segs.length - 1];
        String lower = name.toLowerCase(Locale.ROOT);
        List<String> dirs = Arrays.stream(segs, 0, segs.length - 1).map(s -> s.toLowerCase(Locale.ROOT)).toList();
        String ext = ProjectDetector.extension(lower);

        if (info != null) {
            for (SchemaFile s : info.schemaFiles()) {
                if (s.path().equals(p)) {
                    return new Classification(s.kind(), s.tool());
                }
            }
            MigrationDir dir = null;
            for (MigrationDir d : info.migrationDirs()) {
                if ((d.path().equals(".") || p.startsWith(d.path() + "/"))
                        && (dir == null || d.path().length() > dir.path().length())) {
                    dir = d;
                }
            }
            if (dir != null) {
                if (ext.equals("sql")) {
                    return sqlMigration(lower, dirs, dir.tool());
                }
                if (CODE_EXTENSIONS.contains(ext) && !lower.equals("__init__.py")) {
                    return new Classification(FileKind.OTHER, dir.tool());
                }
                return null;
            }
        }

        if (ext.equals("prisma")) {
            return new Classification(FileKind.ORM_SCHEMA, "prisma");
        }
        if (lower.matches("instant\\.schema\\.(?:ts|tsx|js|mjs|cjs)")) {
            return new Classification(FileKind.ORM_SCHEMA, "instantdb");
        }
        if (lower.matches(".*\\.entity\\.(?:ts|js)")) {
            return new Classification(FileKind.ORM_SCHEMA,
                    info != null && info.has("mikro-orm") && !info.has("typeorm") ? "mikro-orm" : "typeorm");
        }
        if (lower.equals("models.py")) {
            return new Classification(FileKind.ORM_SCHEMA, info == null ? null
                    : info.has("django") ? "django" : info.has("sqlalchemy") ? "sqlalchemy" : null);
        }
        if (lower.equals("schema.rb") && !dirs.isEmpty() && dirs.get(dirs.size() - 1).equals("db")) {
            return new Classification(FileKind.ORM_SCHEMA, "rails");
        }
        if (info != null && info.has("sequelize") && lower.matches(".*\\.model\\.(?:ts|js)")) {
            return new Classification(FileKind.ORM_SCHEMA, "sequelize");
        }
        if (info != null && info.has("drizzle") && lower.matches("(?:.*[_.\\-])?schema\\.(?:ts|js|mts|mjs)")) {
            return new Classification(FileKind.ORM_SCHEMA, "drizzle");
        }
        if (ext.equals("sql")) {
            boolean inMigrationFolder = dirs.stream().anyMatch(MIGRATION_SEGMENTS::contains);
            if (inMigrationFolder || ProjectDetector.FLYWAY_NAME.matcher(name).matches()
                    || ProjectDetector.GOLANG_MIGRATE_NAME.matcher(name).matches()
                    || ProjectDetector.NUMBERED_SQL.matcher(name).matches() || lower.equals("migration.sql")) {
                return sqlMigration(lower, dirs, null);
            }
            if (isSchemaSqlName(p)) {
                String tool = lower.equals("structure.sql") && info != null && info.has("rails") ? "rails"
                        : p.startsWith("supabase/") ? "supabase" : null;
                return new Classification(FileKind.SCHEMA_SQL, tool);
            }
            return new Classification(FileKind.OTHER, null);
        }
        if (CODE_EXTENSIONS.contains(ext) && !lower.equals("__init__.py")
                && dirs.stream().anyMatch(d -> d.equals("migrations") || d.equals("migrate") || d.equals("changelog"))) {
            return new Classification(FileKind.OTHER, guessCodeTool(dirs, ext, info));
        }
        return null;
    }

    /** A SQL file inside a migration folder: a migration, unless it is a down / undo / revert / verify script. */
    private static Classification sqlMigration(String lower, List<String> dirs, String dirTool) {
        boolean down = lower.endsWith(".down.sql") || lower.equals("down.sql") || lower.matches("u\\d+(?:[._]\\d+)*__.*")
                || dirs.contains("revert") || dirs.contains("verify");
        String tool = dirTool;
        if (tool == null) {
            if (ProjectDetector.FLYWAY_NAME.matcher(lower).matches()) {
                tool = "flyway";
            } else if (ProjectDetector.GOLANG_MIGRATE_NAME.matcher(lower).matches()) {
                tool = "golang-migrate";
            } else if (lower.equals("migration.sql")) {
                tool = "prisma";
            } else {
                tool = "sql";
            }
        }
        return new Classification(down ? FileKind.OTHER : FileKind.MIGRATION_SQL, tool);
    }

    private static String guessCodeTool(List<String> dirs, String ext, ProjectInfo info) {
        if (ext.equals("rb") && dirs.contains("migrate")) {
            return "rails";
        }
        if (ext.equals("xml") || dirs.contains("changelog")) {
            return "liquibase";
        }
        if (info == null) {
            return ext.equals("py") ? "django" : null;
        }
        for (String t : List.of("django", "alembic", "knex", "sequelize", "typeorm", "mikro-orm", "rails")) {
            if (info.has(t)) {
                return t;
            }
        }
        return null;
    }

    /**
     * A SQL file that holds a whole schema by its name or folder: {@code schema.sql}, {@code structure.sql},
     * {@code *_schema.sql}, {@code schema_*.sql}, or any SQL file in a {@code schema}, {@code schemas} or
     * {@code ddl} folder.
     */
    public static boolean isSchemaSqlName(String path) {
        String p = path.replace('\\', '/');
        String[] segs = p.split("/");
        String name = segs[segs.length - 1];
        if (!name.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return false;
        }
        if (SCHEMA_SQL.matcher(name).matches()) {
            return true;
        }
        for (int i = 0; i < segs.length - 1; i++) {
            String s = segs[i].toLowerCase(Locale.ROOT);
            if (s.equals("schema") || s.equals("schemas") || s.equals("ddl")) {
                return true;
            }
        }
        return false;
    }
}
