package io.schemapilot.agent.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineRequestTest {

    @TempDir
    Path root;

    @BeforeEach
    void files() throws Exception {
        Files.createDirectories(root.resolve("db/migrations"));
        Files.writeString(root.resolve("db/schema.sql"), "create table t(id int);");
        Files.writeString(root.resolve("db/migrations/V2__a.sql"), "alter table t add column a int;");
        Files.writeString(root.resolve("db/migrations/V3__b.sql"), "create index on t(a);");
        Files.writeString(root.resolve("old.sql"), "create table t(id int);");
        Files.writeString(root.resolve("new.sql"), "create table t(id int, a int);");
    }

    @Test
    void migrationAgainstSchema() {
        OfflineRequest r = OfflineRequest.parse("plan db/migrations/V2__a.sql against db/schema.sql", root);
        assertEquals(List.of("db/migrations/V2__a.sql"), r.migrations());
        assertEquals("db/schema.sql", r.schema());
        assertTrue(r.actionable());
    }

    @Test
    void globsAndFoldersExpandInOrder() {
        OfflineRequest glob = OfflineRequest.parse("check 'db/migrations/*.sql' with schema db/schema.sql.", root);
        assertEquals(List.of("db/migrations/V2__a.sql", "db/migrations/V3__b.sql"), glob.migrations());
        assertEquals("db/schema.sql", glob.schema());
        OfflineRequest folder = OfflineRequest.parse("plan db/migrations", root);
        assertEquals(List.of("db/migrations/V2__a.sql", "db/migrations/V3__b.sql"), folder.migrations());
        assertNull(folder.schema());
    }

    @Test
    void schemaNamedFileIsTheSchemaWithoutACue() {
        OfflineRequest r = OfflineRequest.parse("db/schema.sql db/migrations/V3__b.sql", root);
        assertEquals("db/schema.sql", r.schema());
        assertEquals(List.of("db/migrations/V3__b.sql"), r.migrations());
    }

    @Test
    void fromToPair() {
        OfflineRequest r = OfflineRequest.parse("plan --from old.sql --to new.sql", root);
        assertEquals("old.sql", r.from());
        assertEquals("new.sql", r.to());
        assertTrue(r.migrations().isEmpty());
        assertTrue(r.actionable());
    }

    @Test
    void inlineSql() {
        OfflineRequest r = OfflineRequest.parse("how do I ship ALTER TABLE users ADD COLUMN age int NOT NULL", root);
        assertEquals("ALTER TABLE users ADD COLUMN age int NOT NULL;", r.sql());
        assertTrue(r.actionable());
        OfflineRequest words = OfflineRequest.parse("please update me on the weather", root);
        assertNull(words.sql(), "'update me' is not SQL");
    }

    @Test
    void freeFormQuestionIsNotActionable() {
        OfflineRequest r = OfflineRequest.parse("what is the meaning of life?", root);
        assertFalse(r.actionable());
        assertTrue(OfflineChatModel.notUnderstood("x").contains("--model openai:"));
    }

    @Test
    void gitChangesAndWriting() {
        OfflineRequest r = OfflineRequest.parse("plan my changes and write flyway files into out/migrations", root);
        assertTrue(r.wantsGit());
        assertFalse(r.hasExplicitChange());
        assertEquals("out/migrations", r.writeDir());
        assertEquals("flyway", r.style());
    }

    @Test
    void missingFilesAreNotInvented() {
        OfflineRequest r = OfflineRequest.parse("plan nothing/here.sql", root);
        assertTrue(r.migrations().isEmpty());
        assertFalse(r.actionable());
    }

    @Test
    void databaseUrlIsKept() {
        OfflineRequest r = OfflineRequest.parse("plan db/migrations/V2__a.sql on postgres://u@h/db", root);
        assertEquals("postgres://u@h/db", r.dbUrl());
    }
}
