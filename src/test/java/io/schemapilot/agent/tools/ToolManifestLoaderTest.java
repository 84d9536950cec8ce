package io.schemapilot.agent.tools;

import io.schemapilot.agent.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolManifestLoaderTest {

    private final ToolManifestLoader loader = new ToolManifestLoader();

    @Test
    void every_bad_manifest_gets_its_own_clear_error() {
        List<ToolManifestLoadResult> results = loader.loadDirectory(TestPaths.resource("manifests/bad"));
        Map<String, String> errors = new LinkedHashMap<>();
        for (ToolManifestLoadResult r : results) {
            assertFalse(r.ok(), r.source() + " should fail");
            assertNull(r.manifest());
            errors.put(r.source().getFileName().toString(), r.error());
        }
        assertEquals(10, errors.size(), errors.toString());
        assertContains(errors.get("unknown-effect.yaml"), "unknown effect 'maybe'; use read, write or destructive");
        assertContains(errors.get("missing-command.yaml"), "missing 'command'");
        assertContains(errors.get("undeclared-placeholder.yaml"), "placeholder {table} in command has no declared argument 'table'");
        assertContains(errors.get("shell.yaml"), "'/bin/sh' is a shell or launcher");
        assertContains(errors.get("boolean-without-flag.yaml"), "argument 'verbose' is a boolean: give 'x-flag'");
        assertContains(errors.get("bad-pattern.yaml"), "argument 'x': 'pattern' is not a valid regular expression");
        assertContains(errors.get("builtin-name.yaml"), "name 'run_query' is a built-in tool");
        assertContains(errors.get("not-yaml.yaml"), "not valid YAML: ");
        assertContains(errors.get("program-placeholder.yaml"), "the first word must be the program itself");
        String many = errors.get("many-problems.yaml");
        assertContains(many, "name 'Many-Problems' must be lower-case");
        assertContains(many, "missing 'description'");
        assertContains(many, "timeout 'forever' is not a duration");
        assertContains(many, "argument 'a' has unknown type 'text'");
        assertContains(many, "'arguments.required' names 'b', which is not declared");
    }

    @Test
    void good_manifests_load_with_their_settings() {
        List<ToolManifestLoadResult> results = loader.loadDirectory(TestPaths.resource("manifests/good"));
        assertEquals(2, results.size());
        ToolManifest echo = results.get(0).manifest();
        assertEquals("echo_args", echo.name());
        assertEquals(Effect.READ, echo.effect());
        assertEquals(Duration.ofSeconds(5), echo.timeout());
        assertEquals(List.of("SOME_TOKEN"), echo.passEnvironment());
        assertEquals(List.of("argument 'dashy' is declared but not used in the command, env or confirm"),
                results.get(0).warnings());
        ToolManifest confirm = results.get(1).manifest();
        assertTrue(results.get(1).warnings().isEmpty(), results.get(1).warnings().toString());
        assertEquals(Effect.DESTRUCTIVE, confirm.effect());
        assertEquals(Duration.ofMinutes(2), confirm.timeout());
        assertEquals("echo fixed {word} [--pair {pair}] --each={each} {all} {flag} {count} x={{literal}}",
                echo.command().toString());
    }

    @Test
    void parameters_schema_is_plain_json_schema() {
        ToolManifest echo = loader.loadFile(TestPaths.resource("manifests/good/echo_args.yaml")).manifest();
        String schema = echo.parametersSchema().toString();
        assertTrue(schema.startsWith("{\"type\":\"object\",\"properties\":{\"word\":{\"type\":\"string\""), schema);
        assertTrue(schema.contains("\"required\":[\"word\"]"), schema);
        assertTrue(schema.contains("\"additionalProperties\":false"), schema);
        assertFalse(schema.contains("x-"), schema);
    }

    @Test
    void a_name_used_twice_fails_the_later_file(@TempDir Path dir) throws IOException {
        String body = "description: d\neffect: read\ncommand: [echo]\n";
        Files.writeString(dir.resolve("a.yaml"), "name: same\n" + body);
        Files.writeString(dir.resolve("b.yml"), "name: same\n" + body);
        Files.writeString(dir.resolve("c-default-name.yaml"), body);
        Files.writeString(dir.resolve("README.md"), "not a manifest");
        List<ToolManifestLoadResult> r = loader.loadDirectory(dir);
        assertEquals(3, r.size());
        assertTrue(r.get(0).ok());
        assertEquals("tool name 'same' is already used by a.yaml", r.get(1).error());
        assertEquals("c_default_name", r.get(2).manifest().name());
        assertEquals(ToolManifestLoader.DEFAULT_TIMEOUT, r.get(2).manifest().timeout());
    }

    @Test
    void command_as_one_string_is_split_on_spaces_but_refuses_quotes() {
        ToolManifestLoadResult ok = loader.parse("name: t\ndescription: d\neffect: read\ncommand: git status --short\n", null);
        assertEquals(List.of("git", "status", "--short"), ok.manifest().command().items().stream().map(Object::toString).toList());
        ToolManifestLoadResult bad = loader.parse("name: t\ndescription: d\neffect: read\ncommand: psql -c 'select 1'\n", null);
        assertContains(bad.error(), "cannot hold quotes");
    }

    @Test
    void lists_and_flags_in_the_wrong_place_are_refused() {
        String head = "name: t\ndescription: d\neffect: write\n";
        String args = "arguments:\n  type: object\n  properties:\n    xs: {type: array}\n    ys: {type: array}\n    b: {type: boolean, x-flag: --b}\n";
        assertContains(loader.parse(head + "command: [echo, \"{xs}{ys}\"]\n" + args, null).error(),
                "uses more than one array argument");
        assertContains(loader.parse(head + "command: [echo, \"--b={b}\", \"{xs}\", \"{ys}\"]\n" + args, null).error(),
                "{b} is a boolean argument: it must be a command word on its own, not part of '--b={b}'");
        assertContains(loader.parse(head + "command: [echo, \"{b}\", \"{ys}\"]\nenv:\n  set: {X: \"{xs}\"}\n" + args, null).error(),
                "{xs} is an array argument: it can only be used in the command, not in env X");
        assertContains(loader.parse(head + "command: [echo, [\"--always\"]]\n", null).error(), "has no placeholder");
        assertContains(loader.parse(head + "command: [echo, \"{unclosed\"]\n", null).error(), "unclosed placeholder");
        assertContains(loader.parse(head + "command: [echo]\ntimeout: 2h\n", null).error(), "at most 1h");
        assertContains(loader.parse(head + "command: [echo]\nenv:\n  pass: [\"NOT-A-NAME\"]\n", null).error(),
                "'NOT-A-NAME' is not a variable name");
        assertContains(loader.parse(head + "command: [echo, \"{s}\"]\narguments:\n  type: object\n  properties:\n"
                + "    s: {type: string, x-check: telepathy}\n", null).error(), "unknown x-check 'telepathy'");
    }

    @Test
    void defaults_are_validated_and_destructive_tools_without_confirm_warn() {
        String head = "name: t\ndescription: d\neffect: destructive\ncommand: [echo, \"{n}\"]\n";
        ToolManifestLoadResult bad = loader.parse(head + "arguments:\n  type: object\n  properties:\n"
                + "    n: {type: integer, maximum: 5, default: 9}\n", null);
        assertContains(bad.error(), "default of argument 'n' is invalid: 'n' must be at most 5");
        ToolManifestLoadResult warn = loader.parse(head + "arguments:\n  type: object\n  properties:\n"
                + "    n: {type: integer, default: 1}\n", null);
        assertTrue(warn.ok(), warn.error());
        assertEquals(List.of("destructive tool without 'confirm': the gate will ask the user to type the tool name"),
                warn.warnings());
    }

    static void assertContains(String text, String part) {
        assertTrue(text != null && text.contains(part), "expected \"" + part + "\" in: " + text);
    }
}
