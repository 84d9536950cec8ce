package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.TestPaths;
import io.schemapilot.agent.tools.TestContexts;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolOutcome;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.plan.PlanRequest;
import io.schemapilot.plan.PlanService;
import io.schemapilot.report.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** plan_migration, submit_plan and write_migration_files on the examples, in a copy of the project. */
class PlanToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final String V2 = "examples/migrations/V2__add_orders_shipping_method.sql";
    static final String V6 = "examples/migrations/V6__drop_orders_legacy_code.sql";

    @TempDir
    Path project;

    ToolRegistry registry;
    Path schema;

    @BeforeEach
    void setUp() throws Exception {
        Path examples = TestPaths.project("examples");
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path p : files.toList()) {
                Path to = project.resolve("examples").resolve(examples.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        schema = project.resolve("examples/schema.sql");
        registry = new ToolRegistry(BuiltinTools.all());
    }

    private ToolContext ctx(ConfirmationGate gate) {
        return TestContexts.of(project, CatalogTarget.Source.schema(schema), gate, ToolContext.Limits.DEFAULT);
    }

    private ToolOutcome call(String tool, ObjectNode args, ConfirmationGate gate) {
        return registry.execute("p", tool, args.toString(), ctx(gate));
    }

    private ToolOutcome plan(String... paths) {
        ObjectNode args = JSON.createObjectNode();
        ArrayNode a = args.putArray("paths");
        for (String p : paths) {
            a.add(p);
        }
        return call("plan_migration", args, ConfirmationGate.denyAll());
    }

    /** The plan {@code schemapilot plan --schema examples/schema.sql FILES} makes, as JSON. */
    private JsonNode servicePlan(String... paths) throws Exception {
        List<PlanRequest.MigrationSource> sources = new ArrayList<>();
        for (String p : paths) {
            sources.add(new PlanRequest.MigrationSource(p, Files.readString(project.resolve(p))));
        }
        PlanService.Output out = new PlanService().plan(PlanService.Input.ofFiles(sources,
                CatalogTarget.Source.schema(schema)), null);
        return JSON.readTree(Json.write(out.plan()));
    }

    /** {@code n} parsed again (the same number node types on both sides), without the embedded database's name. */
    private static JsonNode reparsed(JsonNode n) throws Exception {
        JsonNode copy = JSON.readTree(n.toString());
        ((ObjectNode) copy.get("target")).remove("database");
        return copy;
    }

    @Test
    void plan_migration_returns_the_same_plan_as_the_plan_service() throws Exception {
        ToolOutcome o = plan(V2, V6);
        assertTrue(o.ok(), o.text());
        assertEquals(reparsed(servicePlan(V2, V6)), reparsed(o.data()));
        assertTrue(o.text().contains("submit_plan {\\\"use_last_plan\\\": true}") || o.text().contains("use_last_plan"),
                o.text());
        assertEquals("critical", o.data().get("risk").get("overall").asText());
    }

    @Test
    void plan_migration_diffs_two_schema_files() throws Exception {
        Files.writeString(project.resolve("new.sql"), Files.readString(schema).replace(
                "    legacy_code varchar(20),\n", "    legacy_code varchar(20),\n    note text,\n"));
        ToolOutcome o = call("plan_migration", JSON.createObjectNode().put("from", "examples/schema.sql")
                .put("to", "new.sql"), ConfirmationGate.denyAll());
        assertTrue(o.ok(), o.text());
        assertTrue(o.data().toString().contains("ADD COLUMN note text"), o.text());
        ToolOutcome half = call("plan_migration", JSON.createObjectNode().put("from", "examples/schema.sql"),
                ConfirmationGate.denyAll());
        assertFalse(half.ok());
        assertTrue(half.text().contains("'from' and 'to' go together"), half.text());
    }

    @Test
    void submit_plan_accepts_the_plan_of_the_plan_service() throws Exception {
        JsonNode expected = servicePlan(V2, V6);
        ToolOutcome direct = call("submit_plan", JSON.createObjectNode().set("plan", expected),
                ConfirmationGate.denyAll());
        assertTrue(direct.ok(), direct.text());
        assertTrue(direct.terminal());
        assertEquals(reparsed(expected), reparsed(direct.data()));
        assertTrue(direct.text().startsWith("plan accepted: "), direct.text());

        assertTrue(plan(V2).ok());
        ToolOutcome last = call("submit_plan", JSON.createObjectNode().put("use_last_plan", true),
                ConfirmationGate.denyAll());
        assertTrue(last.ok(), last.text());
        assertTrue(last.terminal());
        assertEquals(reparsed(servicePlan(V2)), reparsed(last.data()));
    }

    @Test
    void submit_plan_lists_every_problem_of_a_broken_plan() throws Exception {
        ObjectNode broken = (ObjectNode) servicePlan(V2, V6);
        broken.remove("title");
        ((ObjectNode) broken.get("risk")).put("overall", "severe");
        ((ObjectNode) broken.get("risk")).put("data_impact", "some");
        ObjectNode step = (ObjectNode) broken.get("phases").get(0).get("steps").get(0);
        String id = step.get("id").asText();
        step.remove("verify");
        step.putNull("down");
        step.remove("irreversible");
        step.put("lock", "BIG LOCK");
        ((ObjectNode) broken.get("phases").get(0)).put("name", "cleanup");
        broken.remove("rollback");

        ToolOutcome o = call("submit_plan", JSON.createObjectNode().set("plan", broken), ConfirmationGate.denyAll());
        assertFalse(o.ok());
        assertFalse(o.terminal());
        String t = o.text();
        assertTrue(t.startsWith("the plan is not valid ("), t);
        for (String expected : List.of("missing 'title'",
                "'risk.overall' must be one of [low, medium, high, critical], not \"severe\"",
                "'risk.data_impact' must be one of [none, minimal, significant, destructive]",
                "'phases[0].name' must be one of [expand, backfill, contract]",
                "step " + id + ": has no 'down' SQL and no 'irreversible' note",
                "step " + id + ": 'verify' must be a query",
                "step " + id + ": 'lock' must be a PostgreSQL lock mode",
                "missing 'rollback'",
                "Fix them and call submit_plan again")) {
            assertTrue(t.contains(expected), "missing \"" + expected + "\" in: " + t);
        }
        ToolOutcome empty = call("submit_plan", JSON.createObjectNode(), ConfirmationGate.denyAll());
        assertFalse(empty.ok());
        ToolOutcome noLast = call("submit_plan", JSON.createObjectNode().put("use_last_plan", true),
                ConfirmationGate.denyAll());
        assertFalse(noLast.ok());
        assertTrue(noLast.text().contains("call plan_migration first"), noLast.text());
    }

    @Test
    void submit_plan_refuses_a_step_that_loses_data_without_saying_so() throws Exception {
        ObjectNode plan = (ObjectNode) servicePlan(V6);
        assertTrue(PlanContract.problems(plan).isEmpty(), PlanContract.problems(plan).toString());
        String dropping = null;
        for (JsonNode ph : plan.get("phases")) {
            for (JsonNode s : ph.get("steps")) {
                if (s.get("up").asText().contains("DROP COLUMN")) {
                    assertTrue(s.get("destructive").asBoolean(), "the planner marks it");
                    ((ObjectNode) s).put("destructive", false);
                    dropping = s.get("id").asText();
                }
            }
        }
        assertNotNull(dropping);
        ToolOutcome o = call("submit_plan", JSON.createObjectNode().set("plan", plan), ConfirmationGate.denyAll());
        assertFalse(o.ok());
        assertTrue(o.text().contains("step " + dropping + ": its SQL loses data (drop-column) but it is not marked"
                + " destructive"), o.text());
    }

    @Test
    void write_migration_files_is_gated_by_the_folder_name() throws Exception {
        assertTrue(plan(V2).ok());
        ObjectNode args = JSON.createObjectNode().put("dir", "db/migrations").put("style", "flyway");
        ToolOutcome denied = call("write_migration_files", args, ConfirmationGate.denyAll());
        assertFalse(denied.ok());
        assertTrue(denied.text().startsWith("denied: not confirmed: needs --confirm db/migrations or --yes"),
                denied.text());
        assertEquals("db/migrations", denied.confirmation().target());
        assertTrue(denied.confirmation().action().startsWith("write "), denied.confirmation().action());
        assertTrue(denied.confirmation().action().contains("flyway migration file(s) to db/migrations: V1"),
                denied.confirmation().action());
        assertFalse(Files.exists(project.resolve("db")), "nothing was written");

        ToolOutcome written = call("write_migration_files", args, new ConfirmationGate(Set.of("db/migrations"), false, null));
        assertTrue(written.ok(), written.text());
        List<String> files = new ArrayList<>();
        written.data().get("files").forEach(f -> files.add(f.asText()));
        assertFalse(files.isEmpty());
        for (String f : files) {
            assertTrue(f.startsWith("db/migrations/V") || f.startsWith("db/migrations/U"), f);
            assertTrue(Files.isRegularFile(project.resolve(f)), f);
        }

        ToolOutcome again = call("write_migration_files", args, new ConfirmationGate(Set.of(), true, null));
        assertFalse(again.ok(), "never overwrites");
        assertTrue(again.text().contains("already exists; nothing was written"), again.text());
        assertEquals("--yes", again.confirmation().how(), "--yes confirms a write");

        ToolOutcome raw = call("write_migration_files", JSON.createObjectNode().put("dir", "sql/raw"),
                new ConfirmationGate(Set.of(), true, null));
        assertTrue(raw.ok(), raw.text());

        ToolOutcome outside = call("write_migration_files", JSON.createObjectNode().put("dir", "../elsewhere"),
                new ConfirmationGate(Set.of(), true, null));
        assertFalse(outside.ok());
        assertTrue(outside.text().contains("leaves the project"), outside.text());
        assertFalse(Files.exists(project.resolveSibling("elsewhere")));
    }

    @Test
    void write_migration_files_needs_a_plan() {
        ToolOutcome o = call("write_migration_files", JSON.createObjectNode().put("dir", "db"),
                new ConfirmationGate(Set.of(), true, null));
        assertFalse(o.ok());
        assertTrue(o.text().contains("call plan_migration first"), o.text());
        assertFalse(Files.exists(project.resolve("db")));
    }
}
