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
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.project.ProjectFixtures;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectProjectToolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    private ToolContext context() {
        return new ToolContext(root, null, null, null, Map.of(), root.resolve(".schemapilot/results"), null);
    }

    private ToolResult call(String args) throws Exception {
        return new DetectProjectTool().call(JSON.readTree(args), context());
    }

    @Test
    void describes_itself_as_a_read_tool_with_an_optional_path() {
        DetectProjectTool t = new DetectProjectTool();
        assertEquals("detect_project", t.name());
        assertEquals(Effect.READ, t.effect());
        assertTrue(t.parameters().properties().containsKey("path"));
        assertTrue(t.parameters().required() == null || t.parameters().required().isEmpty());
        assertEquals("detect_project", t.specification().name());
    }

    @Test
    void finds_prisma_on_postgresql_with_evidence_and_no_secret() throws Exception {
        ProjectFixtures.prismaPostgres(root);
        ToolResult r = call("{}");
        JsonNode d = r.data();
        assertEquals(d.toString(), r.text());
        assertTrue(d.path("summary").asText().startsWith("Prisma (orm)"), d.path("summary").asText());
        assertEquals("prisma", d.path("tools").get(0).path("id").asText());
        assertEquals("orm", d.path("tools").get(0).path("category").asText());
        assertEquals("postgresql", d.path("engines").get(0).path("id").asText());
        assertEquals("prisma/schema.prisma", d.path("schema_files").get(0).path("path").asText());
        assertEquals("orm_schema", d.path("schema_files").get(0).path("kind").asText());
        assertEquals("prisma/migrations", d.path("migration_dirs").get(0).path("path").asText());
        assertFalse(r.text().contains("s3cr3t") || r.text().contains("shop_owner"), r.text());
    }

    @Test
    void a_path_looks_at_one_folder_and_keeps_paths_relative_to_the_project() throws Exception {
        ProjectFixtures.django(root.resolve("apps/api"));
        ProjectFixtures.instantdb(root.resolve("apps/web"));
        JsonNode api = call("{\"path\": \"apps/api\"}").data();
        assertEquals("apps/api", api.path("path").asText());
        assertEquals(1, api.path("tools").size(), api.toString());
        assertEquals("django", api.path("tools").get(0).path("id").asText());
        assertEquals("apps/api/orders/migrations", api.path("migration_dirs").get(0).path("path").asText());
        for (JsonNode e : api.path("tools").get(0).path("evidence")) {
            assertTrue(e.path("file").asText().startsWith("apps/api/"), e.toString());
        }
        JsonNode all = call("{\"path\": \".\"}").data();
        assertTrue(all.toString().contains("\"instantdb\"") && all.toString().contains("\"django\""), all.toString());
    }

    @Test
    void refuses_paths_outside_the_project_files_and_missing_folders() throws Exception {
        ProjectFixtures.plainSql(root);
        ToolFailure up = assertThrows(ToolFailure.class, () -> call("{\"path\": \"../\"}"));
        assertTrue(up.getMessage().contains("leaves the project"), up.getMessage());
        ToolFailure abs = assertThrows(ToolFailure.class, () -> call("{\"path\": \"/etc\"}"));
        assertTrue(abs.getMessage().contains("outside the project"), abs.getMessage());
        ToolFailure file = assertThrows(ToolFailure.class, () -> call("{\"path\": \"db/schema.sql\"}"));
        assertTrue(file.getMessage().contains("is not a folder"), file.getMessage());
        ToolFailure missing = assertThrows(ToolFailure.class, () -> call("{\"path\": \"nope\"}"));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
