package io.schemapilot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.agent.TestPaths;
import io.schemapilot.agent.tools.KnownTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code personas}, {@code skills} and {@code tools}: text and JSON listings, load problems, exit codes. */
class ListingCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static JsonNode json(CliRunner.Run r) throws Exception {
        JsonNode n = JSON.readTree(r.out());
        assertTrue(n.isArray(), r.out());
        return n;
    }

    private static List<String> names(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(o -> out.add(o.get("name").isNull() ? null : o.get("name").asText()));
        return out;
    }

    private static void assertStrings(JsonNode n, String field) {
        assertTrue(n.get(field).isArray(), field + " is an array: " + n);
        n.get(field).forEach(v -> assertTrue(v.isTextual(), field + " holds strings: " + n));
    }

    private static CliRunner.Run runWithEnv(Map<String, String> env, String... args) {
        return CliRunner.run(CliEnv.of(new ByteArrayInputStream(new byte[0]), env), args);
    }

    // ---- personas ----

    @Test
    void personas_json_has_the_contract_shape_and_lists_the_five_seeds() throws Exception {
        assumeTrue(TestPaths.seedsPresent(), "seed folder not present: " + TestPaths.seeds());
        CliRunner.Run r = run("personas", "--personas", TestPaths.seeds().toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        JsonNode arr = json(r);
        int fromSeeds = 0;
        for (JsonNode p : arr) {
            assertFalse(p.has("error"), "every file loads: " + p);
            for (String f : List.of("name", "description", "source", "model")) {
                assertTrue(p.has(f), f + " in " + p);
            }
            assertTrue(p.get("name").isTextual() && p.get("description").isTextual() && p.get("source").isTextual(), p.toString());
            assertTrue(p.get("model").isNull() || p.get("model").isTextual(), p.toString());
            assertStrings(p, "tools");
            assertStrings(p, "skills");
            assertStrings(p, "warnings");
            if (Path.of(p.get("source").asText()).startsWith(TestPaths.seeds())) {
                fromSeeds++;
                assertEquals("option", p.get("origin").asText());
            }
        }
        assertEquals(5, fromSeeds, r.out());
        assertTrue(names(arr).contains("default"), "the built-in prompts are listed too: " + names(arr));
        // the seed without front matter says so, and the mis-encoded one was repaired
        String all = r.out();
        assertTrue(all.contains("no front matter"), all);
        assertTrue(all.contains("mis-encoded"), all);
    }

    @Test
    void personas_from_the_seeds_only() throws Exception {
        assumeTrue(TestPaths.seedsPresent(), "seed folder not present: " + TestPaths.seeds());
        CliRunner.Run r = run("personas", "--personas", TestPaths.seeds().toString(), "--no-builtin", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode arr = json(r);
        assertEquals(5, arr.size(), r.out());
        assertEquals(5, new HashSet<>(names(arr)).size(), "five different names: " + names(arr));

        CliRunner.Run text = run("personas", "--personas", TestPaths.seeds().toString(), "--no-builtin");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().startsWith("NAME "), text.out());
        for (String name : names(arr)) {
            assertTrue(text.out().contains("\n" + name + " "), name + " in\n" + text.out());
        }
        assertTrue(text.out().contains("5 personas loaded"), text.out());
    }

    @Test
    void personas_text_is_a_table_with_the_built_in_prompts() {
        CliRunner.Run r = run("personas");
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].matches("NAME\\s+MODEL\\s+TOOLS\\s+SOURCE\\s+DESCRIPTION"), lines[0]);
        assertTrue(r.out().contains("\ndefault "), r.out());
        assertTrue(r.out().contains("built-in: prompts/default.md") || r.out().contains("built-in: "), r.out());
        assertTrue(r.out().contains("personas loaded"), r.out());
    }

    @Test
    void a_broken_persona_file_is_reported_without_failing_the_others() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("agents"));
        Files.writeString(dir.resolve("good.md"), "---\nname: good-one\ndescription: Works fine.\nmodel: sonnet\n"
                + "tools: read_file, run_query\n---\nYou review migrations.\n");
        Files.writeString(dir.resolve("empty.md"), "");
        Files.write(dir.resolve("binary.md"), new byte[]{'a', 0, 'b', 0, 1, 2});
        Files.writeString(dir.resolve("unclosed.md"), "---\nname: never-closed\ndescription: no end\n\nBody.\n");

        CliRunner.Run r = run("personas", "--personas", dir.toString(), "--no-builtin", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode arr = json(r);
        JsonNode good = null;
        int errors = 0;
        for (JsonNode p : arr) {
            if (p.has("error")) {
                errors++;
                assertTrue(p.get("name").isNull(), p.toString());
                assertTrue(p.get("source").asText().startsWith(dir.toString()), p.toString());
                assertFalse(p.get("error").asText().isBlank(), p.toString());
            } else if ("good-one".equals(p.get("name").asText())) {
                good = p;
            }
        }
        assertTrue(errors >= 2, "the empty and the binary file fail: " + r.out());
        assertTrue(good != null, r.out());
        assertEquals("sonnet", good.get("model").asText());
        assertEquals(List.of("read_file", "run_query"), JSON.convertValue(good.get("tools"), List.class));

        CliRunner.Run text = run("personas", "--personas", dir.toString(), "--no-builtin");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("\ngood-one "), text.out());
        assertTrue(text.out().contains("Problems:"), text.out());
        assertTrue(text.out().contains("empty.md"), text.out());
        assertTrue(text.out().contains("error: "), text.out());
        assertTrue(text.out().contains("could not be read"), text.out());
    }

    @Test
    void only_broken_files_is_an_input_error() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("empty.md"), "   \n");
        CliRunner.Run r = run("personas", "--personas", dir.toString(), "--no-builtin", "--format", "json");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, json(r).size(), "the listing still says what failed");
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void a_missing_personas_dir_is_one_line_and_exit_2() {
        CliRunner.Run r = run("personas", "--personas", tmp.resolve("nope").toString());
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertEquals("schemapilot personas: error: --personas " + tmp.resolve("nope") + ": no such directory",
                r.err().strip());
        assertTrue(r.noStackTrace());
    }

    @Test
    void the_projects_claude_agents_are_read_and_shadow_built_ins() throws Exception {
        Path agents = Files.createDirectories(tmp.resolve("proj/.claude/agents"));
        Files.writeString(agents.resolve("default.md"), "---\nname: default\ndescription: My own default.\n---\nBody.\n");
        Files.writeString(agents.resolve("team-reviewer.md"), "---\nname: team-reviewer\ndescription: Ours.\n---\nBody.\n");
        CliRunner.Run r = run("personas", "--project", tmp.resolve("proj").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode arr = json(r);
        boolean builtinShadowed = false;
        boolean ours = false;
        for (JsonNode p : arr) {
            if ("team-reviewer".equals(p.get("name").asText())) {
                ours = "project".equals(p.get("origin").asText());
            }
            if ("default".equals(p.get("name").asText()) && "built-in".equals(p.get("origin").asText())) {
                builtinShadowed = p.get("warnings").toString().contains("shadowed by");
            }
        }
        assertTrue(ours, r.out());
        assertTrue(builtinShadowed, r.out());

        CliRunner.Run missing = run("personas", "--project", tmp.resolve("none").toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("--project"), missing.err());
    }

    @Test
    void an_unknown_format_is_a_usage_error() {
        CliRunner.Run r = run("personas", "--format", "yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--format"), r.err());
    }

    @Test
    void schemapilot_home_points_at_another_installation() throws Exception {
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("prompts"));
        Files.writeString(home.resolve("prompts/solo.md"), "---\nname: solo\ndescription: The only one.\n---\nBody.\n");
        CliRunner.Run r = runWithEnv(Map.of("SCHEMAPILOT_HOME", home.toString()), "personas", "--project",
                tmp.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("solo"), names(json(r)));

        CliRunner.Run bad = runWithEnv(Map.of("SCHEMAPILOT_HOME", tmp.resolve("nope").toString()), "personas");
        assertEquals(2, bad.exit());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains("SCHEMAPILOT_HOME="), bad.err());
    }

    // ---- skills ----

    @Test
    void skills_lists_the_built_in_skills_in_text_and_json() throws Exception {
        CliRunner.Run r = run("skills", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode arr = json(r);
        Set<String> names = new HashSet<>(names(arr));
        assertTrue(names.containsAll(List.of("postgresql-locking", "expand-contract", "data-checks", "instantdb",
                "prisma", "knex", "drizzle", "alembic-django", "flyway")), names.toString());
        for (JsonNode s : arr) {
            assertTrue(s.get("name").isTextual() && s.get("description").isTextual() && s.get("source").isTextual(),
                    s.toString());
            assertStrings(s, "references");
            assertStrings(s, "warnings");
            assertTrue(Files.isDirectory(Path.of(s.get("source").asText())), s.toString());
        }

        CliRunner.Run text = run("skills");
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().split("\n")[0].matches("NAME\\s+REFS\\s+SOURCE\\s+DESCRIPTION"), text.out());
        assertTrue(text.out().contains("\npostgresql-locking "), text.out());
        assertTrue(text.out().contains("skills loaded"), text.out());
    }

    @Test
    void skills_from_a_folder_report_problems_per_skill() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("skills"));
        Path good = Files.createDirectories(root.resolve("my-skill/references"));
        Files.writeString(root.resolve("my-skill/SKILL.md"), "---\nname: my-skill\ndescription: Our own recipes.\n---\nBody.\n");
        Files.writeString(good.resolve("notes.md"), "notes");
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/SKILL.md"), "---\nname: [unclosed\n---\n");

        CliRunner.Run r = run("skills", "--skills", root.toString(), "--no-builtin", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode arr = json(r);
        assertEquals(2, arr.size(), r.out());
        JsonNode mine = null;
        for (JsonNode s : arr) {
            if ("my-skill".equals(s.get("name").asText(null))) {
                mine = s;
            }
        }
        assertTrue(mine != null, r.out());
        assertEquals(List.of("references/notes.md"), JSON.convertValue(mine.get("references"), List.class));
        assertEquals("option", mine.get("origin").asText());
        assertTrue(r.out().contains("\"error\"") || r.out().contains("warnings\" : [ \""),
                "the broken skill is reported: " + r.out());

        CliRunner.Run missing = run("skills", "--skills", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals("schemapilot skills: error: --skills " + tmp.resolve("nope") + ": no such directory",
                missing.err().strip());
        assertEquals("", missing.out());
    }

    // ---- tools ----

    @Test
    void tools_lists_built_ins_and_manifests_in_json() throws Exception {
        CliRunner.Run r = run("tools", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode arr = json(r);
        List<String> builtins = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        for (JsonNode t : arr) {
            if ("builtin".equals(t.get("kind").asText())) {
                builtins.add(t.get("name").asText());
                assertFalse(t.get("description").asText().isBlank(), t.toString());
                assertTrue(List.of("read", "write", "destructive").contains(t.get("effect").asText()), t.toString());
            } else {
                assertEquals("manifest", t.get("kind").asText());
                assertFalse(t.has("error"), "the repository's manifests load: " + t);
                manifests.add(t.get("name").asText());
                assertTrue(List.of("read", "write", "destructive").contains(t.get("effect").asText()), t.toString());
                assertTrue(t.get("timeout").asText().matches("\\d+(ms|s|m|h)"), t.toString());
                assertTrue(t.get("timeout_ms").asLong() > 0, t.toString());
                assertFalse(t.get("command").asText().isBlank(), t.toString());
                assertTrue(t.get("source").asText().endsWith(".yaml"), t.toString());
            }
        }
        assertEquals(KnownTools.BUILTIN, builtins);
        assertTrue(manifests.contains("psql_query") && manifests.contains("pg_dump_schema"), manifests.toString());
        JsonNode push = null;
        for (JsonNode t : arr) {
            if ("instant_cli_push_schema".equals(t.get("name").asText())) {
                push = t;
            }
        }
        assertTrue(push != null && "destructive".equals(push.get("effect").asText()), String.valueOf(push));
    }

    @Test
    void tools_text_and_a_broken_manifest() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("tools"));
        Files.writeString(dir.resolve("echo_it.yaml"), "name: echo_it\ndescription: Echo.\neffect: read\ntimeout: 5s\n"
                + "command: [echo, \"{text}\"]\narguments:\n  type: object\n  properties:\n    text: {type: string}\n"
                + "  required: [text]\n");
        Files.writeString(dir.resolve("bad.yaml"), "name: bad\neffect: sometimes\ncommand: [sh, -c, \"{x}\"]\n");
        Files.writeString(dir.resolve("psql_again.yaml"), "name: psql_query\ndescription: Duplicate.\neffect: read\n"
                + "command: [psql]\n");

        CliRunner.Run r = run("tools", "--tools", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Built-in tools:\n"), r.out());
        for (String name : KnownTools.BUILTIN) {
            assertTrue(r.out().contains("  " + name + " "), name + " in\n" + r.out());
        }
        assertTrue(r.out().contains("External-command tools (manifests):"), r.out());
        assertTrue(r.out().matches("(?s).*\\n  echo_it\\s+read\\s+5s\\s+echo \\{text}\\s+option: .*"), r.out());
        assertTrue(r.out().contains("Problems:"), r.out());
        assertTrue(r.out().contains("bad.yaml"), r.out());

        CliRunner.Run j = run("tools", "--tools", dir.toString(), "--format", "json");
        JsonNode arr = json(j);
        int errors = 0;
        int psql = 0;
        for (JsonNode t : arr) {
            if (t.has("error")) {
                errors++;
            }
            if ("psql_query".equals(t.get("name").asText(null))) {
                psql++;
            }
        }
        assertTrue(errors >= 2, "bad.yaml and the duplicate name: " + j.out());
        assertEquals(2, psql, "the duplicate is listed with its error: " + j.out());

        CliRunner.Run missing = run("tools", "--tools", tmp.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals("schemapilot tools: error: --tools " + tmp.resolve("nope") + ": no such directory",
                missing.err().strip());
    }

    @Test
    void listings_write_results_to_stdout_only() {
        for (String cmd : List.of("personas", "skills", "tools")) {
            CliRunner.Run r = run(cmd);
            assertEquals(0, r.exit(), cmd + ": " + r.err());
            assertEquals("", r.err(), cmd);
            assertTrue(r.out().getBytes(StandardCharsets.UTF_8).length > 0, cmd);
        }
    }
}
