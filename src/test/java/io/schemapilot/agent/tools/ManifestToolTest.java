package io.schemapilot.agent.tools;

import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manifest tools run real processes: no shell, a clean environment, a timeout, and the gate before any change. */
class ManifestToolTest {

    @TempDir
    Path project;

    /** A harmless command declared destructive: it creates the file it is given. */
    private static final String TOUCH = """
            name: touch_file
            description: Creates an empty file in the project; declared destructive for the gate tests.
            effect: destructive
            timeout: 10s
            command: [touch, "{file}"]
            arguments:
              type: object
              properties:
                file: {type: string, pattern: "^[a-z.]+$", x-check: relative-path}
              required: [file]
            confirm: "{file}"
            """;

    private ToolRegistry registry(String... manifests) throws Exception {
        Path dir = Files.createDirectories(project.resolve("tools"));
        int i = 0;
        for (String m : manifests) {
            Files.writeString(dir.resolve("m" + (i++) + ".yaml"), m);
        }
        ToolRegistry r = ToolRegistry.load(List.of(), List.of(dir));
        for (ToolManifestLoadResult res : r.manifestResults()) {
            assertTrue(res.ok(), res.source() + ": " + res.error());
        }
        return r;
    }

    private ToolContext ctx(ConfirmationGate gate) {
        return TestContexts.of(project, CatalogTarget.Source.none(), gate, ToolContext.Limits.DEFAULT);
    }

    @Test
    void a_destructive_manifest_is_stopped_at_the_gate_without_confirmation() throws Exception {
        ToolRegistry r = registry(TOUCH);
        ToolOutcome o = r.execute("c1", "touch_file", "{\"file\": \"marker.txt\"}", ctx(ConfirmationGate.denyAll()));
        assertFalse(o.ok());
        assertTrue(o.text().startsWith("denied: not confirmed: a destructive action needs --confirm marker.txt"),
                o.text());
        assertEquals("touch marker.txt", o.confirmation().action());
        assertEquals("marker.txt", o.confirmation().target());
        assertEquals("destructive", o.confirmation().kind());
        assertFalse(o.confirmation().approved());
        assertFalse(Files.exists(project.resolve("marker.txt")), "the command did not run");
    }

    @Test
    void yes_never_confirms_a_destructive_manifest() throws Exception {
        ToolRegistry r = registry(TOUCH);
        ToolOutcome o = r.execute("c1", "touch_file", "{\"file\": \"marker.txt\"}",
                ctx(new ConfirmationGate(Set.of(), true, null)));
        assertFalse(o.ok());
        assertTrue(o.text().contains("--yes never confirms it"), o.text());
        assertFalse(Files.exists(project.resolve("marker.txt")));
        ToolOutcome other = r.execute("c2", "touch_file", "{\"file\": \"marker.txt\"}",
                ctx(new ConfirmationGate(Set.of("another.txt"), true, null)));
        assertFalse(other.ok(), "confirming another target does not count");
        assertFalse(Files.exists(project.resolve("marker.txt")));
    }

    @Test
    void a_destructive_manifest_runs_with_its_target_confirmed() throws Exception {
        ToolRegistry r = registry(TOUCH);
        ToolOutcome o = r.execute("c1", "touch_file", "{\"file\": \"marker.txt\"}",
                ctx(new ConfirmationGate(Set.of("marker.txt"), false, null)));
        assertTrue(o.ok(), o.text());
        assertEquals("--confirm marker.txt", o.confirmation().how());
        assertEquals(0, o.data().get("exit_code").asInt());
        assertTrue(o.text().startsWith("$ touch marker.txt\nexit code 0"), o.text());
        assertTrue(Files.exists(project.resolve("marker.txt")), "ran in the project folder");
    }

    @Test
    void typing_the_target_at_the_prompt_confirms_and_anything_else_does_not() throws Exception {
        ToolRegistry r = registry(TOUCH);
        ToolOutcome no = r.execute("c1", "touch_file", "{\"file\": \"marker.txt\"}",
                ctx(new ConfirmationGate(Set.of(), false, req -> "y")));
        assertFalse(no.ok());
        assertFalse(Files.exists(project.resolve("marker.txt")));
        ToolOutcome yes = r.execute("c2", "touch_file", "{\"file\": \"marker.txt\"}",
                ctx(new ConfirmationGate(Set.of(), false, req -> " marker.txt ")));
        assertTrue(yes.ok(), yes.text());
        assertTrue(Files.exists(project.resolve("marker.txt")));
    }

    @Test
    void invalid_arguments_are_refused_before_the_gate_is_asked() throws Exception {
        ToolRegistry r = registry(TOUCH);
        int[] asked = {0};
        ToolOutcome o = r.execute("c1", "touch_file", "{\"file\": \"../escape\"}",
                ctx(new ConfirmationGate(Set.of(), false, req -> {
                    asked[0]++;
                    return req.target();
                })));
        assertFalse(o.ok());
        assertNull(o.confirmation());
        assertEquals(0, asked[0]);
        assertTrue(o.text().startsWith("invalid arguments for touch_file"), o.text());
        ToolOutcome missing = r.execute("c2", "touch_file", "{}", ctx(ConfirmationGate.denyAll()));
        assertTrue(missing.text().contains("missing required argument 'file'"), missing.text());
    }

    @Test
    void values_are_single_arguments_never_shell_text() throws Exception {
        ToolRegistry r = registry("""
                name: say
                description: Prints its text argument back; shows that no shell sees the value.
                effect: read
                command: [printf, "%s", "{text}"]
                arguments:
                  type: object
                  properties:
                    text: {type: string}
                  required: [text]
                """);
        String nasty = "$(touch pwned); `touch pwned2` && touch pwned3 | cat > x";
        ToolOutcome o = r.execute("c", "say", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                .put("text", nasty).toString(), ctx(ConfirmationGate.denyAll()));
        assertTrue(o.ok(), o.text());
        assertEquals(nasty, o.data().get("stdout").asText());
        try (var files = Files.list(project)) {
            assertEquals(List.of("tools"), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void the_environment_is_only_the_base_the_set_and_the_passed_names() throws Exception {
        ToolRegistry r = registry("""
                name: show_env
                description: Prints the environment of the child process, for the environment test.
                effect: read
                command: [printenv]
                env:
                  set: {SP_SET: from-manifest}
                  pass: [SP_PASSED]
                """);
        Map<String, String> env = Map.of("PATH", System.getenv("PATH"), "SP_PASSED", "passed-value",
                "SP_NOT_PASSED", "must-not-leak", "PGPASSWORD", "must-not-leak-either");
        ToolContext ctx = TestContexts.of(project, CatalogTarget.Source.none(), ConfirmationGate.denyAll(),
                ToolContext.Limits.DEFAULT, env, null, project.resolve("results"));
        ToolOutcome o = r.execute("c", "show_env", "{}", ctx);
        assertTrue(o.ok(), o.text());
        String out = o.data().get("stdout").asText();
        assertTrue(out.contains("SP_SET=from-manifest\n"), out);
        assertTrue(out.contains("SP_PASSED=passed-value\n"), out);
        assertTrue(out.contains("PATH="), out);
        assertFalse(out.contains("SP_NOT_PASSED") || out.contains("must-not-leak"), out);
    }

    @Test
    void a_command_past_its_timeout_is_killed() throws Exception {
        ToolRegistry r = registry("""
                name: slow
                description: Sleeps far longer than its timeout allows, for the timeout test.
                effect: read
                timeout: 500ms
                command: [sleep, "30"]
                """);
        long t0 = System.nanoTime();
        ToolOutcome o = r.execute("c", "slow", "{}", ctx(ConfirmationGate.denyAll()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(o.ok());
        assertTrue(ms < 10_000, "took " + ms + " ms");
        assertTrue(o.data().get("timed_out").asBoolean());
        assertTrue(o.text().contains("timed out after 500ms; the process was killed"), o.text());
    }

    @Test
    void a_failing_command_is_not_ok_and_its_stderr_and_exit_code_come_back() throws Exception {
        ToolRegistry r = registry("""
                name: list_dir
                description: Lists a folder of the project with ls, for the failure test.
                effect: read
                command: [ls, "{dir}"]
                arguments:
                  type: object
                  properties:
                    dir: {type: string}
                  required: [dir]
                """, """
                name: no_such_program
                description: Names a program that is not installed, for the start failure test.
                effect: read
                command: [schemapilot-no-such-program-xyz]
                """);
        ToolOutcome o = r.execute("c", "list_dir", "{\"dir\": \"nothing-here\"}", ctx(ConfirmationGate.denyAll()));
        assertFalse(o.ok());
        assertTrue(o.data().get("exit_code").asInt() != 0);
        assertTrue(o.data().get("stderr").asText().contains("nothing-here"), o.text());
        assertTrue(o.text().contains("(failed)"), o.text());
        ToolOutcome missing = r.execute("c", "no_such_program", "{}", ctx(ConfirmationGate.denyAll()));
        assertFalse(missing.ok());
        assertTrue(missing.text().startsWith("cannot run 'schemapilot-no-such-program-xyz'"), missing.text());
    }

    @Test
    void the_schema_for_the_model_carries_enums_and_hints() throws Exception {
        ToolRegistry r = registry(TOUCH, """
                name: pick
                description: Echoes a choice; checks how enums and defaults reach the model.
                effect: read
                command: [echo, "{choice}"]
                arguments:
                  type: object
                  properties:
                    choice: {type: string, enum: [a, b], default: a, description: The choice.}
                """);
        JsonObjectSchema touch = r.find("touch_file").orElseThrow().parameters();
        assertEquals(List.of("file"), touch.required());
        assertEquals(Boolean.FALSE, touch.additionalProperties());
        JsonObjectSchema pick = r.find("pick").orElseThrow().parameters();
        JsonEnumSchema choice = (JsonEnumSchema) pick.properties().get("choice");
        assertEquals(List.of("a", "b"), choice.enumValues());
        assertTrue(choice.description().contains("default \"a\""), choice.description());
        assertTrue(r.find("touch_file").orElseThrow().description().contains("destructive: runs only after"));
        ToolOutcome o = r.execute("c", "pick", "{}", ctx(ConfirmationGate.denyAll()));
        assertEquals("a\n", o.data().get("stdout").asText());
    }

    @Test
    void the_repo_manifests_become_tools_beside_the_builtins() {
        ToolRegistry r = ToolRegistry.load(io.schemapilot.agent.tools.builtin.BuiltinTools.all(),
                List.of(io.schemapilot.agent.TestPaths.project("tools")));
        assertTrue(r.notes().isEmpty(), r.notes().toString());
        assertTrue(r.manifestResults().stream().allMatch(ToolManifestLoadResult::ok));
        assertTrue(r.names().containsAll(List.of("read_file", "run_query", "submit_plan", "psql_query",
                "instant_cli_push_schema", "pg_dump_schema")), r.names().toString());
        assertEquals(r.names().size(), r.specifications().size());
        AgentTool push = r.find("instant_cli_push_schema").orElseThrow();
        assertEquals(Effect.DESTRUCTIVE, push.effect());
        ToolOutcome o = r.execute("c", "instant_cli_push_schema",
                "{\"app_id\": \"11111111-2222-3333-4444-555555555555\"}", ctx(new ConfirmationGate(Set.of(), true, null)));
        assertFalse(o.ok());
        assertEquals("11111111-2222-3333-4444-555555555555", o.confirmation().target(), "confirmed by the app id");
        assertTrue(o.text().startsWith("denied:"), o.text());
    }
}
