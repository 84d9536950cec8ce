package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry never throws for a model's mistake, gates write tools, sanitises failures and caps results. */
class ToolRegistryTest {

    @TempDir
    Path project;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A tool whose behaviour a test supplies. */
    interface Body {
        ToolResult call(JsonNode args, ToolContext ctx) throws ToolFailure;
    }

    static final class Fake implements AgentTool {
        final String name;
        final Effect effect;
        final JsonObjectSchema schema;
        final Body body;
        final AtomicInteger calls = new AtomicInteger();
        final AtomicReference<JsonNode> lastArgs = new AtomicReference<>();

        Fake(String name, Effect effect, JsonObjectSchema schema, Body body) {
            this.name = name;
            this.effect = effect;
            this.schema = schema;
            this.body = body;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "a test tool";
        }

        @Override
        public JsonObjectSchema parameters() {
            return schema;
        }

        @Override
        public Effect effect() {
            return effect;
        }

        @Override
        public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
            calls.incrementAndGet();
            lastArgs.set(arguments);
            return body.call(arguments, context);
        }
    }

    private static JsonObjectSchema schema() {
        return JsonObjectSchema.builder()
                .addStringProperty("path", "a path")
                .addIntegerProperty("limit", "a number")
                .addBooleanProperty("all", "a flag")
                .addEnumProperty("mode", List.of("exact", "estimate"), "a mode")
                .required("path")
                .additionalProperties(false)
                .build();
    }

    private Fake echo(String name) {
        return new Fake(name, Effect.READ, schema(), (a, c) -> ToolResult.json(a));
    }

    private ToolContext ctx() {
        return TestContexts.of(project, CatalogTarget.Source.none());
    }

    @Test
    void unknown_tool_is_answered_with_the_available_tools() {
        ToolRegistry r = new ToolRegistry(List.of(echo("read_file"), echo("inspect_schema")));
        ToolOutcome o = r.execute("c1", "drop_everything", "{}", ctx());
        assertFalse(o.ok());
        assertEquals("c1", o.callId());
        assertTrue(o.text().contains("unknown tool 'drop_everything'"), o.text());
        assertTrue(o.text().contains("read_file, inspect_schema"), o.text());
    }

    @Test
    void malformed_or_non_object_arguments_are_refused_with_a_clear_message() {
        Fake t = echo("read_file");
        ToolRegistry r = new ToolRegistry(List.of(t));
        ToolOutcome bad = r.execute("c", "read_file", "{\"path\": \"a.sql\"", ctx());
        assertFalse(bad.ok());
        assertTrue(bad.text().startsWith("the arguments of read_file are not valid JSON"), bad.text());
        ToolOutcome trailing = r.execute("c", "read_file", "{\"path\": \"a\"} x", ctx());
        assertFalse(trailing.ok());
        ToolOutcome list = r.execute("c", "read_file", "[1, 2]", ctx());
        assertFalse(list.ok());
        assertTrue(list.text().contains("must be a JSON object"), list.text());
        assertEquals(0, t.calls.get(), "the tool never ran");
    }

    @Test
    void arguments_sent_as_a_json_string_are_unwrapped() {
        Fake t = echo("read_file");
        ToolOutcome o = new ToolRegistry(List.of(t)).execute("c", "read_file", "\"{\\\"path\\\": \\\"a.sql\\\"}\"", ctx());
        assertTrue(o.ok(), o.text());
        assertEquals("a.sql", t.lastArgs.get().get("path").asText());
    }

    @Test
    void missing_required_unknown_and_mistyped_arguments_are_listed() {
        Fake t = echo("read_file");
        ToolRegistry r = new ToolRegistry(List.of(t));
        ToolOutcome o = r.execute("c", "read_file", "{\"limit\": \"many\", \"colour\": \"red\", \"mode\": \"fast\"}", ctx());
        assertFalse(o.ok());
        assertTrue(o.text().contains("missing required argument 'path'"), o.text());
        assertTrue(o.text().contains("unknown argument 'colour'"), o.text());
        assertTrue(o.text().contains("'limit' must be a whole number"), o.text());
        assertTrue(o.text().contains("'mode' must be one of [exact, estimate]"), o.text());
        assertTrue(o.text().contains("path (string, required)"), o.text());
        assertEquals(0, t.calls.get());
    }

    @Test
    void obvious_conversions_are_made_and_nulls_count_as_absent() {
        Fake t = echo("read_file");
        ToolOutcome o = new ToolRegistry(List.of(t)).execute("c", "read_file",
                "{\"path\": 42, \"limit\": \"7\", \"all\": \"TRUE\", \"mode\": \"Exact\", \"extra\": null}", ctx());
        assertTrue(o.ok(), o.text());
        JsonNode a = t.lastArgs.get();
        assertEquals("42", a.get("path").asText());
        assertTrue(a.get("limit").isIntegralNumber());
        assertEquals(7, a.get("limit").intValue());
        assertTrue(a.get("all").booleanValue());
        assertEquals("exact", a.get("mode").asText());
        assertFalse(a.has("extra"));
    }

    @Test
    void a_persona_limits_the_tools_and_is_named_when_it_forbids_one() {
        ToolRegistry all = new ToolRegistry(List.of(echo("read_file"), echo("run_query"), echo("submit_plan")));
        Persona p = new Persona("reviewer", "Reviewer", "reviews", null, null, List.of("read_file", "submit_plan"),
                List.of(), List.of(), null, List.of(), List.of(), "body", null);
        ToolRegistry mine = all.forPersona(p);
        assertEquals(List.of("read_file", "submit_plan"), mine.names());
        List<String> specNames = new ArrayList<>();
        for (ToolSpecification s : mine.specifications()) {
            specNames.add(s.name());
        }
        assertEquals(List.of("read_file", "submit_plan"), specNames);
        ToolOutcome o = mine.execute("c", "run_query", "{\"path\": \"x\"}", ctx());
        assertFalse(o.ok());
        assertTrue(o.text().contains("the persona 'reviewer' may not call run_query"), o.text());
        assertTrue(o.text().contains("read_file, submit_plan"), o.text());
        assertEquals(3, all.forPersona(null).names().size());
    }

    @Test
    void claude_code_names_resolve_to_ours() {
        Fake t = echo("read_file");
        ToolOutcome o = new ToolRegistry(List.of(t)).execute("c", "Read", "{\"path\": \"a\"}", ctx());
        assertTrue(o.ok(), o.text());
        assertEquals("read_file", o.tool());
    }

    @Test
    void a_failing_tool_gives_one_sanitised_line_without_secrets() {
        Fake boom = new Fake("inspect_schema", Effect.READ, JsonObjectSchema.builder().build(), (a, c) -> {
            throw new IllegalStateException("cannot connect to postgres://app:hunter2@db.example:5432/prod\n"
                    + "\tat some.Stack(Trace.java:1)\nwith token tok_SUPERSECRET_123");
        });
        Fake npe = new Fake("check_data", Effect.READ, JsonObjectSchema.builder().build(), (a, c) -> {
            throw new NullPointerException();
        });
        Fake refused = new Fake("run_query", Effect.READ, JsonObjectSchema.builder().build(), (a, c) -> {
            throw new ToolFailure("refused: password=hunter2 is not allowed");
        });
        ToolRegistry r = new ToolRegistry(List.of(boom, npe, refused));
        ToolContext ctx = TestContexts.of(project, CatalogTarget.Source.none(), ConfirmationGate.denyAll(),
                ToolContext.Limits.DEFAULT, Map.of("INSTANT_ADMIN_TOKEN", "tok_SUPERSECRET_123"), null,
                project.resolve("results"));
        ToolOutcome o = r.execute("c", "inspect_schema", "{}", ctx);
        assertFalse(o.ok());
        assertFalse(o.text().contains("hunter2"), o.text());
        assertFalse(o.text().contains("tok_SUPERSECRET_123"), o.text());
        assertFalse(o.text().contains("\n"), o.text());
        assertTrue(o.text().startsWith("inspect_schema failed: cannot connect to postgres://app:***@db.example"), o.text());
        ToolOutcome n = r.execute("c", "check_data", "{}", ctx);
        assertFalse(n.ok());
        assertTrue(n.text().startsWith("internal error in check_data: NullPointerException"), n.text());
        ToolOutcome f = r.execute("c", "run_query", "{}", ctx);
        assertEquals("refused: password=*** is not allowed", f.text());
    }

    @Test
    void secrets_in_results_are_masked_in_text_and_data() {
        Fake leak = new Fake("read_file", Effect.READ, JsonObjectSchema.builder().build(), (a, c) -> {
            ObjectNode d = JSON.createObjectNode();
            d.put("url", "postgresql://u:pw12345@h/db");
            d.put("env", "key tok_SUPERSECRET_123");
            return ToolResult.json(d);
        });
        ToolContext ctx = TestContexts.of(project, CatalogTarget.Source.none(), ConfirmationGate.denyAll(),
                ToolContext.Limits.DEFAULT, Map.of("MY_API_KEY", "tok_SUPERSECRET_123"), null, project);
        ToolOutcome o = new ToolRegistry(List.of(leak)).execute("c", "read_file", "{}", ctx);
        assertTrue(o.ok());
        assertFalse(o.text().contains("pw12345") || o.text().contains("tok_SUPERSECRET_123"), o.text());
        assertFalse(o.data().toString().contains("pw12345") || o.data().toString().contains("tok_SUPERSECRET_123"));
        assertEquals("postgresql://u:***@h/db", o.data().get("url").asText());
    }

    @Test
    void a_write_tool_runs_only_after_the_gate_said_yes() {
        Fake write = new Fake("writer", Effect.WRITE, JsonObjectSchema.builder().addStringProperty("dir").build(),
                (a, c) -> ToolResult.text("wrote"));
        ToolRegistry r = new ToolRegistry(List.of(write));
        ToolOutcome denied = r.execute("c", "writer", "{\"dir\": \"db\"}", ctx());
        assertFalse(denied.ok());
        assertTrue(denied.text().startsWith("denied: not confirmed"), denied.text());
        assertTrue(denied.denied());
        assertEquals("writer", denied.confirmation().target());
        assertEquals("write", denied.confirmation().kind());
        assertEquals(0, write.calls.get(), "a denied tool does not run");

        ToolContext yes = TestContexts.of(project, CatalogTarget.Source.none(),
                new ConfirmationGate(Set.of(), true, null), ToolContext.Limits.DEFAULT);
        ToolOutcome ok = r.execute("c", "writer", "{\"dir\": \"db\"}", yes);
        assertTrue(ok.ok(), ok.text());
        assertTrue(ok.confirmation().approved());
        assertEquals("--yes", ok.confirmation().how());
        assertEquals(1, write.calls.get());
    }

    @Test
    void a_destructive_tool_is_never_confirmed_by_yes_and_asks_the_prompter_for_the_target() {
        Fake drop = new Fake("dropper", Effect.DESTRUCTIVE, JsonObjectSchema.builder().build(),
                (a, c) -> ToolResult.text("dropped"));
        ToolRegistry r = new ToolRegistry(List.of(drop));
        ToolContext yes = TestContexts.of(project, CatalogTarget.Source.none(),
                new ConfirmationGate(Set.of(), true, null), ToolContext.Limits.DEFAULT);
        ToolOutcome o = r.execute("c", "dropper", "{}", yes);
        assertFalse(o.ok());
        assertTrue(o.text().contains("--yes never confirms it"), o.text());
        assertEquals("destructive", o.confirmation().kind());
        assertEquals(0, drop.calls.get());

        List<ConfirmationGate.Request> asked = new ArrayList<>();
        ToolContext wrongAnswer = TestContexts.of(project, CatalogTarget.Source.none(),
                new ConfirmationGate(Set.of(), true, req -> {
                    asked.add(req);
                    return "yes";
                }), ToolContext.Limits.DEFAULT);
        assertFalse(r.execute("c", "dropper", "{}", wrongAnswer).ok());
        assertEquals(0, drop.calls.get());
        ToolContext typed = TestContexts.of(project, CatalogTarget.Source.none(),
                new ConfirmationGate(Set.of(), false, req -> req.target()), ToolContext.Limits.DEFAULT);
        ToolOutcome ran = r.execute("c", "dropper", "{}", typed);
        assertTrue(ran.ok(), ran.text());
        assertEquals(1, drop.calls.get());
        assertEquals(1, asked.size());
        assertEquals(ConfirmationGate.Kind.DESTRUCTIVE, asked.get(0).kind());
    }

    @Test
    void a_result_with_ok_false_is_reported_as_not_ok() {
        Fake t = new Fake("read_file", Effect.READ, JsonObjectSchema.builder().build(),
                (a, c) -> ToolResult.json(JSON.createObjectNode().put("ok", false).put("exit_code", 2)));
        ToolOutcome o = new ToolRegistry(List.of(t)).execute("c", "read_file", "", ctx());
        assertFalse(o.ok());
        assertEquals(2, o.data().get("exit_code").asInt());
        assertNull(o.confirmation());
    }

    @Test
    void a_large_json_result_is_summarised_with_a_pointer_to_the_full_result() throws Exception {
        ObjectNode big = JSON.createObjectNode();
        big.put("database", "shop");
        ArrayNode tables = big.putArray("tables");
        for (int i = 0; i < 500; i++) {
            tables.addObject().put("name", "public.table_" + i).put("rows", i * 1000).put("bytes", i * 8192);
        }
        Fake t = new Fake("inspect_schema", Effect.READ, JsonObjectSchema.builder().build(), (a, c) -> ToolResult.json(big));
        ToolContext ctx = TestContexts.of(project, CatalogTarget.Source.none(), ConfirmationGate.denyAll(),
                TestContexts.limits(2000, 200, Duration.ofSeconds(5)));
        ToolOutcome o = new ToolRegistry(List.of(t)).execute("call_7", "inspect_schema", "{}", ctx);
        assertTrue(o.ok());
        assertTrue(o.text().length() <= 2000, "capped: " + o.text().length());
        assertTrue(o.text().startsWith("summary: {\"database\":\"shop\",\"tables\":\"500 items\"}"), o.text());
        String full = big.toString();
        assertTrue(o.text().contains("[truncated: "), o.text());
        assertTrue(o.text().contains(" of " + full.length() + " chars; full result saved to .schemapilot/results/"),
                o.text());
        assertTrue(o.text().endsWith("; ask a narrower question]"), o.text());
        assertNotNull(o.fullResult());
        assertTrue(o.fullResult().getFileName().toString().endsWith("-inspect_schema-call_7.json"));
        assertEquals(full, Files.readString(o.fullResult()));
        assertEquals(big, o.data(), "the structured result is not cut");
    }

    @Test
    void a_large_text_result_keeps_its_head() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Fake t = new Fake("read_file", Effect.READ, JsonObjectSchema.builder().build(),
                (a, c) -> ToolResult.text(sb.toString()));
        ToolContext ctx = TestContexts.of(project, CatalogTarget.Source.none(), ConfirmationGate.denyAll(),
                TestContexts.limits(1000, 200, Duration.ofSeconds(5)));
        ToolOutcome o = new ToolRegistry(List.of(t)).execute("c", "read_file", "{}", ctx);
        assertTrue(o.text().startsWith("line 0\nline 1\n"), o.text());
        assertTrue(o.text().length() <= 1000);
        assertEquals(sb.toString(), Files.readString(o.fullResult()));
        ToolOutcome small = new ToolRegistry(List.of(echo("x"))).execute("c", "x", "{\"path\": \"p\"}", ctx);
        assertNull(small.fullResult());
    }

    @Test
    void two_tools_with_one_name_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new ToolRegistry(List.of(echo("a"), echo("a"))));
    }

    @Test
    void manifests_load_beside_the_builtins_and_broken_ones_are_reported(@TempDir Path tools) throws Exception {
        Files.writeString(tools.resolve("hello.yaml"), """
                name: hello_echo
                description: Prints a greeting; a harmless manifest for tests.
                effect: read
                command: [echo, "hello {who}"]
                arguments:
                  type: object
                  properties:
                    who: {type: string, pattern: "^[a-z]+$"}
                  required: [who]
                """);
        Files.writeString(tools.resolve("broken.yaml"), "name: broken\neffect: sometimes\n");
        Files.writeString(tools.resolve("clash.yaml"), """
                name: read_file
                description: tries to take a built-in name
                effect: read
                command: [cat]
                """);
        ToolRegistry r = ToolRegistry.load(List.of(echo("read_file")), List.of(tools, project.resolve("missing")));
        assertEquals(List.of("read_file", "hello_echo"), r.names());
        assertTrue(r.find("hello_echo").orElseThrow() instanceof ManifestTool);
        assertEquals(3, r.manifestResults().size());
        assertEquals(2, r.manifestResults().stream().filter(x -> !x.ok()).count());
        ToolOutcome o = r.execute("c", "hello_echo", "{\"who\": \"world\"}", ctx());
        assertTrue(o.ok(), o.text());
        assertEquals("hello world\n", o.data().get("stdout").asText());
        ToolOutcome bad = r.execute("c", "hello_echo", "{\"who\": \"World; rm -rf /\"}", ctx());
        assertFalse(bad.ok());
        assertTrue(bad.text().contains("'who' must match ^[a-z]+$"), bad.text());
    }
}
