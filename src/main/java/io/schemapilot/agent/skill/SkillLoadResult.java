package io.schemapilot.agent.skill;

import java.nio.file.Path;
import java.util.List;

/**
 * What loading one skill directory gave: the skill with warnings, or why it could not be read.
 *
 * @param source   the skill directory (or its {@code SKILL.md})
 * @param skill    the skill, or null when {@code error} is set
 * @param warnings one sentence each
 * @param error    null, or why the skill could not be loaded
 */
public record SkillLoadResult(Path source, Skill skill, List<String> warnings, String error) {
    public SkillLoadResult {
        warnings = List.copyOf(warnings);
        if ((skill == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of skill and error must be set");
        }
    }

    public static SkillLoadResult loaded(Path source, Skill skill, List<String> warnings) {
        return new SkillLoadResult(source, skill, warnings, null);
    }

    public static SkillLoadResult failed(Path source, String error) {
        return new SkillLoadResult(source, null, List.of(), error);
    }

    public boolean ok() {
        return skill != null;
    }
}
