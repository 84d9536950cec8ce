package io.schemapilot.agent.persona;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.markdown.FrontMatter;
import io.schemapilot.agent.markdown.FrontMatterException;
import io.schemapilot.agent.markdown.TextFiles;
import io.schemapilot.agent.tools.KnownTools;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads persona files (Markdown with YAML front matter, the Claude Code subagent format) leniently: every file
 * gives a {@link PersonaLoadResult}, a persona with warnings about what was repaired or ignored, or an error for
 * the one file that could not be read; one bad file never stops the others.
 *
 * <p>Accepted quirks: no front matter at all (the name comes from the first {@code # Heading}, else the file
 * name, the description from the first paragraph); front matter that is not YAML (see {@link FrontMatter});
 * mis-encoded characters (see {@link io.schemapilot.agent.markdown.Mojibake}); files that are not UTF-8; names
 * that are titles ({@code "Database Migration & Schema Agent"} becomes {@code database-migration-schema-agent});
 * {@code tools}, {@code skills}, {@code tags} and {@code procedure} as a comma-separated string or a YAML list;
 * Claude Code fields schemapilot does not use (ignored with a warning).
 *
 * <p>Given the known tool and skill names, it also checks the lists: Claude Code tool names with an equivalent
 * are mapped ({@code Read} to {@code read_file}), unknown tools are left out with a warning, unknown skills and
 * procedure steps outside the persona's tools are reported.
 */
public final class PersonaLoader {

    /** The fields schemapilot reads. */
    public static final List<String> FIELDS = List.of("name", "description", "model", "color", "tools",
            "disallowedTools", "skills", "maxTurns", "tags", "procedure");

    private static final Map<String, String> FIELD_ALIASES = Map.of(
            "disallowed-tools", "disallowedTools", "disallowed_tools", "disallowedTools",
            "max-turns", "maxTurns", "max_turns", "maxTurns",
            "allowed-tools", "tools", "allowedTools", "tools");

    /** Claude Code fields that are valid there but mean nothing here. */
    private static final Set<String> FOREIGN_FIELDS = Set.of("permissionMode", "mcpServers", "hooks", "memory",
            "background", "effort", "isolation", "initialPrompt", "user_invocable", "user-invocable",
            "argument-hint", "disable-model-invocation", "context", "agent", "license", "version", "author",
            "metadata", "compatibility");

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Pattern HEADING = Pattern.compile("^#\\s+(.+?)\\s*#*\\s*$");

    private final Set<String> knownTools;
    private final Set<String> knownSkills;
    private final FrontMatter frontMatter;

    /** A loader that checks no tool or skill names. */
    public PersonaLoader() {
        this(null, null);
    }

    /**
     * @param knownTools  tool names a persona may list (built-in plus manifest tools), or null to not check
     * @param knownSkills skill names a persona may list, or null to not check
     */
    public PersonaLoader(Collection<String> knownTools, Collection<String> knownSkills) {
        this.knownTools = knownTools == null ? null : Set.copyOf(knownTools);
        this.knownSkills = knownSkills == null ? null : Set.copyOf(knownSkills);
        List<String> keys = new ArrayList<>(FIELDS);
        keys.addAll(FIELD_ALIASES.keySet());
        keys.addAll(FOREIGN_FIELDS);
        this.frontMatter = new FrontMatter(keys);
    }

    /** The project and user agent folders of Claude Code, highest priority first. */
    public static List<Path> claudeAgentDirs(Path projectDir, Path userHome) {
        List<Path> roots = new ArrayList<>();
        if (projectDir != null) {
            roots.add(projectDir.resolve(".claude").resolve("agents"));
        }
        if (userHome != null) {
            roots.add(userHome.resolve(".claude").resolve("agents"));
        }
        return roots;
    }

    /** Whether the directory listing should try this file as a persona ({@code *.md}, {@code *.txt}, not READMEs). */
    public static boolean isPersonaFile(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || lower.startsWith("readme") || lower.startsWith("license")
                || lower.startsWith("changelog")) {
            return false;
        }
        return (lower.endsWith(".md") || lower.endsWith(".markdown") || lower.endsWith(".txt"))
                && Files.isRegularFile(file);
    }

    /** A file gives one result; a directory gives one per persona file in it (not recursive, sorted by name). */
    public List<PersonaLoadResult> load(Path path) {
        if (!Files.exists(path)) {
            return List.of(PersonaLoadResult.failed(path, "no such file or directory"));
        }
        if (Files.isDirectory(path)) {
            return loadDirectory(path);
        }
        return List.of(loadFile(path));
    }

    public List<PersonaLoadResult> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of(PersonaLoadResult.failed(dir, Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (isPersonaFile(p)) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            return List.of(PersonaLoadResult.failed(dir, "cannot list the directory: " + e.getMessage()));
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<PersonaLoadResult> out = new ArrayList<>();
        for (Path f : files) {
            out.add(loadFile(f));
        }
        return out;
    }

    /**
     * Loads every existing directory of {@code roots} (highest priority first; missing ones are skipped) into a
     * catalog in which a name resolves to the first persona that has it.
     */
    public PersonaCatalog loadRoots(List<Path> roots) {
        List<PersonaLoadResult> all = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                all.addAll(loadDirectory(root));
            } else if (Files.isRegularFile(root)) {
                all.add(loadFile(root));
            }
        }
        return PersonaCatalog.of(all);
    }

    /**
     * The usual search: {@code explicit} folders or files first ({@code --personas DIR}; a missing one is an error
     * result), then {@code optional} folders ({@link #claudeAgentDirs}, the built-in {@code prompts/}; a missing one
     * is skipped).
     */
    public PersonaCatalog loadRoots(List<Path> explicit, List<Path> optional) {
        List<PersonaLoadResult> all = new ArrayList<>();
        for (Path p : explicit) {
            all.addAll(load(p));
        }
        all.addAll(loadRoots(optional).results());
        return PersonaCatalog.of(all);
    }

    public PersonaLoadResult loadFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return PersonaLoadResult.failed(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        TextFiles.Text text;
        try {
            text = TextFiles.read(file);
        } catch (IOException e) {
            return PersonaLoadResult.failed(file, "cannot read: " + e.getMessage());
        }
        PersonaLoadResult r = parse(text.text(), file);
        if (!r.ok() || text.warnings().isEmpty()) {
            return r;
        }
        List<String> warnings = new ArrayList<>(text.warnings());
        warnings.addAll(r.warnings());
        return PersonaLoadResult.loaded(file, r.persona(), warnings);
    }

    /** Parses persona text that is already decoded; {@code source} (may be null) names it in the result. */
    public PersonaLoadResult parse(String text, Path source) {
        if (text.isBlank()) {
            return PersonaLoadResult.failed(source, "the file is empty");
        }
        FrontMatter.Document doc;
        try {
            doc = frontMatter.parse(text);
        } catch (FrontMatterException e) {
            return PersonaLoadResult.failed(source, e.getMessage());
        }
        List<String> warnings = new ArrayList<>(doc.warnings());
        Map<String, JsonNode> fields = normalise(doc.fields(), warnings);
        String body = stripBlankLines(doc.body());

        String displayName = text(fields, "name", warnings);
        String name;
        if (displayName == null || displayName.isBlank()) {
            String heading = firstHeading(body);
            String stem = source == null ? null : stem(source);
            if (heading != null && !slug(heading).isEmpty()) {
                displayName = heading;
                name = slug(heading);
                warnings.add((doc.present() ? "no 'name' field" : "no front matter")
                        + "; name '" + name + "' taken from the heading '# " + heading + "'");
            } else if (stem != null && !slug(stem).isEmpty()) {
                displayName = stem;
                name = slug(stem);
                warnings.add((doc.present() ? "no 'name' field" : "no front matter")
                        + "; name '" + name + "' taken from the file name");
            } else {
                return PersonaLoadResult.failed(source, "no name: no 'name' field, no '# Heading' and no usable file name");
            }
        } else {
            displayName = displayName.strip();
            name = slug(displayName);
            if (name.isEmpty()) {
                return PersonaLoadResult.failed(source, "the name '" + displayName + "' has no letters or digits");
            }
            if (!NAME.matcher(displayName).matches()) {
                warnings.add("name '" + displayName + "' is not lower-case words joined by hyphens; using '" + name + "'");
            }
        }

        String description = text(fields, "description", warnings);
        if (description == null || description.isBlank()) {
            description = firstParagraph(body);
            warnings.add(description.isEmpty()
                    ? "no description, and the body has no paragraph to take one from"
                    : "no description; using the first paragraph of the body");
        }
        if (body.isBlank()) {
            warnings.add("the body is empty: the persona has no instructions");
        }

        List<String> tools = fields.containsKey("tools") ? checkTools(list(fields, "tools", warnings), "tools", warnings) : null;
        List<String> denied = checkTools(list(fields, "disallowedTools", warnings), "disallowedTools", warnings);
        List<String> skills = list(fields, "skills", warnings);
        if (knownSkills != null) {
            List<String> unknown = new ArrayList<>();
            for (String s : skills) {
                if (!knownSkills.contains(s)) {
                    unknown.add(s);
                }
            }
            if (!unknown.isEmpty()) {
                warnings.add("unknown skill" + (unknown.size() == 1 ? "" : "s") + " " + quoteAll(unknown)
                        + " (not found in the skill folders)");
            }
        }
        Integer maxTurns = maxTurns(fields, warnings);
        List<String> tags = list(fields, "tags", warnings);
        List<ProcedureStep> procedure = procedure(fields.get("procedure"), tools, denied, warnings);

        Persona p = new Persona(name, displayName, description.strip(), text(fields, "model", warnings),
                text(fields, "color", warnings), tools, denied, skills, maxTurns, tags, procedure, body, source);
        return PersonaLoadResult.loaded(source, p, warnings);
    }

    /** Lower-case letters and digits joined by single hyphens: {@code "Database Migration & Schema"} gives {@code database-migration-schema}. */
    public static String slug(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder();
        boolean hyphen = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (hyphen && sb.length() > 0) {
                    sb.append('-');
                }
                sb.append(c);
                hyphen = false;
            } else {
                hyphen = true;
            }
        }
        return sb.toString();
    }

    private Map<String, JsonNode> normalise(ObjectNode raw, List<String> warnings) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        List<String> foreign = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : raw.properties()) {
            String key = FIELD_ALIASES.getOrDefault(e.getKey(), e.getKey());
            if (FIELDS.contains(key)) {
                out.put(key, e.getValue());
            } else if (FOREIGN_FIELDS.contains(key)) {
                foreign.add(key);
            } else {
                unknown.add(key);
            }
        }
        if (!foreign.isEmpty()) {
            warnings.add("Claude Code field" + (foreign.size() == 1 ? "" : "s") + " " + quoteAll(foreign)
                    + " not used by schemapilot; ignored");
        }
        if (!unknown.isEmpty()) {
            warnings.add("unknown field" + (unknown.size() == 1 ? "" : "s") + " " + quoteAll(unknown) + " ignored");
        }
        return out;
    }

    private static String text(Map<String, JsonNode> fields, String key, List<String> warnings) {
        JsonNode n = fields.get(key);
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isValueNode()) {
            String s = n.asText().strip();
            return s.isEmpty() ? null : s;
        }
        warnings.add("'" + key + "' should be text but is a " + (n.isArray() ? "list" : "mapping") + "; ignored");
        return null;
    }

    private static List<String> list(Map<String, JsonNode> fields, String key, List<String> warnings) {
        JsonNode n = fields.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull() || n.isMissingNode()) {
            return out;
        }
        if (n.isArray()) {
            for (JsonNode item : n) {
                if (item.isValueNode() && !item.isNull()) {
                    String s = item.asText().strip();
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                } else if (!item.isNull()) {
                    warnings.add("an entry of '" + key + "' is not a plain value; ignored");
                }
            }
            return out;
        }
        if (n.isValueNode()) {
            out.addAll(splitList(n.asText()));
            return out;
        }
        warnings.add("'" + key + "' should be a list or a comma-separated string; ignored");
        return out;
    }

    /** Splits on commas and new lines outside parentheses: {@code "Read, Agent(a, b)"} gives two entries. */
    static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if ((c == ',' || c == '\n') && depth == 0) {
                add(out, cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        add(out, cur.toString());
        return out;
    }

    private static void add(List<String> out, String item) {
        String s = item.strip();
        if (s.startsWith("- ")) {
            s = s.substring(2).strip();
        }
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            s = s.substring(1, s.length() - 1).strip();
        }
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    private List<String> checkTools(List<String> names, String key, List<String> warnings) {
        List<String> out = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String raw : names) {
            String n = KnownTools.canonical(raw);
            if (knownTools == null || knownTools.contains(n) || n.startsWith("mcp__") || globMatches(n)) {
                if (!out.contains(n)) {
                    out.add(n);
                }
            } else {
                dropped.add(raw);
            }
        }
        if (!dropped.isEmpty()) {
            warnings.add("'" + key + "': " + quoteAll(dropped) + (dropped.size() == 1 ? " is not a schemapilot tool" : " are not schemapilot tools")
                    + "; left out");
        }
        return out;
    }

    private boolean globMatches(String pattern) {
        if (!pattern.endsWith("*") || knownTools == null) {
            return false;
        }
        for (String t : knownTools) {
            if (Persona.matches(pattern, t)) {
                return true;
            }
        }
        return false;
    }

    private static Integer maxTurns(Map<String, JsonNode> fields, List<String> warnings) {
        JsonNode n = fields.get("maxTurns");
        if (n == null || n.isNull()) {
            return null;
        }
        Integer v = null;
        if (n.canConvertToInt() && n.isIntegralNumber()) {
            v = n.intValue();
        } else if (n.isTextual()) {
            try {
                v = Integer.parseInt(n.asText().strip());
            } catch (NumberFormatException ignored) {
                v = null;
            }
        }
        if (v == null || v <= 0) {
            warnings.add("'maxTurns' should be a positive whole number, not '" + n.asText() + "'; ignored");
            return null;
        }
        return v;
    }

    private List<ProcedureStep> procedure(JsonNode n, List<String> tools, List<String> denied, List<String> warnings) {
        List<ProcedureStep> steps = new ArrayList<>();
        if (n == null || n.isNull()) {
            return steps;
        }
        List<JsonNode> items = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(items::add);
        } else if (n.isValueNode()) {
            for (String s : splitList(n.asText())) {
                items.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
            }
        } else {
            warnings.add("'procedure' should be a list of tool names; ignored");
            return steps;
        }
        List<String> unknown = new ArrayList<>();
        List<String> notAllowed = new ArrayList<>();
        for (JsonNode item : items) {
            ProcedureStep step = step(item);
            if (step == null) {
                warnings.add("a 'procedure' entry is neither a tool name nor 'tool: {options}'; ignored");
                continue;
            }
            String tool = KnownTools.canonical(step.tool());
            if (knownTools != null && !knownTools.contains(tool)) {
                unknown.add(tool);
                continue;
            }
            boolean allowed = (tools == null || tools.stream().anyMatch(t -> Persona.matches(t, tool)))
                    && denied.stream().noneMatch(d -> Persona.matches(d, tool));
            if (!allowed) {
                notAllowed.add(tool);
            }
            steps.add(new ProcedureStep(tool, step.options()));
        }
        if (!unknown.isEmpty()) {
            warnings.add("'procedure': unknown tool" + (unknown.size() == 1 ? " " : "s ") + quoteAll(unknown) + " left out");
        }
        if (!notAllowed.isEmpty()) {
            warnings.add("'procedure' calls " + quoteAll(notAllowed) + ", which the persona's 'tools' do not allow");
        }
        return steps;
    }

    private static ProcedureStep step(JsonNode item) {
        if (item.isTextual()) {
            String s = item.asText().strip();
            return s.isEmpty() ? null : ProcedureStep.of(s);
        }
        if (item.isObject() && item.size() == 1) {
            Map.Entry<String, JsonNode> e = item.properties().iterator().next();
            Map<String, String> options = new LinkedHashMap<>();
            JsonNode v = e.getValue();
            if (v != null && v.isObject()) {
                v.properties().forEach(o -> options.put(o.getKey(), o.getValue().isValueNode()
                        ? o.getValue().asText() : o.getValue().toString()));
            } else if (v != null && !v.isNull()) {
                options.put("value", v.asText());
            }
            return new ProcedureStep(e.getKey().strip(), options);
        }
        return null;
    }

    private static String firstHeading(String body) {
        boolean fence = false;
        for (String line : body.split("\n")) {
            if (line.strip().startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (!fence) {
                Matcher m = HEADING.matcher(line);
                if (m.matches()) {
                    return m.group(1).strip();
                }
            }
        }
        return null;
    }

    /** The first paragraph of prose (not a heading, list, table, quote or code), on one line. */
    static String firstParagraph(String body) {
        StringBuilder sb = new StringBuilder();
        boolean fence = false;
        for (String line : body.split("\n")) {
            String s = line.strip();
            if (s.startsWith("```")) {
                fence = !fence;
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            if (fence) {
                continue;
            }
            boolean prose = !s.isEmpty() && !s.startsWith("#") && !s.startsWith("|") && !s.startsWith(">")
                    && !s.startsWith("- ") && !s.startsWith("* ") && !s.startsWith("<") && !s.matches("^[-=*_]{3,}$")
                    && !s.matches("^\\d+\\.\\s.*");
            if (prose) {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(s);
            } else if (sb.length() > 0) {
                break;
            }
        }
        return sb.toString().replace("**", "").strip();
    }

    private static String stripBlankLines(String body) {
        int start = 0;
        while (start < body.length()) {
            int nl = body.indexOf('\n', start);
            if (nl < 0 || !body.substring(start, nl).isBlank()) {
                break;
            }
            start = nl + 1;
        }
        return body.substring(start).stripTrailing();
    }

    private static String stem(Path source) {
        String n = source.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String quoteAll(List<String> items) {
        StringBuilder sb = new StringBuilder();
        for (String s : items) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append('\'').append(s).append('\'');
        }
        return sb.toString();
    }
}
