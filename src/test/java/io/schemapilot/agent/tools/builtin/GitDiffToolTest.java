package io.schemapilot.agent.tools.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.project.ProjectFixtures;
import io.schemapilot.project.TestGit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDiffToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ToolContext context(Path project, int maxResultChars) {
        return new ToolContext(project, null, null, null, Map.of(), project.resolve(".schemapilot/results"),
                new ToolContext.Limits(maxResultChars, 200, Duration.ofSeconds(5)));
    }

    private static JsonNode call(Path project, String args) throws Exception {
        return new GitDiffTool().call(JSON.readTree(args), context(project, 12_000)).data();
    }

    private TestGit repo() {
        TestGit g = TestGit.init(dir);
        g.write("db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n")
                .write("db/migrations/001_init.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n")
                .commitAll("initial");
        return g;
    }

    @Test
    void describes_itself_as_a_read_tool() {
        GitDiffTool t = new GitDiffTool();
        assertEquals("git_diff", t.name());
        assertEquals(Effect.READ, t.effect());
        assertTrue(t.parameters().properties().keySet().containsAll(java.util.List.of("rev", "include_diff")));
    }

    @Test
    void lists_changed_migrations_says_what_to_plan_and_adds_the_diff_on_request() throws Exception {
        TestGit g = repo();
        g.write("db/migrations/002_add_name.sql", "ALTER TABLE t ADD COLUMN name text;\n");
        g.write("db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY, name text);\n");
        JsonNode d = call(dir, "{}");
        assertEquals("HEAD", d.path("rev").asText());
        assertEquals(2, d.path("files").size(), d.toString());
        JsonNode added = d.path("files").get(0);
        assertEquals("db/migrations/002_add_name.sql", added.path("path").asText());
        assertEquals("added", added.path("status").asText());
        assertEquals("migration_sql", added.path("kind").asText());
        assertTrue(added.path("untracked").asBoolean());
        assertEquals("modified", d.path("files").get(1).path("status").asText());
        assertEquals("schema_sql", d.path("files").get(1).path("kind").asText());
        assertEquals("plan_migration_files", d.path("next").path("action").asText());
        assertEquals("db/migrations/002_add_name.sql", d.path("next").path("files").get(0).asText());
        assertTrue(d.path("diff").isMissingNode(), "no diff unless asked");

        JsonNode withDiff = call(dir, "{\"include_diff\": true}");
        String diff = withDiff.path("diff").asText();
        assertTrue(diff.contains("+ALTER TABLE t ADD COLUMN name text;"), diff);
        assertTrue(diff.contains("-CREATE TABLE t (id bigint PRIMARY KEY);"), diff);
        assertFalse(withDiff.path("diff_truncated").asBoolean());
    }

    @Test
    void the_diff_is_capped_by_the_result_limit() throws Exception {
        TestGit g = repo();
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            big.append("ALTER TABLE t ADD COLUMN c").append(i).append(" int;\n");
        }
        g.write("db/migrations/002_many.sql", big.toString());
        JsonNode d = new GitDiffTool().call(JSON.readTree("{\"include_diff\": \"true\"}"), context(dir, 1_500)).data();
        assertTrue(d.path("diff_truncated").asBoolean());
        assertTrue(d.path("diff").asText().length() < 1_200, "capped at 1000 characters and a note");
    }

    @Test
    void orm_only_changes_and_an_older_rev() throws Exception {
        TestGit g = TestGit.init(dir);
        ProjectFixtures.prismaPostgres(dir);
        g.commitAll("prisma");
        g.write("prisma/migrations/20240201000000_posts/migration.sql", "CREATE TABLE post (id int PRIMARY KEY);\n")
                .commitAll("posts");
        g.write("prisma/schema.prisma", ProjectFixtures.PRISMA_SCHEMA + "\nmodel Tag { id Int @id }\n");
        JsonNode head = call(dir, "{}");
        assertEquals("produce_sql_first", head.path("next").path("action").asText());
        assertTrue(head.path("next").path("message").asText().contains("prisma migrate dev"), head.toString());
        assertEquals("orm_schema", head.path("files").get(0).path("kind").asText());
        assertEquals("prisma", head.path("files").get(0).path("tool").asText());

        JsonNode older = call(dir, "{\"rev\": \"HEAD~1\"}");
        assertEquals("plan_migration_files", older.path("next").path("action").asText(), older.toString());
        assertEquals("prisma/migrations/20240201000000_posts/migration.sql",
                older.path("next").path("files").get(0).asText());
    }

    @Test
    void a_project_inside_a_larger_repository_sees_only_its_own_files() throws Exception {
        TestGit g = TestGit.init(dir);
        g.write("services/billing/db/schema.sql", "CREATE TABLE inv (id int);\n")
                .write("services/other/db/schema.sql", "CREATE TABLE x (id int);\n")
                .commitAll("two services");
        g.write("services/billing/db/schema.sql", "CREATE TABLE inv (id int, total int);\n");
        g.write("services/other/db/schema.sql", "CREATE TABLE x (id int, y int);\n");
        JsonNode d = call(dir.resolve("services/billing"), "{\"include_diff\": true}");
        assertEquals(1, d.path("files").size(), d.toString());
        assertEquals("db/schema.sql", d.path("files").get(0).path("path").asText());
        assertEquals(1, d.path("changed_outside_project").asInt());
        assertEquals("plan_schema_change", d.path("next").path("action").asText());
        assertFalse(d.path("diff").asText().contains("CREATE TABLE x"), "the other service's diff is not shown");
    }

    @Test
    void errors_are_tool_failures(@TempDir Path plain) throws Exception {
        ToolFailure notRepo = assertThrows(ToolFailure.class, () -> call(plain, "{}"));
        assertTrue(notRepo.getMessage().contains("not inside a git repository"), notRepo.getMessage());
        assertFalse(notRepo.getMessage().contains(plain.toString()), "the project is not named by its full path");
        repo();
        ToolFailure bad = assertThrows(ToolFailure.class, () -> call(dir, "{\"rev\": \"no-such\"}"));
        assertTrue(bad.getMessage().startsWith("unknown revision 'no-such'"), bad.getMessage());
        ToolFailure option = assertThrows(ToolFailure.class, () -> call(dir, "{\"rev\": \"--upload-pack=x\"}"));
        assertTrue(option.getMessage().contains("is not a revision"), option.getMessage());
    }
}
