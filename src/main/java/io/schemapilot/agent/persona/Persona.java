package io.schemapilot.agent.persona;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A persona: a Markdown file in the Claude Code subagent format whose body is the system prompt.
 *
 * @param name            unique id, lower-case letters, digits and hyphens ({@code migration-planner})
 * @param displayName     the name as written (a heading or a quoted title), or the name itself
 * @param description     when to use the persona; may hold {@code <example>} blocks (see {@link #summary()})
 * @param model           the model alias or id asked for ({@code opus}, {@code claude-sonnet-4-5}, {@code inherit}),
 *                        or null
 * @param color           display colour hint, or null
 * @param tools           the tools the persona may call, or null when it does not restrict them (Claude Code:
 *                        omitted means "inherit all"); entries may end in {@code *}
 * @param disallowedTools tools it may never call (deny wins over {@code tools})
 * @param skills          skill names offered to it
 * @param maxTurns        turn limit asked for, or null
 * @param tags            free tags
 * @param procedure       the ordered tool steps the offline model follows (empty: the default procedure)
 * @param body            the system prompt (Markdown)
 * @param source          the file it came from, or null
 */
public record Persona(String name, String displayName, String description, String model, String color,
                      List<String> tools, List<String> disallowedTools, List<String> skills, Integer maxTurns,
                      List<String> tags, List<ProcedureStep> procedure, String body, Path source) {

    private static final Pattern EXAMPLES = Pattern.compile("(?is)<(example|commentary)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern OPEN_EXAMPLE = Pattern.compile("(?is)<example\\b[^>]*>.*");

    public Persona {
        tools = tools == null ? null : List.copyOf(tools);
        disallowedTools = List.copyOf(disallowedTools);
        skills = List.copyOf(skills);
        tags = List.copyOf(tags);
        procedure = List.copyOf(procedure);
    }

    /** The description without {@code <example>} blocks, on one line: what a listing or a system prompt shows. */
    public String summary() {
        String s = EXAMPLES.matcher(description).replaceAll(" ");
        s = OPEN_EXAMPLE.matcher(s).replaceAll(" ");
        s = s.replaceAll("(?i)\\bexamples?:\\s*$", "");
        return s.replaceAll("\\s+", " ").strip();
    }

    /** Whether the persona may call {@code tool}: allowed by {@link #tools()} (or unrestricted) and not denied. */
    public boolean allowsTool(String tool) {
        for (String d : disallowedTools) {
            if (matches(d, tool)) {
                return false;
            }
        }
        if (tools == null) {
            return true;
        }
        for (String t : tools) {
            if (matches(t, tool)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the persona declares a {@code tools} list (otherwise it inherits every tool). */
    public boolean restrictsTools() {
        return tools != null;
    }

    /** The tool names of the procedure, in order. */
    public List<String> procedureTools() {
        List<String> out = new ArrayList<>();
        for (ProcedureStep s : procedure) {
            out.add(s.tool());
        }
        return out;
    }

    static boolean matches(String pattern, String tool) {
        if (pattern.endsWith("*")) {
            return tool.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(tool);
    }
}
