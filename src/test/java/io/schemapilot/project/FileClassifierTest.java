package io.schemapilot.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.project.FileClassifier.Classification;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileClassifierTest {

    private static Classification c(String path) {
        return FileClassifier.classify(path, null);
    }

    @Test
    void migration_sql_by_name_or_folder() {
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "flyway"), c("db/V3__add_x.sql"));
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "flyway"), c("R__views.sql"));
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "prisma"), c("prisma/migrations/2024_x/migration.sql"));
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "golang-migrate"), c("x/000002_add.up.sql"));
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "sql"), c("sql/003_add_index.sql"));
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "sql"), c("migrations/add_index.sql"));
        assertEquals(FileKind.MIGRATION_SQL, c("deploy/users.sql").kind());
    }

    @Test
    void down_undo_revert_and_verify_scripts_are_not_migrations_to_plan() {
        assertEquals(FileKind.OTHER, c("x/000002_add.down.sql").kind());
        assertEquals(FileKind.OTHER, c("db/migration/U3__add_x.sql").kind());
        assertEquals(FileKind.OTHER, c("revert/users.sql").kind());
        assertEquals(FileKind.OTHER, c("verify/users.sql").kind());
        assertEquals(FileKind.OTHER, c("migrations/2024_x/down.sql").kind());
    }

    @Test
    void schema_sql_orm_schemas_and_the_rest() {
        assertEquals(FileKind.SCHEMA_SQL, c("db/schema.sql").kind());
        assertEquals(FileKind.SCHEMA_SQL, c("db/structure.sql").kind());
        assertEquals(FileKind.SCHEMA_SQL, c("app_schema.sql").kind());
        assertEquals(FileKind.SCHEMA_SQL, c("ddl/tables.sql").kind());
        assertEquals(new Classification(FileKind.ORM_SCHEMA, "prisma"), c("prisma/schema.prisma"));
        assertEquals(new Classification(FileKind.ORM_SCHEMA, "instantdb"), c("instant.schema.ts"));
        assertEquals(new Classification(FileKind.ORM_SCHEMA, "typeorm"), c("src/User.entity.ts"));
        assertEquals(FileKind.ORM_SCHEMA, c("app/models.py").kind());
        assertEquals(new Classification(FileKind.ORM_SCHEMA, "rails"), c("db/schema.rb"));
        assertEquals(new Classification(FileKind.OTHER, "rails"), c("db/migrate/20240101_x.rb"));
        assertEquals(FileKind.OTHER, c("orders/migrations/0002_x.py").kind());
        assertEquals(FileKind.OTHER, c("queries/report.sql").kind());
        assertNull(c("README.md"));
        assertNull(c("src/app.ts"));
        assertNull(c("orders/migrations/__init__.py"));
        assertTrue(FileClassifier.isSchemaSqlName("schemas/public.sql"));
        assertFalse(FileClassifier.isSchemaSqlName("db/seed.sql"));
    }

    @Test
    void the_detector_s_folders_and_schema_files_decide_first(@TempDir Path root) {
        ProjectFixtures.drizzle(root);
        ProjectInfo info = new ProjectDetector().detect(root);
        assertEquals(new Classification(FileKind.MIGRATION_SQL, "drizzle"), FileClassifier.classify("drizzle/0001_x.sql", info));
        assertEquals(new Classification(FileKind.ORM_SCHEMA, "drizzle"), FileClassifier.classify("src/db/schema.ts", info));
        assertEquals(new Classification(FileKind.OTHER, "drizzle"),
                FileClassifier.classify("drizzle/meta/0001_snapshot.json", info));

        Path knex = root.resolve("k");
        ProjectFixtures.knex(knex);
        ProjectInfo k = new ProjectDetector().detect(knex);
        assertEquals(new Classification(FileKind.OTHER, "knex"), FileClassifier.classify("db/migrations/2024_x.js", k));
    }
}
