package io.schemapilot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.PgTarget;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogSourcesTest {

    @TempDir
    Path tmp;

    @Test
    void from_a_schema_file() throws Exception {
        Path f = tmp.resolve("schema.sql");
        Files.writeString(f, "CREATE TABLE t (id int PRIMARY KEY, name varchar(20));\n");
        CatalogSnapshot s = CatalogSources.fromSchemaFile(f);
        assertEquals("character varying(20)",
                s.table(QualifiedName.of("t")).orElseThrow().column("name").orElseThrow().type());
    }

    @Test
    void a_schema_file_that_does_not_load_is_exit_2() throws Exception {
        Path f = tmp.resolve("broken.sql");
        Files.writeString(f, "CREATE TABLE t (id int);\nCREATE INDEX ON missing (id);\n");
        SchemaLoadException e = assertThrows(SchemaLoadException.class, () -> CatalogSources.fromSchemaFile(f));
        assertEquals(f + ": statement 2 (line 2) failed: ERROR: relation \"missing\" does not exist",
                e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void from_a_database_url_on_each_server() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                c.createStatement().execute("CREATE TABLE live (id int)");
            }
            PgTarget t = db.target();
            String url = "postgres://" + t.user() + "@" + t.endpoints().get(0) + "/" + db.name();
            CatalogSnapshot s = CatalogSources.fromDatabase(url);
            assertEquals(db.name(), s.database());
            assertTrue(s.table(QualifiedName.of("live")).isPresent());
        });
    }

    @Test
    void a_database_that_cannot_be_read_is_exit_3_with_the_target_named() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.fresh()) {
            String url = "postgres://postgres:sekret@localhost:" + TestDatabases.embedded().port() + "/nope_"
                    + db.name();
            DatabaseException e = assertThrows(DatabaseException.class, () -> CatalogSources.fromDatabase(url));
            assertEquals(DatabaseException.Kind.MISSING_DATABASE, e.kind());
            assertEquals(3, e.exitCode());
            assertTrue(e.getMessage().startsWith("cannot connect to postgres://postgres@localhost:"), e.getMessage());
            assertFalse(e.getMessage().contains("sekret"));
        }
    }
}
