package io.schemapilot.agent.tools;

import io.schemapilot.agent.TestPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.schemapilot.agent.tools.ToolManifestLoaderTest.assertContains;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The manifests shipped in tools/ load cleanly and render the commands they promise. */
class RepoToolsTest {

    private static final Map<String, ToolManifest> TOOLS = new LinkedHashMap<>();

    @BeforeAll
    static void load() {
        for (ToolManifestLoadResult r : new ToolManifestLoader().loadDirectory(TestPaths.project("tools"))) {
            assertTrue(r.ok(), r.source() + ": " + r.error());
            assertTrue(r.warnings().isEmpty(), r.source() + ": " + r.warnings());
            TOOLS.put(r.manifest().name(), r.manifest());
        }
    }

    private static ToolManifest tool(String name) {
        ToolManifest m = TOOLS.get(name);
        assertNotNull(m, "no manifest " + name + " in tools/");
        return m;
    }

    @Test
    void ships_the_expected_tools_with_their_effects() {
        Map<String, Effect> expected = new LinkedHashMap<>();
        expected.put("drizzle_kit_generate", Effect.WRITE);
        expected.put("git_cli_diff", Effect.READ);
        expected.put("instant_cli_plan", Effect.READ);
        expected.put("instant_cli_pull", Effect.WRITE);
        expected.put("instant_cli_push_perms", Effect.WRITE);
        expected.put("instant_cli_push_schema", Effect.DESTRUCTIVE);
        expected.put("knex_migrate_list", Effect.READ);
        expected.put("pg_dump_schema", Effect.READ);
        expected.put("prisma_migrate_diff", Effect.READ);
        expected.put("psql_query", Effect.READ);
        Map<String, Effect> actual = new LinkedHashMap<>();
        TOOLS.values().forEach(m -> actual.put(m.name(), m.effect()));
        assertEquals(expected, actual);
        for (ToolManifest m : TOOLS.values()) {
            assertTrue(m.description().length() > 60, m.name());
            assertTrue(!KnownTools.isBuiltin(m.name()), m.name());
        }
    }

    @Test
    void instant_push_needs_the_app_id_typed_and_passes_the_token_by_environment_only() throws Exception {
        String app = "11111111-2222-4333-8444-555555555555";
        RenderedCommand c = tool("instant_cli_push_schema").render(Map.of("app_id", app,
                "renames", List.of("authors.legacyScore:authors.score")));
        assertEquals(List.of("npx", "--no-install", "instant-cli", "push", "schema", "--app", app, "--yes",
                "--rename", "authors.legacyScore:authors.score"), c.argv());
        assertEquals(Effect.DESTRUCTIVE, c.effect());
        assertEquals(app, c.confirmTarget());
        assertTrue(c.inheritedEnvironment().contains("INSTANT_APP_ADMIN_TOKEN"));
        assertTrue(c.argv().stream().noneMatch(a -> a.contains("token")));
        ToolArgumentException bad = assertThrows(ToolArgumentException.class,
                () -> tool("instant_cli_push_schema").render(Map.of("app_id", app, "renames", List.of("authors:writers"))));
        assertContains(bad.getMessage(), "'renames[0]' must match");
    }

    @Test
    void instant_plan_only_talks_to_a_loopback_capture_endpoint() throws Exception {
        String app = "11111111-2222-4333-8444-555555555555";
        RenderedCommand c = tool("instant_cli_plan").render(Map.of("app_id", app, "capture_url", "http://127.0.0.1:8899"));
        assertEquals("http://127.0.0.1:8899", c.environment().get("INSTANT_CLI_API_URI"));
        assertTrue(!c.inheritedEnvironment().contains("INSTANT_CLI_API_URI"));
        ToolArgumentException e = assertThrows(ToolArgumentException.class, () -> tool("instant_cli_plan")
                .render(Map.of("app_id", app, "capture_url", "https://api.instantdb.com")));
        assertContains(e.getMessage(), "'capture_url' must match");
    }

    @Test
    void psql_runs_one_read_only_query_in_a_read_only_session() throws Exception {
        RenderedCommand c = tool("psql_query").render(Map.of("sql", "SELECT count(*) FROM orders"));
        assertEquals(List.of("psql", "--no-psqlrc", "--csv", "--set=ON_ERROR_STOP=1", "--command",
                "SELECT count(*) FROM orders"), c.argv());
        assertContains(c.environment().get("PGOPTIONS"), "default_transaction_read_only=on");
        assertContains(c.environment().get("PGOPTIONS"), "statement_timeout=");
        for (String sql : List.of("UPDATE orders SET x = 1", "SELECT 1; DROP TABLE orders", "SELECT * FROM t FOR UPDATE",
                "WITH x AS (DELETE FROM t RETURNING 1) SELECT 1", "\\! id")) {
            assertThrows(ToolArgumentException.class, () -> tool("psql_query").render(Map.of("sql", sql)), sql);
        }
    }

    @Test
    void pg_dump_repeats_the_option_per_schema() throws Exception {
        RenderedCommand c = tool("pg_dump_schema").render(Map.of("schemas", List.of("public", "billing")));
        assertEquals(List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--lock-wait-timeout=10s",
                "--schema=public", "--schema=billing"), c.argv());
        assertEquals(List.of("pg_dump", "--schema-only", "--no-owner", "--no-privileges", "--lock-wait-timeout=10s"),
                tool("pg_dump_schema").render(Map.of()).argv());
    }

    @Test
    void git_diff_keeps_paths_inside_the_project_and_after_the_separator() throws Exception {
        RenderedCommand c = tool("git_cli_diff").render(Map.of("base", "main...HEAD", "paths", List.of("prisma/schema.prisma"),
                "stat", true));
        assertEquals(List.of("git", "--no-pager", "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--stat",
                "main...HEAD", "--", "prisma/schema.prisma"), c.argv());
        assertThrows(ToolArgumentException.class, () -> tool("git_cli_diff").render(Map.of("paths", List.of("../secrets"))));
        assertThrows(ToolArgumentException.class, () -> tool("git_cli_diff").render(Map.of("base", "--output=/tmp/x")));
    }

    @Test
    void node_tools_render_their_optional_options() throws Exception {
        assertEquals(List.of("npx", "--no-install", "prisma", "migrate", "diff", "--from-schema-datasource",
                        "prisma/schema.prisma", "--to-schema-datamodel", "prisma/schema.prisma", "--script"),
                tool("prisma_migrate_diff").render(Map.of("from", "schema-datasource", "from_path", "prisma/schema.prisma",
                        "to", "schema-datamodel", "to_path", "prisma/schema.prisma")).argv());
        assertThrows(ToolArgumentException.class, () -> tool("prisma_migrate_diff").render(Map.of("from", "url", "to", "empty")));
        assertEquals(List.of("npx", "--no-install", "drizzle-kit", "generate", "--name=add_status", "--custom"),
                tool("drizzle_kit_generate").render(Map.of("name", "add_status", "custom", true)).argv());
        assertEquals(List.of("npx", "--no-install", "knex", "migrate:list", "--env=production"),
                tool("knex_migrate_list").render(Map.of("env", "production")).argv());
    }
}
