package io.schemapilot.project;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.project.ProjectInfo.Category;
import io.schemapilot.project.ProjectInfo.Detection;
import io.schemapilot.project.ProjectInfo.Evidence;
import io.schemapilot.project.ProjectInfo.MigrationDir;
import io.schemapilot.project.ProjectInfo.SchemaFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out what a project uses for its database: the ORM and migration tool (Prisma, Drizzle, TypeORM, Knex,
 * Sequelize, MikroORM, Django, Alembic / SQLAlchemy, Flyway, Liquibase, Rails ActiveRecord, golang-migrate, Sqitch,
 * InstantDB, Supabase, plain SQL folders), the database engine, the schema files and the migration folders — from
 * dependency lists, tool configuration files, file names and folder layout. It is the seeds' "step 1" as a service.
 *
 * <p>The walk is bounded: it skips dependency, build and VCS folders (node_modules, .git and other hidden folders,
 * target, build, dist, virtual environments, ...), goes at most {@code maxDepth} folders deep, looks at no more than
 * {@code maxEntries} files and reads only small, well-known files. Database URLs found in configuration are reduced
 * to their engine; no URL, user or password is ever part of the result.
 */
public final class ProjectDetector {

    public static final int DEFAULT_MAX_DEPTH = 6;
    public static final int DEFAULT_MAX_ENTRIES = 20_000;
    static final long MAX_READ_BYTES = 512 * 1024;
    private static final int MAX_EVIDENCE = 5;
    private static final int MAX_SCHEMA_FILES = 200;

    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", "target", "build", "dist", "venv",
            "__pycache__", "vendor", "bower_components", "coverage", "site-packages", "jspm_packages", "Pods");
    private static final Set<String> MIGRATION_DIR_NAMES = Set.of("migrations", "migration", "migrate");
    private static final Set<String> MIGRATION_EXTENSIONS = Set.of("sql", "py", "js", "ts", "mjs", "cjs", "rb", "go",
            "xml", "yaml", "yml");

    static final Pattern FLYWAY_NAME = Pattern.compile("(?i)^(?:[VU]\\d+(?:[._]\\d+)*__.+|R__.+)\\.sql$");
    static final Pattern GOLANG_MIGRATE_NAME = Pattern.compile("(?i)^\\d+_.+\\.(?:up|down)\\.sql$");
    static final Pattern NUMBERED_SQL = Pattern.compile("(?i)^(?:\\d+[_\\-.].*|\\d{8,}.*)\\.sql$");
    private static final Pattern DJANGO_MIGRATION = Pattern.compile("^\\d{4}_.*\\.py$");
    private static final Pattern REQUIREMENTS_TXT = Pattern.compile("requirements.*\\.txt");
    private static final Pattern INSTANT_SCHEMA = Pattern.compile("instant\\.schema\\.(?:ts|tsx|js|mjs|cjs)");
    private static final Pattern ENTITY_FILE = Pattern.compile(".*\\.entity\\.(?:ts|js)");
    private static final Pattern MODEL_FILE = Pattern.compile(".*\\.model\\.(?:ts|js)");
    private static final Pattern DRIZZLE_CONFIG = Pattern.compile("drizzle\\.config\\.(?:ts|js|mjs|cjs|json)");
    private static final Pattern KNEXFILE = Pattern.compile("knexfile\\.(?:ts|js|mjs|cjs)");
    private static final Pattern ORMCONFIG = Pattern.compile("ormconfig\\.(?:json|js|ts|ya?ml)");
    private static final Pattern DATA_SOURCE = Pattern.compile("(?:.*[.-])?data-source\\.(?:ts|js)");
    private static final Pattern TYPEORM_CONFIG = Pattern.compile("typeorm\\.config\\.(?:ts|js)");
    private static final Pattern MIKRO_ORM_CONFIG = Pattern.compile("mikro-orm\\.config\\.(?:ts|js)");
    private static final Pattern COMPOSE_FILE = Pattern.compile("(?:docker-)?compose(?:[.-].*)?\\.ya?ml");
    private static final Pattern LIQUIBASE_CHANGELOG = Pattern.compile("(?i)^db\\.changelog.*\\.(?:xml|ya?ml|json|sql)$");

    private static final Map<String, String> ENGINE_NAMES = Map.of(
            "postgresql", "PostgreSQL", "mysql", "MySQL", "sqlite", "SQLite", "sqlserver", "SQL Server",
            "cockroachdb", "CockroachDB", "mongodb", "MongoDB", "instantdb", "InstantDB");

    private static final Map<String, String> TOOL_NAMES = new LinkedHashMap<>();
    private static final Map<String, Category> TOOL_CATEGORIES = new LinkedHashMap<>();

    static {
        tool("prisma", "Prisma", Category.ORM);
        tool("drizzle", "Drizzle", Category.ORM);
        tool("typeorm", "TypeORM", Category.ORM);
        tool("knex", "Knex", Category.MIGRATION_TOOL);
        tool("sequelize", "Sequelize", Category.ORM);
        tool("mikro-orm", "MikroORM", Category.ORM);
        tool("django", "Django", Category.ORM);
        tool("sqlalchemy", "SQLAlchemy", Category.ORM);
        tool("alembic", "Alembic", Category.MIGRATION_TOOL);
        tool("flyway", "Flyway", Category.MIGRATION_TOOL);
        tool("liquibase", "Liquibase", Category.MIGRATION_TOOL);
        tool("rails", "Rails ActiveRecord", Category.ORM);
        tool("golang-migrate", "golang-migrate", Category.MIGRATION_TOOL);
        tool("sqitch", "Sqitch", Category.MIGRATION_TOOL);
        tool("instantdb", "InstantDB", Category.PLATFORM);
        tool("supabase", "Supabase", Category.PLATFORM);
        tool("sql", "plain SQL files", Category.PLAIN_SQL);
    }

    private static void tool(String id, String name, Category category) {
        TOOL_NAMES.put(id, name);
        TOOL_CATEGORIES.put(id, category);
    }

    /** npm package -> tool id */
    private static final Map<String, String> NPM_TOOLS = Map.ofEntries(
            Map.entry("prisma", "prisma"), Map.entry("@prisma/client", "prisma"),
            Map.entry("drizzle-orm", "drizzle"), Map.entry("drizzle-kit", "drizzle"),
            Map.entry("typeorm", "typeorm"), Map.entry("knex", "knex"),
            Map.entry("sequelize", "sequelize"), Map.entry("sequelize-cli", "sequelize"),
            Map.entry("sequelize-typescript", "sequelize"), Map.entry("@mikro-orm/core", "mikro-orm"),
            Map.entry("@supabase/supabase-js", "supabase"), Map.entry("supabase", "supabase"),
            Map.entry("instant-cli", "instantdb"));
    /** npm package -> engine id */
    private static final Map<String, String> NPM_ENGINES = Map.ofEntries(
            Map.entry("pg", "postgresql"), Map.entry("postgres", "postgresql"), Map.entry("pg-promise", "postgresql"),
            Map.entry("@neondatabase/serverless", "postgresql"), Map.entry("@vercel/postgres", "postgresql"),
            Map.entry("@mikro-orm/postgresql", "postgresql"), Map.entry("@supabase/supabase-js", "postgresql"),
            Map.entry("mysql", "mysql"), Map.entry("mysql2", "mysql"), Map.entry("mariadb", "mysql"),
            Map.entry("@mikro-orm/mysql", "mysql"), Map.entry("sqlite3", "sqlite"), Map.entry("better-sqlite3", "sqlite"),
            Map.entry("@libsql/client", "sqlite"), Map.entry("@mikro-orm/sqlite", "sqlite"),
            Map.entry("mssql", "sqlserver"), Map.entry("tedious", "sqlserver"),
            Map.entry("mongoose", "mongodb"), Map.entry("mongodb", "mongodb"),
            Map.entry("instant-cli", "instantdb"));
    /** Python distribution (normalised: lower case, '-') -> tool id */
    private static final Map<String, String> PY_TOOLS = Map.of(
            "django", "django", "alembic", "alembic", "sqlalchemy", "sqlalchemy", "flask-sqlalchemy", "sqlalchemy",
            "sqlmodel", "sqlalchemy", "flask-migrate", "alembic");
    private static final Map<String, String> PY_ENGINES = Map.ofEntries(
            Map.entry("psycopg2", "postgresql"), Map.entry("psycopg2-binary", "postgresql"),
            Map.entry("psycopg", "postgresql"), Map.entry("asyncpg", "postgresql"), Map.entry("pg8000", "postgresql"),
            Map.entry("mysqlclient", "mysql"), Map.entry("pymysql", "mysql"), Map.entry("mysql-connector-python", "mysql"),
            Map.entry("aiomysql", "mysql"), Map.entry("asyncmy", "mysql"), Map.entry("aiosqlite", "sqlite"),
            Map.entry("pyodbc", "sqlserver"), Map.entry("pymssql", "sqlserver"));
    /** substring of go.mod / pom.xml / build.gradle -> tool or engine, as "tool:" or "engine:" */
    private static final Map<String, String> BUILD_FILE_MARKERS = Map.ofEntries(
            Map.entry("github.com/golang-migrate/migrate", "tool:golang-migrate"),
            Map.entry("github.com/jackc/pgx", "engine:postgresql"), Map.entry("github.com/lib/pq", "engine:postgresql"),
            Map.entry("github.com/go-sql-driver/mysql", "engine:mysql"),
            Map.entry("github.com/mattn/go-sqlite3", "engine:sqlite"), Map.entry("modernc.org/sqlite", "engine:sqlite"),
            Map.entry("org.flywaydb", "tool:flyway"), Map.entry("flyway-core", "tool:flyway"),
            Map.entry("org.liquibase", "tool:liquibase"), Map.entry("liquibase-core", "tool:liquibase"),
            Map.entry("org.postgresql", "engine:postgresql"), Map.entry("mysql-connector", "engine:mysql"),
            Map.entry("org.mariadb.jdbc", "engine:mysql"), Map.entry("sqlite-jdbc", "engine:sqlite"),
            Map.entry("mssql-jdbc", "engine:sqlserver"));
    private static final Map<String, String> GEMS = Map.of(
            "rails", "tool:rails", "activerecord", "tool:rails", "pg", "engine:postgresql", "mysql2", "engine:mysql",
            "trilogy", "engine:mysql", "sqlite3", "engine:sqlite");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUIREMENT = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9._\\-]*)");

    private final int maxDepth;
    private final int maxEntries;

    public ProjectDetector() {
        this(DEFAULT_MAX_DEPTH, DEFAULT_MAX_ENTRIES);
    }

    /**
     * @param maxDepth   how many folders deep the walk goes below the root
     * @param maxEntries how many files it looks at before it stops (the result is then marked truncated)
     */
    public ProjectDetector(int maxDepth, int maxEntries) {
        if (maxDepth < 0 || maxEntries < 1) {
            throw new IllegalArgumentException("maxDepth must be >= 0 and maxEntries >= 1");
        }
        this.maxDepth = maxDepth;
        this.maxEntries = maxEntries;
    }

    /**
     * Looks at the project in {@code dir}.
     *
     * @throws IllegalArgumentException when {@code dir} is not a directory
     */
    public ProjectInfo detect(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException((dir == null ? "project" : dir.toString()) + ": not a directory");
        }
        Scan scan = new Scan(dir.toAbsolutePath().normalize());
        scan.walk(scan.root, "", 0);
        scan.finish();
        return scan.result();
    }

    /** The display name of a tool id ({@code prisma} -> {@code Prisma}); the id itself when unknown. */
    public static String toolName(String toolId) {
        return TOOL_NAMES.getOrDefault(toolId, toolId);
    }

    /** The display name of an engine id ({@code postgresql} -> {@code PostgreSQL}); the id itself when unknown. */
    public static String engineName(String engineId) {
        return ENGINE_NAMES.getOrDefault(engineId, engineId);
    }

    /**
     * The engine a database URL or JDBC URL names ({@code postgres://...}, {@code postgresql+psycopg2://...},
     * {@code jdbc:mysql://...}), or null. Only the scheme is looked at.
     */
    public static String engineOfUrl(String url) {
        if (url == null) {
            return null;
        }
        String u = url.strip().replaceAll("^[\"']|[\"']$", "").toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:")) {
            u = u.substring(5);
        }
        int colon = u.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        String scheme = u.substring(0, colon);
        int plus = scheme.indexOf('+');
        if (plus > 0) {
            scheme = scheme.substring(0, plus);
        }
        return switch (scheme) {
            case "postgres", "postgresql", "pgsql", "postgis", "pg" -> "postgresql";
            case "mysql", "mariadb" -> "mysql";
            case "sqlite", "sqlite3" -> "sqlite";
            case "mssql", "sqlserver" -> "sqlserver";
            case "cockroachdb" -> "cockroachdb";
            case "mongodb" -> "mongodb";
            default -> null;
        };
    }

    /** The engine a tool's own engine word names: pg, postgres, mysql2, sqlite3, better-sqlite3, ...; or null. */
    static String engineOfWord(String word) {
        String w = word == null ? "" : word.strip().toLowerCase(Locale.ROOT);
        return switch (w) {
            case "pg", "postgres", "postgresql", "postgis", "pgsql", "pglite", "neon", "vercel-postgres",
                    "aws-data-api-pg", "django.db.backends.postgresql", "django.db.backends.postgresql_psycopg2",
                    "django.contrib.gis.db.backends.postgis" -> "postgresql";
            case "mysql", "mysql2", "mariadb", "trilogy", "singlestore", "django.db.backends.mysql" -> "mysql";
            case "sqlite", "sqlite3", "better-sqlite", "better-sqlite3", "libsql", "turso", "d1", "expo",
                    "django.db.backends.sqlite3" -> "sqlite";
            case "mssql", "sqlserver", "tedious" -> "sqlserver";
            case "cockroachdb", "cockroach" -> "cockroachdb";
            case "mongodb" -> "mongodb";
            default -> null;
        };
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** One walk: what it has found so far. */
    private final class Scan {
        final Path root;
        final Map<String, List<Evidence>> tools = new LinkedHashMap<>();
        final Map<String, List<Evidence>> engines = new LinkedHashMap<>();
        final Map<String, SchemaFile> schemaFiles = new LinkedHashMap<>();
        final Map<String, MigrationDir> migrationDirs = new LinkedHashMap<>();
        final Map<String, Integer> migrationFileCounts = new LinkedHashMap<>();
        final List<String[]> dirHints = new ArrayList<>();      // {path, tool, why}
        final List<String[]> schemaHints = new ArrayList<>();   // {path, tool, why}
        int files;
        boolean truncated;
        boolean schemaFilesCapped;

        Scan(Path root) {
            this.root = root;
        }

        void walk(Path dir, String rel, int depth) {
            if (truncated) {
                return;
            }
            List<Path> fileEntries = new ArrayList<>();
            List<Path> dirEntries = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException e) {
                        continue;
                    }
                    if (a.isDirectory()) {
                        dirEntries.add(p);
                    } else if (a.isRegularFile() || a.isSymbolicLink() && Files.isRegularFile(p)) {
                        fileEntries.add(p);
                    }
                }
            } catch (IOException | SecurityException e) {
                return;
            }
            Comparator<Path> byName = Comparator.comparing(p -> p.getFileName().toString());
            fileEntries.sort(byName);
            dirEntries.sort(byName);
            List<String> fileNames = fileEntries.stream().map(p -> p.getFileName().toString()).toList();
            List<String> dirNames = dirEntries.stream().map(p -> p.getFileName().toString()).toList();

            int migrationFiles = 0;
            for (String n : fileNames) {
                if (MIGRATION_EXTENSIONS.contains(extension(n)) && !n.equals("__init__.py")) {
                    migrationFiles++;
                }
            }
            if (migrationFiles > 0) {
                migrationFileCounts.put(rel.isEmpty() ? "." : rel, migrationFiles);
            }
            boolean insideMigrations = insideMigrationDir(rel);
            if (!insideMigrations && !rel.isEmpty()) {
                classifyDir(dir, rel, fileNames, dirNames);
            }
            boolean inMigrationDir = insideMigrations || migrationDirs.containsKey(rel);
            for (Path f : fileEntries) {
                if (++files > maxEntries) {
                    truncated = true;
                    return;
                }
                String name = f.getFileName().toString();
                examineFile(f, rel.isEmpty() ? name : rel + "/" + name, name, rel, inMigrationDir);
            }
            if (depth >= maxDepth) {
                return;
            }
            for (Path d : dirEntries) {
                String name = d.getFileName().toString();
                if (name.startsWith(".") || SKIPPED_DIRS.contains(name) || Files.exists(d.resolve("pyvenv.cfg"))) {
                    continue;
                }
                walk(d, rel.isEmpty() ? name : rel + "/" + name, depth + 1);
                if (truncated) {
                    return;
                }
            }
        }

        boolean insideMigrationDir(String rel) {
            for (String d : migrationDirs.keySet()) {
                if (rel.startsWith(d + "/")) {
                    return true;
                }
            }
            return false;
        }

        void classifyDir(Path dir, String rel, List<String> fileNames, List<String> dirNames) {
            String name = rel.substring(rel.lastIndexOf('/') + 1);
            String lower = rel.toLowerCase(Locale.ROOT);
            Path parent = dir.getParent();
            if (lower.endsWith("prisma/migrations") || fileNames.contains("migration_lock.toml")) {
                addDir(rel, "prisma", "Prisma migrations folder" + (fileNames.contains("migration_lock.toml")
                        ? " (migration_lock.toml)" : ""));
            } else if (name.equals("versions") && parent != null && (Files.exists(parent.resolve("env.py"))
                    || Files.exists(parent.resolve("script.py.mako")))) {
                addDir(rel, "alembic", "Alembic versions folder (env.py beside it)");
            } else if (lower.equals("db/migrate") || lower.endsWith("/db/migrate")) {
                addDir(rel, "rails", "Rails migrations folder db/migrate");
            } else if (name.equals("migrations") && fileNames.contains("__init__.py")
                    && fileNames.stream().anyMatch(n -> DJANGO_MIGRATION.matcher(n).matches())) {
                addDir(rel, "django", "Django app migrations (0001_*.py, __init__.py)");
            } else if (lower.equals("supabase/migrations") || lower.endsWith("/supabase/migrations")) {
                addDir(rel, "supabase", "Supabase migrations folder");
            } else if (dirNames.contains("meta") && Files.exists(dir.resolve("meta").resolve("_journal.json"))) {
                addDir(rel, "drizzle", "drizzle-kit output (meta/_journal.json)");
            } else if (lower.endsWith("db/changelog") || fileNames.stream().anyMatch(n -> LIQUIBASE_CHANGELOG.matcher(n).matches())) {
                addDir(rel, "liquibase", "Liquibase changelog folder");
            } else if (fileNames.stream().anyMatch(n -> FLYWAY_NAME.matcher(n).matches())) {
                addDir(rel, "flyway", "Flyway-style file names (V1__name.sql)");
            } else if (lower.endsWith("resources/db/migration") && fileNames.stream().anyMatch(n -> n.endsWith(".sql"))) {
                addDir(rel, "flyway", "Flyway's default location db/migration");
            } else if (fileNames.stream().anyMatch(n -> GOLANG_MIGRATE_NAME.matcher(n).matches())) {
                addDir(rel, "golang-migrate", "paired NNN_name.up.sql / .down.sql files");
            } else if (fileNames.contains("env.py") && dirNames.contains("versions")) {
                return; // an Alembic (or Flask-Migrate) script folder: its versions/ sub-folder holds the migrations
            } else if (name.equals("deploy") && parent != null && Files.exists(parent.resolve("sqitch.plan"))) {
                addDir(rel, "sqitch", "Sqitch deploy scripts (sqitch.plan beside them)");
            } else if (MIGRATION_DIR_NAMES.contains(name.toLowerCase(Locale.ROOT)) && (hasMigrationFiles(fileNames)
                    || !dirNames.isEmpty() && dirNames.stream().anyMatch(d -> Files.exists(dir.resolve(d).resolve("migration.sql"))
                    || Files.exists(dir.resolve(d).resolve("up.sql"))))) {
                addDir(rel, null, "folder named " + name);
            } else if (fileNames.stream().anyMatch(n -> NUMBERED_SQL.matcher(n).matches())) {
                addDir(rel, "sql", "numbered SQL files (" + fileNames.stream()
                        .filter(n -> NUMBERED_SQL.matcher(n).matches()).findFirst().orElse("") + ")");
            }
        }

        boolean hasMigrationFiles(List<String> fileNames) {
            return fileNames.stream().anyMatch(n -> MIGRATION_EXTENSIONS.contains(extension(n))
                    && !n.equals("__init__.py") && !n.equalsIgnoreCase("README.md"));
        }

        void addDir(String rel, String tool, String why) {
            migrationDirs.putIfAbsent(rel, new MigrationDir(rel, tool, 0, why));
            if (tool != null && !tool.equals("sql")) {
                addTool(tool, rel, why);
            }
        }

        void examineFile(Path file, String rel, String name, String dirRel, boolean inMigrationDir) {
            String lower = name.toLowerCase(Locale.ROOT);
            String dirLower = dirRel.toLowerCase(Locale.ROOT);
            String ext = extension(lower);
            if (lower.equals("package.json")) {
                packageJson(file, rel);
            } else if (REQUIREMENTS_TXT.matcher(lower).matches() || dirLower.endsWith("requirements") && ext.equals("txt")) {
                requirementsTxt(file, rel);
            } else if (lower.equals("pyproject.toml") || lower.equals("pipfile") || lower.equals("setup.py")
                    || lower.equals("setup.cfg")) {
                pythonManifest(file, rel);
            } else if (lower.equals("gemfile")) {
                gemfile(file, rel);
            } else if (lower.equals("go.mod") || lower.equals("pom.xml") || lower.equals("build.gradle")
                    || lower.equals("build.gradle.kts")) {
                buildFile(file, rel);
            } else if (ext.equals("prisma")) {
                prismaSchema(file, rel);
            } else if (INSTANT_SCHEMA.matcher(lower).matches()) {
                addTool("instantdb", rel, "InstantDB schema file");
                addEngine("instantdb", rel, "InstantDB schema file");
                addSchema(rel, FileKind.ORM_SCHEMA, "instantdb", "instantdb", "InstantDB schema (instant.schema.ts)");
            } else if (ENTITY_FILE.matcher(lower).matches()) {
                entityFile(file, rel);
            } else if (MODEL_FILE.matcher(lower).matches()) {
                modelFile(file, rel);
            } else if (lower.equals("models.py")) {
                modelsPy(file, rel);
            } else if (lower.equals("manage.py")) {
                String text = read(file);
                if (text != null && text.contains("django")) {
                    addTool("django", rel, "Django manage.py");
                }
            } else if (lower.equals("settings.py") || dirLower.endsWith("settings") && ext.equals("py")) {
                djangoSettings(file, rel);
            } else if (lower.equals("alembic.ini")) {
                alembicIni(file, rel, dirRel);
            } else if (lower.equals("flyway.conf") || lower.equals("flyway.toml") || lower.equals("flyway.properties")) {
                flywayConf(file, rel, dirRel);
            } else if (lower.equals("liquibase.properties")) {
                liquibaseProperties(file, rel);
            } else if (LIQUIBASE_CHANGELOG.matcher(lower).matches()) {
                addTool("liquibase", rel, "Liquibase changelog");
            } else if (lower.equals("database.yml") && (dirLower.equals("config") || dirLower.endsWith("/config"))) {
                railsDatabaseYml(file, rel);
            } else if (lower.equals("schema.rb") && (dirLower.equals("db") || dirLower.endsWith("/db"))) {
                addTool("rails", rel, "Rails schema dump db/schema.rb");
                addSchema(rel, FileKind.ORM_SCHEMA, "rails-schema", "rails", "Rails schema dump (schema.rb)");
            } else if (DRIZZLE_CONFIG.matcher(lower).matches()) {
                drizzleConfig(file, rel, dirRel);
            } else if (KNEXFILE.matcher(lower).matches()) {
                knexfile(file, rel, dirRel);
            } else if (ORMCONFIG.matcher(lower).matches() || DATA_SOURCE.matcher(lower).matches()
                    || TYPEORM_CONFIG.matcher(lower).matches()) {
                typeormConfig(file, rel);
            } else if (lower.equals(".sequelizerc")) {
                addTool("sequelize", rel, "Sequelize CLI configuration (.sequelizerc)");
            } else if (lower.equals("config.json") && (dirLower.equals("config") || dirLower.endsWith("/config"))) {
                sequelizeConfig(file, rel);
            } else if (MIKRO_ORM_CONFIG.matcher(lower).matches()) {
                mikroOrmConfig(file, rel);
            } else if (lower.equals("sqitch.conf")) {
                sqitchConf(file, rel);
            } else if (lower.equals("sqitch.plan")) {
                addTool("sqitch", rel, "Sqitch plan");
            } else if (lower.equals("config.toml") && (dirLower.equals("supabase") || dirLower.endsWith("/supabase"))) {
                addTool("supabase", rel, "Supabase project configuration");
                addEngine("postgresql", rel, "Supabase runs PostgreSQL");
            } else if (lower.equals(".env") || lower.startsWith(".env.")) {
                envFile(file, rel);
            } else if (COMPOSE_FILE.matcher(lower).matches()) {
                composeFile(file, rel);
            } else if (ext.equals("sql") && !inMigrationDir) {
                sqlFile(rel, lower, dirLower);
            }
        }

        // ---- dependency lists

        void packageJson(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            JsonNode root;
            try {
                root = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            for (String section : List.of("dependencies", "devDependencies", "peerDependencies", "optionalDependencies")) {
                JsonNode deps = root.path(section);
                if (!deps.isObject()) {
                    continue;
                }
                deps.fieldNames().forEachRemaining(dep -> {
                    String why = "dependency \"" + dep + "\"";
                    String tool = NPM_TOOLS.get(dep);
                    if (dep.startsWith("@instantdb/")) {
                        tool = "instantdb";
                    }
                    if (tool != null) {
                        addTool(tool, rel, why);
                    }
                    String engine = dep.startsWith("@instantdb/") ? "instantdb" : NPM_ENGINES.get(dep);
                    if (engine != null) {
                        addEngine(engine, rel, why);
                    }
                });
            }
        }

        void requirementsTxt(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            for (String line : text.split("\\R")) {
                String l = line.replaceAll("#.*", "").strip();
                Matcher m = REQUIREMENT.matcher(l);
                if (!l.startsWith("-") && m.find()) {
                    pythonDependency(m.group(1), rel);
                }
            }
        }

        void pythonManifest(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("(?<![A-Za-z0-9_.\\-])([A-Za-z][A-Za-z0-9_.\\-]*)(?=\\s*(?:\\[[^\\]]*\\]\\s*)?"
                    + "(?:[<>=!~;,\"']|$))", Pattern.MULTILINE).matcher(text);
            while (m.find()) {
                pythonDependency(m.group(1), rel);
            }
        }

        void pythonDependency(String raw, String rel) {
            String dep = raw.toLowerCase(Locale.ROOT).replace('_', '-').replace('.', '-');
            String why = "dependency \"" + dep + "\"";
            String tool = PY_TOOLS.get(dep);
            if (tool != null) {
                addTool(tool, rel, why);
                if (dep.equals("flask-migrate")) {
                    addTool("sqlalchemy", rel, why);
                }
            }
            String engine = PY_ENGINES.get(dep);
            if (engine != null) {
                addEngine(engine, rel, why);
            }
        }

        void gemfile(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("(?m)^\\s*gem\\s+['\"]([A-Za-z0-9_\\-]+)['\"]").matcher(text);
            while (m.find()) {
                String marker = GEMS.get(m.group(1));
                if (marker != null) {
                    mark(marker, rel, "gem \"" + m.group(1) + "\"");
                }
            }
        }

        void buildFile(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            BUILD_FILE_MARKERS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> text.contains(e.getKey()))
                    .forEach(e -> mark(e.getValue(), rel, "depends on " + e.getKey()));
        }

        void mark(String marker, String rel, String why) {
            if (marker.startsWith("tool:")) {
                addTool(marker.substring(5), rel, why);
            } else {
                addEngine(marker.substring(7), rel, why);
            }
        }

        // ---- schema sources

        void prismaSchema(Path file, String rel) {
            addTool("prisma", rel, "Prisma schema");
            addSchema(rel, FileKind.ORM_SCHEMA, "prisma", "prisma", "Prisma schema");
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher ds = Pattern.compile("datasource\\s+\\w+\\s*\\{([^}]*)}").matcher(text);
            while (ds.find()) {
                Matcher p = Pattern.compile("provider\\s*=\\s*\"([^\"]+)\"").matcher(ds.group(1));
                if (p.find()) {
                    String engine = engineOfWord(p.group(1));
                    if (engine != null) {
                        addEngine(engine, rel, "datasource provider = \"" + p.group(1) + "\"");
                    }
                }
            }
        }

        void entityFile(Path file, String rel) {
            String text = read(file);
            if (text == null || !(text.contains("@Entity") || text.contains("EntitySchema"))) {
                return;
            }
            String tool = text.contains("@mikro-orm") ? "mikro-orm" : "typeorm";
            addTool(tool, rel, "entity class (@Entity)");
            addSchema(rel, FileKind.ORM_SCHEMA, tool.equals("typeorm") ? "typeorm-entity" : "mikro-orm-entity", tool,
                    "entity class (@Entity)");
        }

        void modelFile(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            if (text.contains("sequelize")) {
                addTool("sequelize", rel, "Sequelize model");
                addSchema(rel, FileKind.ORM_SCHEMA, "orm-model", "sequelize", "Sequelize model");
            } else if (text.contains("@Entity") && text.contains("typeorm")) {
                addTool("typeorm", rel, "entity class (@Entity)");
                addSchema(rel, FileKind.ORM_SCHEMA, "typeorm-entity", "typeorm", "entity class (@Entity)");
            }
        }

        void modelsPy(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            if (text.contains("models.Model") || text.contains("from django.db import models")) {
                addTool("django", rel, "Django models (models.Model)");
                addSchema(rel, FileKind.ORM_SCHEMA, "django-models", "django", "Django models (models.Model)");
            } else if (text.contains("sqlalchemy") || text.contains("declarative_base") || text.contains("DeclarativeBase")
                    || text.contains("sqlmodel") || text.contains("db.Model")) {
                addTool("sqlalchemy", rel, "SQLAlchemy models");
                addSchema(rel, FileKind.ORM_SCHEMA, "sqlalchemy-models", "sqlalchemy", "SQLAlchemy models");
            }
        }

        void sqlFile(String rel, String lower, String dirLower) {
            boolean supabaseSchemas = dirLower.equals("supabase/schemas") || dirLower.endsWith("/supabase/schemas");
            if (lower.equals("structure.sql") && (dirLower.equals("db") || dirLower.endsWith("/db"))) {
                addSchema(rel, FileKind.SCHEMA_SQL, "sql", "rails", "Rails SQL schema dump (db/structure.sql)");
            } else if (supabaseSchemas) {
                addSchema(rel, FileKind.SCHEMA_SQL, "sql", "supabase", "Supabase declarative schema");
            } else if (FileClassifier.isSchemaSqlName(rel)) {
                addSchema(rel, FileKind.SCHEMA_SQL, "sql", null, "SQL schema file by its name");
            }
        }

        // ---- tool configuration

        void djangoSettings(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("['\"]ENGINE['\"]\\s*:\\s*['\"]([\\w.]+)['\"]").matcher(text);
            boolean any = false;
            while (m.find()) {
                String engine = engineOfWord(m.group(1));
                if (engine != null) {
                    addEngine(engine, rel, "DATABASES ENGINE " + m.group(1));
                    any = true;
                }
            }
            if (any || text.contains("INSTALLED_APPS")) {
                addTool("django", rel, "Django settings");
            }
        }

        void alembicIni(Path file, String rel, String dirRel) {
            addTool("alembic", rel, "alembic.ini");
            String text = read(file);
            if (text == null) {
                return;
            }
            String location = iniValue(text, "script_location");
            if (location != null && !location.contains("%") && !location.contains(":")) {
                dirHints.add(new String[] {join(dirRel, location) + "/versions", "alembic",
                        "Alembic versions folder (script_location in " + rel + ")"});
            }
            urlEngine(iniValue(text, "sqlalchemy.url"), rel, "sqlalchemy.url");
        }

        void flywayConf(Path file, String rel, String dirRel) {
            addTool("flyway", rel, "Flyway configuration");
            String text = read(file);
            if (text == null) {
                return;
            }
            urlEngine(iniValue(text, "flyway.url"), rel, "flyway.url");
            urlEngine(iniValue(text, "url"), rel, "url");
            String locations = iniValue(text, "flyway.locations");
            if (locations == null) {
                locations = iniValue(text, "locations");
            }
            if (locations != null) {
                for (String loc : locations.replaceAll("[\\[\\]\"']", "").split(",")) {
                    String l = loc.strip();
                    if (l.startsWith("filesystem:")) {
                        dirHints.add(new String[] {join(dirRel, l.substring(11)), "flyway",
                                "Flyway location in " + rel});
                    }
                }
            }
        }

        void liquibaseProperties(Path file, String rel) {
            addTool("liquibase", rel, "liquibase.properties");
            String text = read(file);
            if (text != null) {
                urlEngine(iniValue(text, "url"), rel, "url");
            }
        }

        void railsDatabaseYml(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            addTool("rails", rel, "Rails database configuration");
            Matcher m = Pattern.compile("(?m)^\\s*adapter:\\s*['\"]?([\\w-]+)").matcher(text);
            while (m.find()) {
                String engine = engineOfWord(m.group(1));
                if (engine != null) {
                    addEngine(engine, rel, "adapter: " + m.group(1));
                }
            }
        }

        void drizzleConfig(Path file, String rel, String dirRel) {
            addTool("drizzle", rel, "drizzle-kit configuration");
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("[\"']?(dialect|driver)[\"']?\\s*:\\s*[\"']([\\w-]+)[\"']").matcher(text);
            while (m.find()) {
                String engine = engineOfWord(m.group(2));
                if (engine != null) {
                    addEngine(engine, rel, m.group(1) + ": \"" + m.group(2) + "\"");
                }
            }
            Matcher schema = Pattern.compile("[\"']?schema[\"']?\\s*:\\s*(\\[[^\\]]*]|[\"'][^\"']+[\"'])").matcher(text);
            if (schema.find()) {
                Matcher each = Pattern.compile("[\"']([^\"']+)[\"']").matcher(schema.group(1));
                while (each.find()) {
                    schemaHints.add(new String[] {join(dirRel, each.group(1)), "drizzle", "schema in " + rel});
                }
            }
            Matcher out = Pattern.compile("[\"']?out[\"']?\\s*:\\s*[\"']([^\"']+)[\"']").matcher(text);
            if (out.find()) {
                dirHints.add(new String[] {join(dirRel, out.group(1)), "drizzle", "drizzle-kit out folder in " + rel});
            }
        }

        void knexfile(Path file, String rel, String dirRel) {
            addTool("knex", rel, "knexfile");
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("client\\s*:\\s*[\"']([\\w-]+)[\"']").matcher(text);
            while (m.find()) {
                String engine = engineOfWord(m.group(1));
                if (engine != null) {
                    addEngine(engine, rel, "client: \"" + m.group(1) + "\"");
                }
            }
            Matcher d = Pattern.compile("migrations\\s*:\\s*\\{[^}]*?directory\\s*:\\s*[\"']([^\"']+)[\"']").matcher(text);
            while (d.find()) {
                dirHints.add(new String[] {join(dirRel, d.group(1)), "knex", "migrations.directory in " + rel});
            }
        }

        void typeormConfig(Path file, String rel) {
            String text = read(file);
            if (text == null || !(file.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("ormconfig")
                    || text.contains("typeorm"))) {
                return;
            }
            addTool("typeorm", rel, "TypeORM data source configuration");
            Matcher m = Pattern.compile("[\"']?type[\"']?\\s*:\\s*[\"']([\\w-]+)[\"']").matcher(text);
            while (m.find()) {
                String engine = engineOfWord(m.group(1));
                if (engine != null) {
                    addEngine(engine, rel, "type: \"" + m.group(1) + "\"");
                }
            }
        }

        void sequelizeConfig(Path file, String rel) {
            String text = read(file);
            if (text == null || !text.contains("\"dialect\"")) {
                return;
            }
            addTool("sequelize", rel, "Sequelize configuration (dialect)");
            Matcher m = Pattern.compile("\"dialect\"\\s*:\\s*\"([\\w-]+)\"").matcher(text);
            while (m.find()) {
                String engine = engineOfWord(m.group(1));
                if (engine != null) {
                    addEngine(engine, rel, "dialect: \"" + m.group(1) + "\"");
                }
            }
        }

        void mikroOrmConfig(Path file, String rel) {
            addTool("mikro-orm", rel, "MikroORM configuration");
            String text = read(file);
            if (text == null) {
                return;
            }
            if (text.contains("PostgreSqlDriver") || text.contains("@mikro-orm/postgresql")) {
                addEngine("postgresql", rel, "PostgreSqlDriver");
            } else if (text.contains("MySqlDriver") || text.contains("@mikro-orm/mysql")) {
                addEngine("mysql", rel, "MySqlDriver");
            } else if (text.contains("SqliteDriver") || text.contains("@mikro-orm/sqlite")) {
                addEngine("sqlite", rel, "SqliteDriver");
            }
        }

        void sqitchConf(Path file, String rel) {
            addTool("sqitch", rel, "Sqitch configuration");
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("(?m)^\\s*engine\\s*=\\s*(\\w+)").matcher(text);
            if (m.find()) {
                String engine = engineOfWord(m.group(1));
                if (engine != null) {
                    addEngine(engine, rel, "engine = " + m.group(1));
                }
            }
            Matcher target = Pattern.compile("(?m)^\\s*(?:target|uri)\\s*=\\s*(\\S+)").matcher(text);
            while (target.find()) {
                String t = target.group(1);
                urlEngine(t.startsWith("db:") ? t.substring(3) : t, rel, "target");
            }
        }

        void envFile(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Z][A-Z0-9_]*(?:URL|URI|DSN))\\s*=\\s*(\\S+)").matcher(text);
            while (m.find()) {
                urlEngine(m.group(2), rel, m.group(1));
            }
        }

        void composeFile(Path file, String rel) {
            String text = read(file);
            if (text == null) {
                return;
            }
            Matcher m = Pattern.compile("(?m)^\\s*image:\\s*['\"]?(?:[\\w.\\-]+/)*([\\w.\\-]+)").matcher(text);
            while (m.find()) {
                String image = m.group(1).toLowerCase(Locale.ROOT);
                String engine = switch (image) {
                    case "postgres", "postgis", "timescaledb", "pgvector" -> "postgresql";
                    case "mysql", "mariadb" -> "mysql";
                    case "mongo" -> "mongodb";
                    case "mssql-server" -> "sqlserver";
                    default -> null;
                };
                if (engine != null) {
                    addEngine(engine, rel, "service image " + image);
                }
            }
        }

        /** Adds the engine a URL names; the URL itself goes nowhere. */
        void urlEngine(String url, String rel, String key) {
            String engine = engineOfUrl(url);
            if (engine != null) {
                addEngine(engine, rel, key + " is a " + engineName(engine) + " URL (value not shown)");
            }
        }

        // ---- results

        void addTool(String id, String file, String why) {
            add(tools, id, file, why);
        }

        void addEngine(String id, String file, String why) {
            add(engines, id, file, why);
        }

        void add(Map<String, List<Evidence>> map, String id, String file, String why) {
            List<Evidence> ev = map.computeIfAbsent(id, k -> new ArrayList<>());
            Evidence e = new Evidence(file, why);
            if (ev.size() < MAX_EVIDENCE && !ev.contains(e)) {
                ev.add(e);
            }
        }

        void addSchema(String rel, FileKind kind, String format, String tool, String why) {
            if (schemaFiles.size() >= MAX_SCHEMA_FILES) {
                schemaFilesCapped = true;
                return;
            }
            schemaFiles.putIfAbsent(rel, new ProjectInfo.SchemaFile(rel, kind, format, tool, why));
        }

        void finish() {
            for (String[] h : dirHints) {
                String path = normalize(h[0]);
                if (path == null || !Files.isDirectory(root.resolve(path))) {
                    continue;
                }
                MigrationDir d = migrationDirs.get(path);
                if (d == null) {
                    migrationDirs.put(path, new MigrationDir(path, h[1], 0, h[2]));
                    if (!migrationFileCounts.containsKey(path)) {
                        migrationFileCounts.put(path, countFiles(root.resolve(path)));
                    }
                } else if (d.tool() == null || d.tool().equals("sql")) {
                    migrationDirs.put(path, new MigrationDir(path, h[1], d.files(), d.why() + "; " + h[2]));
                }
            }
            for (String[] h : schemaHints) {
                String path = normalize(h[0]);
                if (path == null || path.contains("*")) {
                    continue;
                }
                Path p = root.resolve(path);
                if (Files.isRegularFile(p)) {
                    addSchema(path, FileKind.ORM_SCHEMA, "drizzle", h[1], h[2]);
                } else if (Files.isDirectory(p)) {
                    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.{ts,js,mts,mjs}")) {
                        List<String> names = new ArrayList<>();
                        ds.forEach(f -> names.add(f.getFileName().toString()));
                        names.stream().sorted().forEach(n -> addSchema(path + "/" + n, FileKind.ORM_SCHEMA, "drizzle",
                                h[1], h[2]));
                    } catch (IOException ignored) {
                        // an unreadable schema folder is left out
                    }
                }
            }
            // tools of folders only named "migrations": by the tool that writes such files
            for (Map.Entry<String, MigrationDir> e : migrationDirs.entrySet()) {
                MigrationDir d = e.getValue();
                int count = migrationFileCounts.getOrDefault(d.path(), 0);
                for (Map.Entry<String, Integer> c : migrationFileCounts.entrySet()) {
                    String k = c.getKey();
                    if (k.startsWith(d.path() + "/") && k.indexOf('/', d.path().length() + 1) < 0) {
                        count += c.getValue();
                    }
                }
                String tool = d.tool();
                if (tool == null) {
                    tool = guessTool(d.path());
                }
                e.setValue(new MigrationDir(d.path(), tool, count, d.why()));
                if (tool != null && tool.equals("sql")) {
                    addTool("sql", d.path(), "migrations as plain SQL files (" + d.why() + ")");
                } else if (tool != null && d.tool() == null) {
                    addTool(tool, d.path(), "migrations folder of " + toolName(tool));
                }
            }
            if (tools.containsKey("supabase")) {
                addEngine("postgresql", tools.get("supabase").get(0).file(), "Supabase runs PostgreSQL");
            }
            for (Map.Entry<String, SchemaFile> e : schemaFiles.entrySet()) {
                SchemaFile s = e.getValue();
                if (s.tool() == null && s.kind() == FileKind.SCHEMA_SQL) {
                    String tool = tools.containsKey("supabase") && s.path().startsWith("supabase/") ? "supabase" : null;
                    e.setValue(new SchemaFile(s.path(), s.kind(), s.format(), tool, s.why()));
                }
            }
        }

        String guessTool(String dirPath) {
            Path dir = root.resolve(dirPath);
            boolean sql = false;
            boolean js = false;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String ext = extension(p.getFileName().toString());
                    if (Files.isDirectory(p) && (Files.exists(p.resolve("migration.sql")) || Files.exists(p.resolve("up.sql")))) {
                        sql = true;
                    }
                    sql |= ext.equals("sql");
                    js |= ext.equals("js") || ext.equals("ts") || ext.equals("mjs") || ext.equals("cjs");
                }
            } catch (IOException e) {
                return null;
            }
            if (js) {
                for (String t : List.of("knex", "sequelize", "typeorm", "mikro-orm", "drizzle")) {
                    if (tools.containsKey(t)) {
                        return t;
                    }
                }
            }
            if (sql) {
                for (String t : List.of("flyway", "golang-migrate", "sqitch", "supabase")) {
                    if (tools.containsKey(t)) {
                        return t;
                    }
                }
                return "sql";
            }
            return null;
        }

        int countFiles(Path dir) {
            int n = 0;
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    String name = p.getFileName().toString();
                    if (Files.isRegularFile(p) && MIGRATION_EXTENSIONS.contains(extension(name)) && !name.equals("__init__.py")) {
                        n++;
                    }
                }
            } catch (IOException e) {
                return n;
            }
            return n;
        }

        String normalize(String path) {
            try {
                Path p = root.resolve(path).normalize();
                if (!p.startsWith(root)) {
                    return null;
                }
                String rel = root.relativize(p).toString().replace('\\', '/');
                return rel.isEmpty() ? null : rel;
            } catch (RuntimeException e) {
                return null;
            }
        }

        ProjectInfo result() {
            List<Detection> t = new ArrayList<>();
            tools.forEach((id, ev) -> t.add(new Detection(id, toolName(id), TOOL_CATEGORIES.get(id), ev)));
            List<Detection> e = new ArrayList<>();
            engines.forEach((id, ev) -> e.add(new Detection(id, engineName(id), null, ev)));
            List<MigrationDir> dirs = migrationDirs.values().stream().filter(d -> d.files() > 0)
                    .sorted(Comparator.comparing(MigrationDir::path)).toList();
            return new ProjectInfo(root, t, e, new ArrayList<>(schemaFiles.values()), dirs, Math.min(files, maxEntries),
                    truncated || schemaFilesCapped);
        }
    }

    static String join(String dir, String path) {
        String p = path.strip();
        if (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return dir.isEmpty() ? p : dir + "/" + p;
    }

    /** {@code key = value} or {@code key: value} of an ini / properties / toml file; quotes removed. */
    static String iniValue(String text, String key) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(key) + "\\s*[=:]\\s*(.+?)\\s*$").matcher(text);
        if (!m.find()) {
            return null;
        }
        return m.group(1).replaceAll("^[\"']|[\"']$", "");
    }

    /** A small file as text, or null when it is large or unreadable. */
    static String read(Path file) {
        try {
            if (Files.size(file) > MAX_READ_BYTES) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new String(in.readNBytes((int) MAX_READ_BYTES), StandardCharsets.UTF_8);
            }
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
