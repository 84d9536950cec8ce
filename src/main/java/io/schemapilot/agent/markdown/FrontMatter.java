package io.schemapilot.agent.markdown;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a Markdown file into YAML front matter and body, the Claude Code way, and reads the front matter
 * leniently.
 *
 * <p>The front matter is the block between a first line {@code ---} and the next {@code ---} (or {@code ...})
 * line; everything after it is the body, which may itself contain {@code ---}. The block is first read as strict
 * YAML. Real agent files often are not YAML (an unquoted {@code description:} that contains {@code ": "}, or
 * {@code <example>} blocks with {@code user:} lines continuing it over many lines), so when strict YAML fails the
 * block is read line by line: a line at column 0 that looks like {@code key:} starts a new field, and every other
 * line continues the value of the field before it. Inside an open {@code <example>} or {@code <commentary>} block,
 * and for conversation labels such as {@code user:} or {@code Context:}, only the known field names start a new
 * field. Each field's lines are then tried as YAML on their own (so lists and quoted strings still work) and kept
 * as plain text when that fails. The warnings say what was read this way.
 */
public final class FrontMatter {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern KEY_LINE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_.-]*)[ \\t]*:(?:[ \\t]+(.*)|[ \\t]*)$");
    private static final Pattern TAG = Pattern.compile("<(/?)(example|commentary)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    /** Words that introduce turns inside descriptions ("user: ...", "Context: ..."); never field names. */
    private static final Set<String> CONVERSATION_LABELS = Set.of("user", "assistant", "human", "ai", "context",
            "commentary", "example", "examples", "note", "input", "output", "response", "question", "answer");

    /**
     * @param fields     the fields, in file order ({@code {}} when there is no front matter)
     * @param body       the Markdown after the front matter
     * @param present    whether the file had front matter
     * @param lenient    whether strict YAML failed and the block was read line by line
     * @param bodyLine   the 1-based line of the file where the body starts
     * @param warnings   what was repaired or ignored, one sentence each
     */
    public record Document(ObjectNode fields, String body, boolean present, boolean lenient, int bodyLine,
                           List<String> warnings) {
        public Document {
            warnings = List.copyOf(warnings);
        }
    }

    private final Set<String> knownKeys;

    /** @param knownKeys field names that always start a new field in lenient mode, even inside an example */
    public FrontMatter(Collection<String> knownKeys) {
        this.knownKeys = Set.copyOf(knownKeys);
    }

    /** @throws FrontMatterException when the front matter is opened but never closed */
    public Document parse(String text) throws FrontMatterException {
        String[] lines = text.split("\n", -1);
        int first = 0;
        while (first < lines.length && lines[first].isBlank()) {
            first++;
        }
        if (first >= lines.length || !isDelimiter(lines[first])) {
            return new Document(JsonNodeFactory.instance.objectNode(), text, false, false, 1, List.of());
        }
        int close = -1;
        for (int j = first + 1; j < lines.length; j++) {
            String l = lines[j].stripTrailing();
            if (l.equals("---") || l.equals("...")) {
                close = j;
                break;
            }
        }
        if (close < 0) {
            throw new FrontMatterException("front matter opened by '---' on line " + (first + 1)
                    + " is never closed by a second '---' line");
        }
        List<String> yamlLines = Arrays.asList(lines).subList(first + 1, close);
        String body = String.join("\n", Arrays.asList(lines).subList(close + 1, lines.length));
        int firstYamlLine = first + 2;
        List<String> warnings = new ArrayList<>();
        String yaml = String.join("\n", yamlLines);
        if (yaml.isBlank()) {
            return new Document(JsonNodeFactory.instance.objectNode(), body, true, false, close + 2, warnings);
        }
        String strictError;
        try {
            JsonNode node = YAML.readTree(yaml);
            if (node != null && node.isObject()) {
                return new Document((ObjectNode) node, body, true, false, close + 2, warnings);
            }
            strictError = "it is " + (node == null || node.isMissingNode() ? "empty" : "a " + kind(node))
                    + ", not a set of 'key: value' fields";
        } catch (IOException | RuntimeException e) {
            strictError = YamlErrors.describe(e, firstYamlLine);
        }
        ObjectNode fields = lenient(yamlLines, firstYamlLine, strictError, warnings);
        return new Document(fields, body, true, true, close + 2, warnings);
    }

    private static boolean isDelimiter(String line) {
        return line.stripTrailing().equals("---");
    }

    private ObjectNode lenient(List<String> lines, int firstLine, String strictError, List<String> warnings) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        Entry current = null;
        int tagDepth = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int fileLine = firstLine + i;
            Matcher m = KEY_LINE.matcher(line);
            if (m.matches() && startsField(m.group(1), tagDepth)) {
                current = new Entry(m.group(1), fileLine, m.group(2) == null ? "" : m.group(2).strip());
                if (entries.containsKey(current.key)) {
                    warnings.add("field '" + current.key + "' appears twice (lines " + entries.get(current.key).line
                            + " and " + fileLine + "); the later one is used");
                    entries.remove(current.key);
                }
                entries.put(current.key, current);
            } else if (current != null) {
                current.rest.add(line);
            } else if (!line.isBlank() && !line.strip().startsWith("#")) {
                warnings.add("line " + fileLine + " is not a 'key: value' field of the front matter; ignored");
            }
            Matcher t = TAG.matcher(line);
            while (t.find()) {
                tagDepth = t.group(1).isEmpty() ? tagDepth + 1 : Math.max(0, tagDepth - 1);
            }
        }
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        List<String> asText = new ArrayList<>();
        for (Entry e : entries.values()) {
            JsonNode value = e.yamlValue();
            if (value == null) {
                value = new TextNode(e.rawText());
                int last = e.lastNonBlankLine();
                boolean notable = last > e.line || e.inline.contains(": ") || e.inline.contains("#");
                if (notable) {
                    asText.add("'" + e.key + "' (" + (last > e.line ? "lines " + e.line + "-" + last : "line " + e.line)
                            + ")");
                }
            }
            fields.set(e.key, value);
        }
        warnings.add(0, "front matter is not valid YAML (" + strictError + "); read it line by line instead"
                + (asText.isEmpty() ? "" : ", taking " + String.join(", ", asText) + " as plain text"));
        return fields;
    }

    private boolean startsField(String key, int tagDepth) {
        if (knownKeys.contains(key)) {
            return true;
        }
        return tagDepth == 0 && !CONVERSATION_LABELS.contains(key.toLowerCase(Locale.ROOT));
    }

    private static String kind(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isNull()) {
            return "null value";
        }
        return "single value";
    }

    /** One field of the line-by-line reading: its first line and the lines that continue it. */
    private static final class Entry {
        final String key;
        final int line;
        final String inline;
        final List<String> rest = new ArrayList<>();

        Entry(String key, int line, String inline) {
            this.key = key;
            this.line = line;
            this.inline = inline;
        }

        /** The value read as YAML on its own, or null when it is not YAML. */
        JsonNode yamlValue() {
            StringBuilder sb = new StringBuilder(key).append(':');
            if (!inline.isEmpty()) {
                sb.append(' ').append(inline);
            }
            for (String r : rest) {
                sb.append('\n').append(r);
            }
            try {
                JsonNode n = YAML.readTree(sb.toString());
                if (n != null && n.isObject() && n.size() == 1 && n.has(key)) {
                    return n.get(key);
                }
            } catch (IOException | RuntimeException ignored) {
                // not YAML: taken as text
            }
            return null;
        }

        String rawText() {
            StringBuilder sb = new StringBuilder(inline);
            for (String r : rest) {
                sb.append('\n').append(r);
            }
            String s = sb.toString().strip();
            if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
                s = s.substring(1, s.length() - 1);
            }
            return s;
        }

        int lastNonBlankLine() {
            int last = line;
            for (int i = 0; i < rest.size(); i++) {
                if (!rest.get(i).isBlank()) {
                    last = line + 1 + i;
                }
            }
            return last;
        }
    }
}
