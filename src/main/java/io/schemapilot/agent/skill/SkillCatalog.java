package io.schemapilot.agent.skill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The skills offered to a session, progressively: {@link #promptSection(List)} lists name and description for
 * the system prompt; {@link #body(String)} and {@link #reference(String, String)} are what the {@code read_skill}
 * tool returns. A name found in several roots resolves to the first.
 */
public final class SkillCatalog {

    private final List<SkillLoadResult> results;
    private final Map<String, Skill> byName;
    private final List<String> notes;

    private SkillCatalog(List<SkillLoadResult> results, Map<String, Skill> byName, List<String> notes) {
        this.results = List.copyOf(results);
        this.byName = byName;
        this.notes = List.copyOf(notes);
    }

    /** @param resultsInPriorityOrder load results, highest priority first */
    public static SkillCatalog of(List<SkillLoadResult> resultsInPriorityOrder) {
        Map<String, Skill> byName = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (SkillLoadResult r : resultsInPriorityOrder) {
            if (!r.ok()) {
                continue;
            }
            Skill s = r.skill();
            Skill earlier = byName.putIfAbsent(s.name(), s);
            if (earlier != null) {
                notes.add("skill '" + s.name() + "' in " + s.directory() + " is shadowed by the one in " + earlier.directory());
            }
        }
        return new SkillCatalog(resultsInPriorityOrder, byName, notes);
    }

    public List<SkillLoadResult> results() {
        return results;
    }

    public List<Skill> skills() {
        return List.copyOf(byName.values());
    }

    public List<String> notes() {
        return notes;
    }

    public Optional<Skill> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * The system-prompt block for {@code names} (all skills when null): one line per skill, "- name: description",
     * with a line saying how to read one. Names not in the catalog are left out.
     */
    public String promptSection(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (Skill s : byName.values()) {
            if (names == null || names.contains(s.name())) {
                sb.append("- ").append(s.name()).append(": ").append(s.description()).append('\n');
            }
        }
        if (sb.length() == 0) {
            return "";
        }
        return "Skills you can read with the read_skill tool (name, and optionally a reference file):\n" + sb;
    }

    /** The Markdown body of a skill's {@code SKILL.md}. */
    public String body(String name) throws IOException {
        Skill s = byName.get(name);
        if (s == null) {
            throw new IOException("no skill named '" + name + "'; known: " + String.join(", ", byName.keySet()));
        }
        return SkillLoader.readBody(s.file());
    }

    /**
     * A file of the skill, by a path relative to the skill directory ({@code references/locks.md}). Only files
     * inside the skill directory can be read.
     */
    public String reference(String name, String relativePath) throws IOException {
        Skill s = byName.get(name);
        if (s == null) {
            throw new IOException("no skill named '" + name + "'");
        }
        Path dir = s.directory().toAbsolutePath().normalize();
        Path target = dir.resolve(relativePath).normalize();
        if (!target.startsWith(dir) || target.equals(dir)) {
            throw new IOException("'" + relativePath + "' is outside the skill '" + name + "'");
        }
        if (!Files.isRegularFile(target)) {
            throw new IOException("skill '" + name + "' has no file '" + relativePath + "'; it has: "
                    + String.join(", ", s.references()));
        }
        Path real = target.toRealPath();
        if (!real.startsWith(dir.toRealPath())) {
            throw new IOException("'" + relativePath + "' leads outside the skill '" + name + "'");
        }
        return io.schemapilot.agent.markdown.TextFiles.read(real).text();
    }
}
