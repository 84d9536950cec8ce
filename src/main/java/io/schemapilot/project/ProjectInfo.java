package io.schemapilot.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link ProjectDetector} found in a project: the ORMs and migration tools, the database engines, the schema
 * files and the migration folders, each with the evidence it was found by (a file and why). Paths are relative to
 * {@link #root()}, with {@code /} separators. Nothing here holds a credential: database URLs are reduced to their
 * engine.
 *
 * @param root           the folder that was looked at (absolute)
 * @param tools          ORMs, migration tools and platforms, in the order first seen
 * @param engines        database engines ({@code postgresql}, {@code mysql}, {@code sqlite}, {@code instantdb}, ...)
 * @param schemaFiles    schema files: SQL schemas and ORM schema sources
 * @param migrationDirs  folders that hold migrations
 * @param filesScanned   how many files the walk saw
 * @param truncated      the walk stopped at its entry limit, so something may be missing
 */
public record ProjectInfo(Path root, List<Detection> tools, List<Detection> engines, List<SchemaFile> schemaFiles,
                          List<MigrationDir> migrationDirs, int filesScanned, boolean truncated) {

    public ProjectInfo {
        tools = List.copyOf(tools);
        engines = List.copyOf(engines);
        schemaFiles = List.copyOf(schemaFiles);
        migrationDirs = List.copyOf(migrationDirs);
    }

    /** What a detection rests on: a file (relative to the root) and why it counts. */
    public record Evidence(String file, String why) {
        @Override
        public String toString() {
            return file + ": " + why;
        }
    }

    /** The kind of thing a tool detection is. */
    public enum Category {
        ORM, MIGRATION_TOOL, PLATFORM, PLAIN_SQL;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A tool or an engine that was found.
     *
     * @param id       a stable id: {@code prisma}, {@code alembic}, ... for tools; {@code postgresql}, ... for engines
     * @param name     how people write it ({@code Prisma}, {@code PostgreSQL})
     * @param category for tools; null for engines
     * @param evidence why (at most a few entries per detection)
     */
    public record Detection(String id, String name, Category category, List<Evidence> evidence) {
        public Detection {
            evidence = List.copyOf(evidence);
        }
    }

    /**
     * A schema file.
     *
     * @param path   relative to the root
     * @param kind   {@link FileKind#SCHEMA_SQL} or {@link FileKind#ORM_SCHEMA}
     * @param format {@code sql}, {@code prisma}, {@code instantdb}, {@code typeorm-entity}, {@code django-models},
     *               {@code sqlalchemy-models}, {@code drizzle}, {@code rails-schema}, {@code orm-model}
     * @param tool   the tool id it belongs to, or null when unknown
     * @param why    why it counts as a schema file
     */
    public record SchemaFile(String path, FileKind kind, String format, String tool, String why) {
    }

    /**
     * A folder of migrations.
     *
     * @param path  relative to the root ({@code .} for the root itself)
     * @param tool  the tool id whose migrations these are ({@code sql} for plain SQL files), or null when unknown
     * @param files how many migration files it holds (counting one level of sub-folders, as Prisma nests them)
     * @param why   why it counts as a migration folder
     */
    public record MigrationDir(String path, String tool, int files, String why) {
    }

    public boolean has(String toolId) {
        return tools.stream().anyMatch(t -> t.id().equals(toolId));
    }

    public boolean hasEngine(String engineId) {
        return engines.stream().anyMatch(e -> e.id().equals(engineId));
    }

    public List<String> toolIds() {
        return tools.stream().map(Detection::id).toList();
    }

    public List<String> engineIds() {
        return engines.stream().map(Detection::id).toList();
    }

    /** One line: tools, engines, schema files and migration folders. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(tools.isEmpty() ? "no ORM or migration tool found"
                : String.join(", ", tools.stream().map(t -> t.name() + " (" + t.category().label() + ")").toList()));
        parts.add(engines.isEmpty() ? "engine unknown"
                : "engine " + String.join(", ", engines.stream().map(Detection::name).toList()));
        if (!schemaFiles.isEmpty()) {
            parts.add("schema: " + list(schemaFiles.stream().map(SchemaFile::path).toList()));
        }
        if (!migrationDirs.isEmpty()) {
            parts.add("migrations: " + list(migrationDirs.stream()
                    .map(d -> d.path() + " (" + d.files() + " file" + (d.files() == 1 ? "" : "s") + ")").toList()));
        }
        return String.join("; ", parts) + (truncated ? " (walk stopped early: large project)" : "");
    }

    private static String list(List<String> items) {
        int shown = Math.min(items.size(), 5);
        String s = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? s + " and " + (items.size() - shown) + " more" : s;
    }
}
