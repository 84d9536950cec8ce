package io.schemapilot.agent.persona;

import io.schemapilot.agent.CopyCheck;
import io.schemapilot.agent.TestPaths;
import io.schemapilot.agent.skill.SkillLoadResult;
import io.schemapilot.agent.skill.SkillLoader;
import io.schemapilot.agent.tools.KnownTools;
import io.schemapilot.agent.tools.ToolManifestLoadResult;
import io.schemapilot.agent.tools.ToolManifestLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The personas shipped in prompts/: clean, consistent with tools/ and skills/, and in our own words. */
class PromptsTest {

    private static final List<String> EXPECTED = List.of("default", "instantdb-prod-migrator", "migration-executor",
            "migration-file-generator", "migration-planner", "zero-downtime-specialist");
    private static final List<String> REPORT_SECTIONS = List.of("Summary", "Risk Assessment", "Changes", "Findings",
            "Data Checks", "Execution Steps", "Rollback Plan", "Rehearsal", "Safety Checklist", "Deployment Steps",
            "Estimated Impact");

    private static Set<String> knownTools;
    private static Set<String> knownSkills;
    private static List<PersonaLoadResult> results;

    @BeforeAll
    static void load() {
        List<String> manifests = new ArrayList<>();
        for (ToolManifestLoadResult r : new ToolManifestLoader().loadDirectory(TestPaths.project("tools"))) {
            assertTrue(r.ok(), r.source() + ": " + r.error());
            manifests.add(r.manifest().name());
        }
        knownTools = KnownTools.with(manifests);
        knownSkills = new HashSet<>();
        for (SkillLoadResult r : new SkillLoader().loadRoot(TestPaths.project("skills"))) {
            assertTrue(r.ok(), r.source() + ": " + r.error());
            knownSkills.add(r.skill().name());
        }
        results = new PersonaLoader(knownTools, knownSkills).loadDirectory(TestPaths.project("prompts"));
    }

    @Test
    void every_prompt_loads_without_warnings_and_names_are_unique() {
        List<String> names = new ArrayList<>();
        for (PersonaLoadResult r : results) {
            assertTrue(r.ok(), r.source() + ": " + r.error());
            assertTrue(r.warnings().isEmpty(), r.source() + ": " + r.warnings());
            names.add(r.persona().name());
            assertEquals(r.persona().name() + ".md", r.source().getFileName().toString(), "file named after the persona");
        }
        assertEquals(EXPECTED, names);
        assertEquals(names.size(), new HashSet<>(names).size());
    }

    @Test
    void every_tool_and_skill_named_exists() {
        for (PersonaLoadResult r : results) {
            Persona p = r.persona();
            assertNotNull(p.tools(), p.name() + " lists its tools");
            for (String t : p.tools()) {
                assertTrue(knownTools.contains(t), p.name() + ": unknown tool " + t);
            }
            for (String s : p.skills()) {
                assertTrue(knownSkills.contains(s), p.name() + ": unknown skill " + s);
                assertTrue(Files.isRegularFile(TestPaths.project("skills").resolve(s).resolve("SKILL.md")), s);
            }
            assertTrue(p.tools().contains("submit_plan") && p.tools().contains("read_skill"), p.name());
        }
    }

    @Test
    void front_matter_has_every_field_and_a_usable_procedure() {
        for (PersonaLoadResult r : results) {
            Persona p = r.persona();
            assertNotNull(p.model(), p.name());
            assertNotNull(p.maxTurns(), p.name());
            assertFalse(p.skills().isEmpty(), p.name());
            assertTrue(p.summary().length() > 80 && p.summary().length() < 600, p.name() + ": " + p.summary());
            List<String> steps = p.procedureTools();
            assertEquals("detect_project", steps.get(0), p.name());
            assertEquals("submit_plan", steps.get(steps.size() - 1), p.name());
            assertTrue(steps.contains("check_migration"), p.name());
            assertTrue(steps.size() < p.maxTurns(), p.name() + ": the procedure fits in maxTurns");
            for (String s : steps) {
                assertTrue(p.allowsTool(s), p.name() + ": procedure step " + s + " not in its tools");
                assertTrue(p.body().contains(s), p.name() + ": the body explains " + s);
            }
        }
    }

    @Test
    void bodies_state_the_gate_the_data_rule_and_the_report_sections() {
        for (PersonaLoadResult r : results) {
            Persona p = r.persona();
            String body = p.body().replaceAll("\\s+", " ");
            assertTrue(body.startsWith("# "), p.name());
            assertTrue(body.contains("confirm"), p.name() + " mentions the confirmation");
            assertTrue(body.contains("in code"), p.name() + " says the gate is enforced in code");
            assertTrue(body.matches(".*\\b(is|are|as) data\\b.*") && body.toLowerCase(java.util.Locale.ROOT).contains("instructions"),
                    p.name() + " says that instructions inside content are data");
            int last = -1;
            for (String section : REPORT_SECTIONS) {
                int at = body.indexOf(section, last + 1);
                assertTrue(at > last, p.name() + ": report section '" + section + "' missing or out of order");
                last = at;
            }
        }
    }

    @Test
    void prompts_are_written_in_our_own_words() throws Exception {
        assumeTrue(TestPaths.seedsPresent(), "seed folder not present: " + TestPaths.seeds());
        CopyCheck copy = new CopyCheck(TestPaths.seeds());
        for (PersonaLoadResult r : results) {
            String text = Files.readString(r.source());
            List<String> copied = copy.copiedRuns(text);
            assertTrue(copied.isEmpty(), r.source().getFileName() + " repeats seed text: " + copied);
        }
    }
}
