package io.schemapilot.agent.skill;

import java.nio.file.Path;
import java.util.List;

/**
 * A skill as listed in the system prompt: its name and description only. The body and the reference files are
 * read on demand through {@link SkillCatalog#body(String)} and {@link SkillCatalog#reference(String, String)}.
 *
 * @param name        lower-case words joined by hyphens, the directory name
 * @param description what the skill covers and when to read it
 * @param directory   the skill's directory
 * @param file        its {@code SKILL.md}
 * @param references  the files under {@code references/}, as paths relative to the directory ({@code references/x.md})
 */
public record Skill(String name, String description, Path directory, Path file, List<String> references) {
    public Skill {
        references = List.copyOf(references);
    }
}
