package io.schemapilot.agent.skill;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SkillLoaderTest {

    private final SkillLoader loader = new SkillLoader();

    private static Path skill(Path root, String dir, String text) throws IOException {
        Path d = Files.createDirectories(root.resolve(dir));
        Files.writeString(d.resolve("SKILL.md"), text);
        return d;
    }

    @Test
    void loads_name_description_and_references_but_not_the_body(@TempDir Path root) throws IOException {
        Path d = skill(root, "locks", "---\nname: locks\ndescription: Lock modes and what they block.\n---\n\n# Locks\n\nBody text.\n");
        Files.createDirectories(d.resolve("references/deep"));
        Files.writeString(d.resolve("references/matrix.md"), "matrix");
        Files.writeString(d.resolve("references/deep/more.md"), "more");
        SkillLoadResult r = loader.load(d);
        assertTrue(r.ok(), r.error());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
        Skill s = r.skill();
        assertEquals("locks", s.name());
        assertEquals("Lock modes and what they block.", s.description());
        assertEquals(List.of("references/deep/more.md", "references/matrix.md"), s.references());
    }

    @Test
    void catalog_serves_bodies_and_references_on_demand_and_stays_inside_the_skill(@TempDir Path root) throws IOException {
        Path d = skill(root, "locks", "---\nname: locks\ndescription: Lock modes.\n---\n\n# Locks\n\nBody text.\n");
        Files.createDirectories(d.resolve("references"));
        Files.writeString(d.resolve("references/matrix.md"), "the matrix");
        Files.writeString(root.resolve("secret.txt"), "outside");
        skill(root, "other", "---\nname: other\ndescription: Another one.\n---\nOther body");
        SkillCatalog c = loader.loadRoots(List.of(root, root.resolve("missing")));
        assertEquals(List.of("locks", "other"), c.skills().stream().map(Skill::name).toList());
        assertEquals("# Locks\n\nBody text.", c.body("locks"));
        assertEquals("the matrix", c.reference("locks", "references/matrix.md"));
        assertTrue(assertThrows(IOException.class, () -> c.reference("locks", "../secret.txt")).getMessage().contains("outside"));
        assertThrows(IOException.class, () -> c.reference("locks", root.resolve("secret.txt").toString()));
        assertTrue(assertThrows(IOException.class, () -> c.reference("locks", "references/none.md")).getMessage()
                .contains("it has: references/matrix.md"));
        assertTrue(assertThrows(IOException.class, () -> c.body("nope")).getMessage().contains("known: locks, other"));
        assertEquals("Skills you can read with the read_skill tool (name, and optionally a reference file):\n"
                + "- locks: Lock modes.\n", c.promptSection(List.of("locks", "unknown")));
        assertTrue(c.promptSection(null).contains("- other: Another one."));
        assertEquals("", c.promptSection(List.of()));
    }

    @Test
    void lenient_about_names_and_descriptions(@TempDir Path root) throws IOException {
        Path noName = skill(root, "no-name", "---\ndescription: d\n---\nBody");
        assertEquals("no-name", loader.load(noName).skill().name());
        assertTrue(loader.load(noName).warnings().isEmpty());

        SkillLoadResult mismatch = loader.load(skill(root, "dir-name", "---\nname: other-name\ndescription: d\n---\nBody"));
        assertEquals("other-name", mismatch.skill().name());
        assertTrue(mismatch.warnings().get(0).contains("does not match the directory name 'dir-name'"), mismatch.warnings().toString());

        SkillLoadResult noFm = loader.load(skill(root, "plain", "# Plain\n\nFirst paragraph\nwraps here.\n\nSecond."));
        assertEquals("First paragraph wraps here.", noFm.skill().description());
        assertTrue(noFm.warnings().contains("no front matter; the name is the directory name"), noFm.warnings().toString());
        assertTrue(noFm.warnings().contains("no description; using the first paragraph"), noFm.warnings().toString());

        SkillLoadResult badName = loader.load(skill(root, "Bad_Name", "---\ndescription: d\n---\nBody"));
        assertTrue(badName.warnings().get(0).contains("should be 1-64 lower-case letters"), badName.warnings().toString());

        StringBuilder longBody = new StringBuilder("---\ndescription: d\nfoo: bar\n---\n");
        for (int i = 0; i < 510; i++) {
            longBody.append("line ").append(i).append('\n');
        }
        SkillLoadResult big = loader.load(skill(root, "big", longBody.toString()));
        assertTrue(big.warnings().stream().anyMatch(w -> w.contains("the body has 510 lines")), big.warnings().toString());
        assertTrue(big.warnings().stream().anyMatch(w -> w.contains("unknown field [foo] ignored")), big.warnings().toString());
    }

    @Test
    void a_broken_skill_is_reported_and_the_others_still_load(@TempDir Path root) throws IOException {
        skill(root, "a-good", "---\nname: a-good\ndescription: fine\n---\nBody");
        skill(root, "b-broken", "---\nname: b-broken\ndescription: never closed\n");
        Files.createDirectories(root.resolve("c-no-skill-file"));
        Files.writeString(root.resolve("README.md"), "not a skill");
        List<SkillLoadResult> results = loader.loadRoot(root);
        assertEquals(2, results.size());
        assertTrue(results.get(0).ok());
        assertFalse(results.get(1).ok());
        assertTrue(results.get(1).error().contains("never closed"), results.get(1).error());
        assertEquals("no such directory", loader.loadRoot(root.resolve("nope")).get(0).error());
    }
}
