package io.schemapilot.agent.persona;

import io.schemapilot.agent.TestPaths;
import io.schemapilot.agent.tools.KnownTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonaLoaderTest {

    private final PersonaLoader loader = new PersonaLoader();

    private static PersonaLoadResult fixture(PersonaLoader l, String name) {
        PersonaLoadResult r = l.loadFile(TestPaths.resource("personas/" + name));
        assertTrue(r.ok(), () -> name + ": " + r.error());
        return r;
    }

    private static boolean anyWarning(PersonaLoadResult r, String part) {
        return r.warnings().stream().anyMatch(w -> w.contains(part));
    }

    @Test
    void no_front_matter_takes_name_from_heading_and_description_from_first_paragraph() {
        PersonaLoadResult r = fixture(loader, "no-front-matter.md");
        Persona p = r.persona();
        assertEquals("index-review-helper", p.name());
        assertEquals("Index Review Helper", p.displayName());
        assertTrue(p.description().startsWith("Looks at new and dropped indexes in a migration"), p.description());
        assertTrue(p.description().endsWith("outside a transaction."), p.description());
        assertNull(p.tools());
        assertFalse(p.restrictsTools());
        assertTrue(p.allowsTool("run_query"));
        assertTrue(anyWarning(r, "no front matter; name 'index-review-helper' taken from the heading"), r.warnings().toString());
        assertTrue(anyWarning(r, "no description; using the first paragraph"), r.warnings().toString());
    }

    @Test
    void unquoted_colons_are_read_line_by_line() {
        PersonaLoadResult r = fixture(loader, "unquoted-colons.md");
        Persona p = r.persona();
        assertEquals("lock-explainer", p.name());
        assertEquals("Use when: a migration takes a lock and the user asks what it blocks. Note: read-only, it never runs SQL.",
                p.description());
        assertEquals("sonnet", p.model());
        assertEquals(List.of("check_migration", "read_skill"), p.tools());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).startsWith("front matter is not valid YAML (mapping values are not allowed here"),
                r.warnings().get(0));
        assertTrue(r.warnings().get(0).contains("'description' (line 3) as plain text"), r.warnings().get(0));
        assertTrue(p.body().startsWith("You explain which lock"), p.body());
    }

    @Test
    void example_blocks_continue_the_description_and_tools_split_outside_parentheses() {
        PersonaLoadResult r = fixture(loader, "example-blocks.md");
        Persona p = r.persona();
        assertEquals("backfill-advisor", p.name());
        assertTrue(p.description().contains("<example>\nContext: The user must fill a new column on a big table\nuser: \"How do I backfill"),
                p.description());
        assertTrue(p.description().contains("my update has been running for an hour"), p.description());
        assertTrue(p.description().endsWith("</example>"), p.description());
        assertEquals("Use this agent for large backfills on busy tables.", p.summary());
        assertEquals("opus", p.model());
        assertEquals("green", p.color());
        assertEquals(List.of("expand-contract"), p.skills());
        assertEquals(12, p.maxTurns());
        assertEquals(List.of("read_file", "Bash(git diff:*)", "Agent(worker, researcher)", "check_data"), p.tools());
        assertTrue(anyWarning(r, "'description' (lines 3-16) as plain text"), r.warnings().toString());
    }

    @Test
    void known_tools_map_claude_names_and_leave_out_the_rest() {
        PersonaLoader checked = new PersonaLoader(KnownTools.BUILTIN, Set.of("expand-contract"));
        PersonaLoadResult r = fixture(checked, "example-blocks.md");
        assertEquals(List.of("read_file", "check_data"), r.persona().tools());
        assertTrue(anyWarning(r, "'tools': 'Bash(git diff:*)', 'Agent(worker, researcher)' are not schemapilot tools; left out"),
                r.warnings().toString());
        assertFalse(anyWarning(r, "unknown skill"));
    }

    @Test
    void mis_encoded_emoji_are_repaired_when_they_round_trip_and_kept_otherwise() {
        PersonaLoadResult r = fixture(loader, "mojibake.md");
        Persona p = r.persona();
        assertEquals("careful-migration-schema-agent", p.name());
        assertEquals("Careful Migration & Schema Agent", p.displayName());
        assertEquals(List.of("agent"), p.tags());
        assertTrue(p.body().contains("## \uD83E\uDDE0 Your Identity"), p.body());
        assertTrue(p.body().contains("## \uD83C\uDFAF Your Mission"), p.body());
        assertTrue(p.body().contains("## \u00f0\u0178\u2019 Your Style"), p.body());
        assertTrue(anyWarning(r, "repaired 2 mis-encoded characters"), r.warnings().toString());
        assertTrue(anyWarning(r, "kept 1 mis-encoded sequence that cannot be repaired (a byte is missing): line 18:"),
                r.warnings().toString());
        assertTrue(anyWarning(r, "name 'Careful Migration & Schema Agent' is not lower-case words joined by hyphens; using 'careful-migration-schema-agent'"),
                r.warnings().toString());
    }

    @Test
    void yaml_lists_procedure_and_denied_tools() {
        PersonaLoader checked = new PersonaLoader(KnownTools.BUILTIN, Set.of("postgresql-locking", "data-checks"));
        PersonaLoadResult r = fixture(checked, "list-fields.md");
        Persona p = r.persona();
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        assertEquals(List.of("detect_project", "check_migration", "check_data", "submit_plan"), p.tools());
        assertEquals(List.of("run_query"), p.disallowedTools());
        assertEquals(List.of("postgresql-locking", "data-checks"), p.skills());
        assertEquals(List.of("test", "fixture"), p.tags());
        assertEquals(8, p.maxTurns());
        assertEquals("inherit", p.model());
        assertEquals(List.of("detect_project", "check_migration", "check_data", "submit_plan"), p.procedureTools());
        assertEquals(Map.of("only", "risky"), p.procedure().get(2).options());
        assertTrue(p.allowsTool("check_data"));
        assertFalse(p.allowsTool("run_query"));
        assertFalse(p.allowsTool("rehearse"));
    }

    @Test
    void procedure_and_skills_are_checked_against_what_is_known() {
        String text = "---\nname: p\ndescription: d\ntools: detect_project, submit_plan\nskills: nope\n"
                + "procedure: detect_project, inspect_schema, frobnicate, submit_plan\n---\nBody";
        PersonaLoadResult r = new PersonaLoader(KnownTools.BUILTIN, Set.of("postgresql-locking")).parse(text, null);
        assertTrue(r.ok());
        assertEquals(List.of("detect_project", "inspect_schema", "submit_plan"), r.persona().procedureTools());
        assertTrue(anyWarning(r, "'procedure': unknown tool 'frobnicate' left out"), r.warnings().toString());
        assertTrue(anyWarning(r, "'procedure' calls 'inspect_schema', which the persona's 'tools' do not allow"), r.warnings().toString());
        assertTrue(anyWarning(r, "unknown skill 'nope'"), r.warnings().toString());
    }

    @Test
    void claude_code_fields_and_unknown_fields_are_ignored_with_warnings() {
        PersonaLoadResult r = fixture(loader, "foreign-fields.md");
        assertTrue(anyWarning(r, "Claude Code fields 'permissionMode', 'user_invocable' not used by schemapilot; ignored"),
                r.warnings().toString());
        assertTrue(anyWarning(r, "unknown field 'favouriteColour' ignored"), r.warnings().toString());
    }

    @Test
    void a_file_that_is_not_utf8_is_read_as_windows_1252() {
        PersonaLoadResult r = fixture(loader, "latin1.md");
        assertTrue(r.persona().body().contains("Un caf\u00e9 avant la migration, pas apr\u00e8s."), r.persona().body());
        assertTrue(anyWarning(r, "not valid UTF-8"), r.warnings().toString());
    }

    @Test
    void each_bad_file_is_reported_without_failing_the_others() {
        List<PersonaLoadResult> results = loader.loadDirectory(TestPaths.resource("personas/broken"));
        assertEquals(4, results.size(), results.toString());
        assertEquals(List.of("binary.md", "empty.md", "good.md", "unclosed.md"),
                results.stream().map(x -> x.source().getFileName().toString()).toList());
        assertTrue(results.get(0).error().contains("binary file"), results.get(0).error());
        assertEquals("the file is empty", results.get(1).error());
        assertTrue(results.get(2).ok());
        assertEquals("good-one", results.get(2).persona().name());
        assertTrue(results.get(3).error().contains("opened by '---' on line 1 is never closed"), results.get(3).error());
    }

    @Test
    void the_fixture_folder_loads_every_quirk() {
        List<PersonaLoadResult> results = loader.load(TestPaths.resource("personas"));
        assertEquals(7, results.size(), results.toString());
        assertTrue(results.stream().allMatch(PersonaLoadResult::ok), results.toString());
    }

    @Test
    void missing_paths_are_errors() {
        Path nowhere = Path.of("/nonexistent/personas");
        assertEquals("no such directory", loader.loadDirectory(nowhere).get(0).error());
        assertEquals("no such file or directory", loader.load(nowhere.resolve("x.md")).get(0).error());
        assertEquals("no such file", loader.loadFile(nowhere.resolve("x.md")).error());
    }

    @Test
    void catalog_resolves_a_name_to_the_highest_priority_folder(@TempDir Path tmp) throws IOException {
        Path high = Files.createDirectories(tmp.resolve("project/.claude/agents"));
        Path low = Files.createDirectories(tmp.resolve("home/.claude/agents"));
        Files.writeString(high.resolve("planner.md"), "---\nname: planner\ndescription: project version\n---\nA");
        Files.writeString(low.resolve("planner.md"), "---\nname: planner\ndescription: user version\n---\nB");
        Files.writeString(low.resolve("other.md"), "---\nname: other\ndescription: only here\n---\nC");
        List<Path> roots = PersonaLoader.claudeAgentDirs(tmp.resolve("project"), tmp.resolve("home"));
        roots = new java.util.ArrayList<>(roots);
        roots.add(tmp.resolve("missing"));
        PersonaCatalog c = loader.loadRoots(roots);
        assertEquals(List.of("planner", "other"), c.personas().stream().map(Persona::name).toList());
        assertEquals("project version", c.find("planner").orElseThrow().description());
        assertEquals("only here", c.find("Other").orElseThrow().description());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).contains("is shadowed by"), c.notes().get(0));
        assertEquals(3, c.results().size());
        assertTrue(c.failures().isEmpty());
    }

    @Test
    void explicit_folders_come_first_and_must_exist(@TempDir Path tmp) throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Path builtin = Files.createDirectories(tmp.resolve("prompts"));
        Files.writeString(mine.resolve("default.md"), "---\nname: default\ndescription: my default\n---\nA");
        Files.writeString(builtin.resolve("default.md"), "---\nname: default\ndescription: built-in default\n---\nB");
        PersonaCatalog c = loader.loadRoots(List.of(mine, tmp.resolve("typo")),
                List.of(tmp.resolve("project/.claude/agents"), builtin));
        assertEquals("my default", c.find("default").orElseThrow().description());
        assertEquals(1, c.failures().size());
        assertEquals("no such file or directory", c.failures().get(0).error());
        assertEquals(1, c.notes().size());
    }

    @Test
    void lists_split_on_commas_outside_parentheses() {
        assertEquals(List.of("Read", "Agent(worker, researcher)", "mcp__db__query"),
                PersonaLoader.splitList("Read, Agent(worker, researcher),mcp__db__query"));
        assertEquals(List.of("a", "b"), PersonaLoader.splitList("- a\n- 'b'\n"));
        assertEquals("database-migration-schema-agent", PersonaLoader.slug("Database Migration & Schema Agent"));
    }
}
