package io.schemapilot.agent.tools.builtin;

import io.schemapilot.agent.TestPaths;
import io.schemapilot.agent.skill.SkillCatalog;
import io.schemapilot.agent.skill.SkillLoadResult;
import io.schemapilot.agent.skill.SkillLoader;
import io.schemapilot.agent.tools.TestContexts;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolOutcome;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** read_skill reads the repo's skills offered to the session, and their reference files, and nothing else. */
class ReadSkillToolTest {

    @TempDir
    Path project;

    private final ToolRegistry registry = new ToolRegistry(BuiltinTools.all());

    private ToolContext ctx(SkillCatalog skills) {
        return TestContexts.of(project, CatalogTarget.Source.none(), ConfirmationGate.denyAll(),
                ToolContext.Limits.DEFAULT, Map.of(), skills, project.resolve("results"));
    }

    private static SkillCatalog repoSkills() {
        return new SkillLoader().loadRoots(List.of(TestPaths.project("skills")));
    }

    @Test
    void reads_a_skill_body_and_its_references() {
        ToolContext ctx = ctx(repoSkills());
        ToolOutcome body = registry.execute("s", "read_skill", "{\"name\": \"postgresql-locking\"}", ctx);
        assertTrue(body.ok(), body.text());
        assertTrue(body.text().contains("ACCESS EXCLUSIVE"), body.text());
        assertTrue(body.text().contains("references/lock-matrix.md"), "the references are listed");
        ToolOutcome ref = registry.execute("s", "read_skill",
                "{\"name\": \"postgresql-locking\", \"reference\": \"references/lock-matrix.md\"}", ctx);
        assertTrue(ref.ok(), ref.text());
        assertFalse(ref.text().isBlank());
    }

    @Test
    void only_offered_skills_and_files_inside_them_can_be_read() {
        ToolContext ctx = ctx(repoSkills());
        ToolOutcome unknown = registry.execute("s", "read_skill", "{\"name\": \"hacking\"}", ctx);
        assertFalse(unknown.ok());
        assertTrue(unknown.text().contains("no skill 'hacking' is offered"), unknown.text());
        assertTrue(unknown.text().contains("postgresql-locking"), unknown.text());
        ToolOutcome escape = registry.execute("s", "read_skill",
                "{\"name\": \"postgresql-locking\", \"reference\": \"../prisma/SKILL.md\"}", ctx);
        assertFalse(escape.ok());
        assertTrue(escape.text().contains("outside the skill"), escape.text());

        List<SkillLoadResult> one = new SkillLoader().loadRoot(TestPaths.project("skills")).stream()
                .filter(r -> r.ok() && r.skill().name().equals("prisma")).toList();
        ToolContext narrow = ctx(SkillCatalog.of(one));
        ToolOutcome notOffered = registry.execute("s", "read_skill", "{\"name\": \"postgresql-locking\"}", narrow);
        assertFalse(notOffered.ok());
        assertTrue(notOffered.text().contains("skills: prisma"), notOffered.text());
        ToolOutcome none = registry.execute("s", "read_skill", "{\"name\": \"prisma\"}", ctx(null));
        assertFalse(none.ok());
        assertTrue(none.text().contains("skills: (none)"), none.text());
    }
}
