package io.schemapilot.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.project.ProjectInfo.Category;
import io.schemapilot.project.ProjectInfo.Detection;
import io.schemapilot.project.ProjectInfo.MigrationDir;
import io.schemapilot.project.ProjectInfo.SchemaFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectDetectorTest {

    @TempDir
    Path root;

    private ProjectInfo detect() {
        return new ProjectDetector().detect(root);
    }

    private static Detection tool(ProjectInfo info, String id) {
        return info.tools().stream().filter(t -> t.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no tool " + id + " in " + info.summary()));
    }

    private static MigrationDir dir(ProjectInfo info, String path) {
        return info.migrationDirs().stream().filter(d -> d.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no migration dir " + path + " in " + info.migrationDirs()));
    }

    private static SchemaFile schema(ProjectInfo info, String path) {
        return info.schemaFiles().stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no schema file " + path + " in " + info.schemaFiles()));
    }

    private static void assertNoSecret(ProjectInfo info, String... secrets) {
        String all = info.toString() + info.summary();
        for (String s : secrets) {
            assertFalse(all.contains(s), "the result shows '" + s + "': " + all);
        }
    }

    @Test
    void prisma_on_postgresql_from_package_json_schema_and_migrations() {
        ProjectFixtures.prismaPostgres(root);
        ProjectInfo info = detect();
        Detection prisma = tool(info, "prisma");
        assertEquals(Category.ORM, prisma.category());
        assertTrue(prisma.evidence().stream().anyMatch(e -> e.file().equals("package.json")
                && e.why().contains("@prisma/client")), prisma.evidence().toString());
        assertEquals(List.of("postgresql"), info.engineIds(), "node_modules is not looked into: " + info.engines());
        assertTrue(info.engines().get(0).evidence().stream().anyMatch(e -> e.why().contains("provider = \"postgresql\"")));
        assertTrue(info.engines().get(0).evidence().stream().anyMatch(e -> e.file().equals(".env")));
        assertEquals(FileKind.ORM_SCHEMA, schema(info, "prisma/schema.prisma").kind());
        MigrationDir m = dir(info, "prisma/migrations");
        assertEquals("prisma", m.tool());
        assertEquals(1, m.files());
        assertEquals(1, info.migrationDirs().size(), "the per-migration sub-folders are not folders of their own");
        assertFalse(info.has("typeorm"), "node_modules is skipped");
        assertNoSecret(info, "s3cr3t", "shop_owner", "db.internal");
    }

    @Test
    void django_from_requirements_settings_models_and_app_migrations() {
        ProjectFixtures.django(root);
        ProjectInfo info = detect();
        assertTrue(info.has("django"));
        assertFalse(info.has("alembic"), "virtual environments are skipped: " + info.summary());
        assertEquals(List.of("postgresql"), info.engineIds());
        assertTrue(info.engines().get(0).evidence().stream().anyMatch(e -> e.file().equals("shop/settings.py")));
        SchemaFile models = schema(info, "orders/models.py");
        assertEquals("django-models", models.format());
        assertEquals("django", models.tool());
        MigrationDir m = dir(info, "orders/migrations");
        assertEquals("django", m.tool());
        assertEquals(1, m.files(), "__init__.py is not a migration");
        assertNoSecret(info, "hunter2");
    }

    @Test
    void alembic_and_sqlalchemy_from_pyproject_and_alembic_ini() {
        ProjectFixtures.alembic(root);
        ProjectInfo info = detect();
        assertTrue(info.has("alembic"));
        assertTrue(info.has("sqlalchemy"));
        assertEquals(Category.MIGRATION_TOOL, tool(info, "alembic").category());
        assertEquals(List.of("postgresql"), info.engineIds());
        assertTrue(info.engines().get(0).evidence().stream()
                .anyMatch(e -> e.file().equals("alembic.ini") && e.why().contains("sqlalchemy.url")));
        assertEquals("alembic", dir(info, "migrations/versions").tool());
        assertEquals("sqlalchemy-models", schema(info, "billing/models.py").format());
        assertNoSecret(info, "topsecret", "billing:");
    }

    @Test
    void flyway_from_pom_conf_and_versioned_files() {
        ProjectFixtures.flyway(root);
        ProjectInfo info = detect();
        assertTrue(info.has("flyway"));
        assertEquals(List.of("postgresql"), info.engineIds());
        MigrationDir m = dir(info, "src/main/resources/db/migration");
        assertEquals("flyway", m.tool());
        assertEquals(2, m.files());
        assertEquals("flyway", dir(info, "sql/extra").tool(), "flyway.locations=filesystem:... is a migration folder");
        assertNoSecret(info, "pw123");
    }

    @Test
    void knex_from_knexfile_with_its_migrations_directory() {
        ProjectFixtures.knex(root);
        ProjectInfo info = detect();
        assertTrue(info.has("knex"));
        assertEquals(List.of("postgresql"), info.engineIds());
        assertTrue(info.engines().get(0).evidence().stream().anyMatch(e -> e.why().contains("client: \"pg\"")
                || e.why().contains("\"pg\"")));
        MigrationDir m = dir(info, "db/migrations");
        assertEquals("knex", m.tool());
        assertEquals(1, m.files());
    }

    @Test
    void drizzle_from_its_config_schema_and_out_folder() {
        ProjectFixtures.drizzle(root);
        ProjectInfo info = detect();
        assertTrue(info.has("drizzle"));
        assertEquals(List.of("postgresql"), info.engineIds());
        SchemaFile s = schema(info, "src/db/schema.ts");
        assertEquals("drizzle", s.format());
        assertEquals(FileKind.ORM_SCHEMA, s.kind());
        assertEquals("drizzle", dir(info, "drizzle").tool());
    }

    @Test
    void typeorm_from_data_source_entities_and_migrations() {
        ProjectFixtures.typeorm(root);
        ProjectInfo info = detect();
        assertTrue(info.has("typeorm"));
        assertEquals(List.of("postgresql"), info.engineIds());
        assertEquals("typeorm-entity", schema(info, "src/entity/User.entity.ts").format());
        assertEquals("typeorm", dir(info, "src/migrations").tool());
    }

    @Test
    void instantdb_from_its_packages_and_schema_file() {
        ProjectFixtures.instantdb(root);
        ProjectInfo info = detect();
        assertEquals(Category.PLATFORM, tool(info, "instantdb").category());
        assertEquals(List.of("instantdb"), info.engineIds());
        SchemaFile s = schema(info, "instant.schema.ts");
        assertEquals("instantdb", s.tool());
        assertTrue(info.migrationDirs().isEmpty());
    }

    @Test
    void plain_sql_project_has_a_schema_file_and_a_numbered_sql_folder() {
        ProjectFixtures.plainSql(root);
        ProjectInfo info = detect();
        assertEquals(List.of("sql"), info.toolIds());
        assertEquals(Category.PLAIN_SQL, info.tools().get(0).category());
        assertEquals(FileKind.SCHEMA_SQL, schema(info, "db/schema.sql").kind());
        MigrationDir m = dir(info, "sql");
        assertEquals("sql", m.tool());
        assertEquals(2, m.files());
        assertTrue(info.engineIds().isEmpty(), "nothing says which engine");
        assertTrue(info.summary().contains("engine unknown"), info.summary());
    }

    @Test
    void rails_supabase_golang_migrate_sqitch_and_liquibase() {
        Path rails = root.resolve("rails");
        ProjectFixtures.rails(rails);
        ProjectInfo r = new ProjectDetector().detect(rails);
        assertTrue(r.has("rails"));
        assertEquals(List.of("postgresql"), r.engineIds());
        assertEquals("rails", dir(r, "db/migrate").tool());
        assertEquals("rails", schema(r, "db/structure.sql").tool());

        Path supa = root.resolve("supa");
        ProjectFixtures.supabase(supa);
        ProjectInfo s = new ProjectDetector().detect(supa);
        assertTrue(s.has("supabase"));
        assertEquals(List.of("postgresql"), s.engineIds());
        assertEquals("supabase", dir(s, "supabase/migrations").tool());
        assertEquals(FileKind.SCHEMA_SQL, schema(s, "supabase/schemas/notes.sql").kind());

        Path go = root.resolve("go");
        ProjectFixtures.golangMigrate(go);
        ProjectInfo g = new ProjectDetector().detect(go);
        assertTrue(g.has("golang-migrate"));
        assertEquals(List.of("postgresql"), g.engineIds());
        assertEquals("golang-migrate", dir(g, "db/migrations").tool());

        Path sq = root.resolve("sqitch");
        ProjectFixtures.sqitch(sq);
        ProjectInfo q = new ProjectDetector().detect(sq);
        assertTrue(q.has("sqitch"));
        assertEquals(List.of("postgresql"), q.engineIds());
        assertEquals("sqitch", dir(q, "deploy").tool());
        assertNoSecret(q, "app:pw");

        Path lb = root.resolve("lb");
        ProjectFixtures.liquibase(lb);
        ProjectInfo l = new ProjectDetector().detect(lb);
        assertTrue(l.has("liquibase"));
        assertEquals(List.of("postgresql"), l.engineIds());
        assertEquals("liquibase", dir(l, "db/changelog").tool());
    }

    @Test
    void an_empty_folder_has_nothing_and_says_so() {
        ProjectInfo info = detect();
        assertTrue(info.tools().isEmpty());
        assertTrue(info.summary().startsWith("no ORM or migration tool found"), info.summary());
        assertFalse(info.truncated());
    }

    @Test
    void the_walk_is_bounded_by_depth_and_by_entries() {
        ProjectFixtures.write(root, "a/b/c/d/prisma/schema.prisma", ProjectFixtures.PRISMA_SCHEMA);
        assertFalse(new ProjectDetector(3, 1000).detect(root).has("prisma"), "below the depth limit");
        assertTrue(new ProjectDetector(5, 1000).detect(root).has("prisma"));
        for (int i = 0; i < 30; i++) {
            ProjectFixtures.write(root, "many/f" + i + ".txt", "x");
        }
        ProjectInfo capped = new ProjectDetector(6, 10).detect(root);
        assertTrue(capped.truncated());
        assertEquals(10, capped.filesScanned());
        assertTrue(capped.summary().contains("walk stopped early"), capped.summary());
    }

    @Test
    void a_file_is_not_a_project_folder() {
        ProjectFixtures.write(root, "x.txt", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ProjectDetector().detect(root.resolve("x.txt")));
        assertTrue(e.getMessage().endsWith("not a directory"), e.getMessage());
    }

    @Test
    void engine_of_url_reads_the_scheme_only() {
        assertEquals("postgresql", ProjectDetector.engineOfUrl("postgres://u:p@h/db"));
        assertEquals("postgresql", ProjectDetector.engineOfUrl("postgresql+asyncpg://h/db"));
        assertEquals("postgresql", ProjectDetector.engineOfUrl("jdbc:postgresql://h/db"));
        assertEquals("mysql", ProjectDetector.engineOfUrl("\"mysql://h/db\""));
        assertEquals("sqlite", ProjectDetector.engineOfUrl("sqlite:///app.db"));
        assertEquals(null, ProjectDetector.engineOfUrl("${DATABASE_URL}"));
        assertEquals(null, ProjectDetector.engineOfUrl("https://example.com"));
        assertNotNull(ProjectDetector.toolName("prisma"));
    }
}
