package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.schemapilot.agent.markdown.TextFiles;
import io.schemapilot.agent.markdown.YamlErrors;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Loads and validates external-command tool manifests ({@code tools/*.yaml}). Format:
 *
 * <pre>
 * name: pg_dump_schema            # [a-z][a-z0-9_]*, not a built-in tool name; default: the file name
 * description: ...                # for the model: what it does and when to use it
 * effect: read                    # read | write | destructive
 * timeout: 60s                    # 500ms, 30s, 2m, 1h or seconds; default 60s, at most 1h
 * command:                        # the argument list; never a shell
 *   - pg_dump
 *   - --schema-only
 *   - ["--schema", "{schema}"]    # optional group: left out when {schema} has no value
 * arguments:                      # JSON schema of the call's arguments
 *   type: object
 *   properties:
 *     schema: {type: string, pattern: "^[a-z_][a-z0-9_]*$", description: ...}
 *   required: []
 * env:
 *   set: {PGAPPNAME: schemapilot} # values may hold placeholders
 *   pass: [PGHOST, PGPORT]        # inherited from schemapilot's environment by name
 * confirm: "{app_id}"             # what the user types to confirm a write/destructive call
 * </pre>
 *
 * <p>Argument extensions: {@code x-flag} (booleans: the option written when true), {@code x-allow-dash} (the
 * value may start with {@code -}), {@code x-check} (a named {@link ArgumentCheck}). A manifest with problems is
 * refused as a whole, with every problem named in its result; the other manifests still load.
 */
public final class ToolManifestLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9_]{0,63}$");
    private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?$");
    private static final Set<String> TOP_KEYS = Set.of("name", "description", "effect", "timeout", "command",
            "arguments", "env", "confirm");
    private static final Set<String> ARG_KEYS = Set.of("type", "description", "enum", "pattern", "minLength",
            "maxLength", "minimum", "maximum", "minItems", "maxItems", "items", "default", "x-flag", "x-allow-dash",
            "x-check", "examples", "title", "format");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "zsh", "dash", "ksh", "fish", "csh", "tcsh",
            "ash", "busybox", "env", "cmd", "cmd.exe", "powershell", "powershell.exe", "pwsh", "pwsh.exe");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private final Map<String, ArgumentCheck> checks;

    public ToolManifestLoader() {
        this(ArgumentCheck.defaults());
    }

    /** @param checks the named checks manifests may use in {@code x-check} */
    public ToolManifestLoader(Map<String, ArgumentCheck> checks) {
        this.checks = Map.copyOf(checks);
    }

    /** A file gives one result; a directory one per {@code *.yaml} / {@code *.yml} file, sorted by name. */
    public List<ToolManifestLoadResult> load(Path path) {
        return Files.isDirectory(path) ? loadDirectory(path) : List.of(loadFile(path));
    }

    /** All manifests of a directory; a name used twice is an error for the later file. */
    public List<ToolManifestLoadResult> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of(failed(dir, Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                if (Files.isRegularFile(p) && !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"))) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            return List.of(failed(dir, "cannot list the directory: " + e.getMessage()));
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<ToolManifestLoadResult> out = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path f : files) {
            ToolManifestLoadResult r = loadFile(f);
            if (r.ok()) {
                Path earlier = seen.putIfAbsent(r.manifest().name(), f);
                if (earlier != null) {
                    r = failed(f, "tool name '" + r.manifest().name() + "' is already used by " + earlier.getFileName());
                }
            }
            out.add(r);
        }
        return out;
    }

    public ToolManifestLoadResult loadFile(Path file) {
        if (!Files.isRegularFile(file)) {
            return failed(file, Files.exists(file) ? "not a regular file" : "no such file");
        }
        TextFiles.Text text;
        try {
            text = TextFiles.read(file);
        } catch (IOException e) {
            return failed(file, "cannot read: " + e.getMessage());
        }
        ToolManifestLoadResult r = parse(text.text(), file);
        if (!r.ok() || text.warnings().isEmpty()) {
            return r;
        }
        List<String> w = new ArrayList<>(text.warnings());
        w.addAll(r.warnings());
        return new ToolManifestLoadResult(file, r.manifest(), w, null);
    }

    /** Parses and validates manifest YAML; {@code source} (may be null) names the file and gives the default name. */
    public ToolManifestLoadResult parse(String yaml, Path source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            return failed(source, "not valid YAML: " + YamlErrors.describe(e, 1));
        }
        if (root == null || !root.isObject()) {
            return failed(source, "the manifest must be a mapping of fields (name, description, effect, command, ...)");
        }
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Iterator<String> keys = root.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!TOP_KEYS.contains(k)) {
                warnings.add("unknown field '" + k + "' ignored");
            }
        }

        String name = text(root.get("name"));
        if (name == null) {
            name = source == null ? null : stem(source).toLowerCase(Locale.ROOT).replace('-', '_');
            if (name == null) {
                errors.add("missing 'name'");
            }
        }
        if (name != null && !NAME.matcher(name).matches()) {
            errors.add("name '" + name + "' must be lower-case letters, digits and _ (starting with a letter, at most 64)");
        } else if (name != null && KnownTools.isBuiltin(name)) {
            errors.add("name '" + name + "' is a built-in tool; choose another");
        }
        String description = text(root.get("description"));
        if (description == null) {
            errors.add("missing 'description' (the model needs to know what the tool does)");
        }
        Effect effect = null;
        String effectText = text(root.get("effect"));
        if (effectText == null) {
            errors.add("missing 'effect' (read, write or destructive)");
        } else {
            effect = Effect.parse(effectText);
            if (effect == null) {
                errors.add("unknown effect '" + effectText + "'; use read, write or destructive");
            }
        }
        Duration timeout = timeout(root.get("timeout"), errors);

        Map<String, ArgumentSpec> args = arguments(root.get("arguments"), errors, warnings);
        CommandTemplate command = command(root.get("command"), errors);

        Map<String, CommandTemplate.Word> envSet = new LinkedHashMap<>();
        List<String> envPass = new ArrayList<>();
        environment(root.get("env"), envSet, envPass, errors, warnings);

        CommandTemplate.Word confirm = null;
        JsonNode confirmNode = root.get("confirm");
        if (confirmNode != null && !confirmNode.isNull()) {
            if (!confirmNode.isValueNode()) {
                errors.add("'confirm' must be text such as \"{app_id}\"");
            } else {
                try {
                    confirm = CommandTemplate.parseWord(confirmNode.asText());
                } catch (IllegalArgumentException e) {
                    errors.add("confirm: " + e.getMessage());
                }
            }
        }

        if (args != null) {
            Set<String> used = new LinkedHashSet<>();
            if (command != null) {
                for (CommandTemplate.Item it : command.items()) {
                    for (CommandTemplate.Word w : it.words()) {
                        checkPlaceholders(w, "command", args, true, errors);
                        used.addAll(w.placeholders());
                    }
                }
            }
            for (Map.Entry<String, CommandTemplate.Word> e : envSet.entrySet()) {
                checkPlaceholders(e.getValue(), "env " + e.getKey(), args, false, errors);
                used.addAll(e.getValue().placeholders());
            }
            if (confirm != null) {
                checkPlaceholders(confirm, "confirm", args, false, errors);
                used.addAll(confirm.placeholders());
            }
            for (String a : args.keySet()) {
                if (!used.contains(a)) {
                    warnings.add("argument '" + a + "' is declared but not used in the command, env or confirm");
                }
            }
        }
        if (effect == Effect.DESTRUCTIVE && confirm == null) {
            warnings.add("destructive tool without 'confirm': the gate will ask the user to type the tool name");
        }
        if (!errors.isEmpty()) {
            return failed(source, String.join("; ", errors));
        }
        ToolManifest m = new ToolManifest(name, description, effect, timeout, command, args, envSet, envPass,
                confirm, checks, source);
        return new ToolManifestLoadResult(source, m, warnings, null);
    }

    private static void checkPlaceholders(CommandTemplate.Word w, String where, Map<String, ArgumentSpec> args,
                                          boolean inCommand, List<String> errors) {
        boolean whole = w.wholePlaceholder() != null;
        int lists = 0;
        for (String p : w.placeholders()) {
            ArgumentSpec spec = args.get(p);
            if (spec == null) {
                errors.add("placeholder {" + p + "} in " + where + " has no declared argument '" + p + "'");
                continue;
            }
            if (spec.type() == ArgumentSpec.Type.BOOLEAN && !(inCommand && whole)) {
                errors.add("{" + p + "} is a boolean argument: it must be a command word on its own"
                        + (inCommand ? ", not part of '" + w + "'" : ", not used in " + where));
            }
            if (spec.type() == ArgumentSpec.Type.ARRAY) {
                lists++;
                if (!inCommand) {
                    errors.add("{" + p + "} is an array argument: it can only be used in the command, not in " + where);
                }
            }
        }
        if (lists > 1) {
            errors.add("the command word '" + w + "' uses more than one array argument");
        }
    }

    private Map<String, ArgumentSpec> arguments(JsonNode node, List<String> errors, List<String> warnings) {
        Map<String, ArgumentSpec> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            errors.add("'arguments' must be a JSON schema object (type: object, properties: ...)");
            return null;
        }
        String type = text(node.get("type"));
        if (type != null && !type.equals("object")) {
            errors.add("'arguments' must have type object, not '" + type + "'");
        }
        JsonNode props = node.get("properties");
        if (props == null || props.isNull()) {
            Iterator<String> keys = node.fieldNames();
            while (keys.hasNext()) {
                String k = keys.next();
                if (!k.equals("type") && !k.equals("additionalProperties") && !k.equals("description")
                        && !(k.equals("required") && node.get(k).isEmpty())) {
                    errors.add("'arguments' needs 'properties' (one entry per argument), found '" + k + "'");
                    return null;
                }
            }
            return out;
        }
        if (!props.isObject()) {
            errors.add("'arguments.properties' must be a mapping of argument names");
            return null;
        }
        Set<String> required = new LinkedHashSet<>();
        JsonNode req = node.get("required");
        if (req != null && !req.isNull()) {
            if (!req.isArray()) {
                errors.add("'arguments.required' must be a list of argument names");
            } else {
                req.forEach(r -> required.add(r.asText()));
            }
        }
        for (Map.Entry<String, JsonNode> e : props.properties()) {
            String n = e.getKey();
            if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                errors.add("argument name '" + n + "' must be letters, digits and _");
                continue;
            }
            ArgumentSpec spec = argument(n, e.getValue(), required.contains(n), errors, warnings, false);
            if (spec != null) {
                out.put(n, spec);
            }
        }
        for (String r : required) {
            if (!props.has(r)) {
                errors.add("'arguments.required' names '" + r + "', which is not declared");
            }
        }
        return out;
    }

    private ArgumentSpec argument(String name, JsonNode def, boolean required, List<String> errors,
                                  List<String> warnings, boolean isItem) {
        String label = isItem ? "items of '" + name + "'" : "argument '" + name + "'";
        if (def == null || !def.isObject()) {
            errors.add(label + " must be a mapping (type: ..., description: ...)");
            return null;
        }
        Iterator<String> keys = def.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!ARG_KEYS.contains(k)) {
                warnings.add(label + ": unknown key '" + k + "' ignored");
            }
        }
        String typeText = text(def.get("type"));
        ArgumentSpec.Type type = ArgumentSpec.Type.parse(typeText);
        if (type == null) {
            errors.add(label + (typeText == null ? " has no type" : " has unknown type '" + typeText + "'")
                    + "; use string, integer, number, boolean or array");
            return null;
        }
        int before = errors.size();
        List<String> enumValues = new ArrayList<>();
        JsonNode en = def.get("enum");
        if (en != null && !en.isNull()) {
            if (!en.isArray() || en.isEmpty()) {
                errors.add(label + ": 'enum' must be a non-empty list");
            } else {
                en.forEach(v -> enumValues.add(v.asText()));
            }
        }
        Pattern pattern = null;
        String pat = text(def.get("pattern"));
        if (pat != null) {
            try {
                pattern = Pattern.compile(pat);
            } catch (PatternSyntaxException e) {
                errors.add(label + ": 'pattern' is not a valid regular expression: " + e.getDescription());
            }
        }
        ArgumentSpec items = null;
        if (type == ArgumentSpec.Type.ARRAY) {
            JsonNode itemsNode = def.get("items");
            if (itemsNode == null || itemsNode.isNull()) {
                itemsNode = YAML.createObjectNode().put("type", "string");
            }
            items = argument(name, itemsNode, true, errors, warnings, true);
            if (items != null && (items.type() == ArgumentSpec.Type.ARRAY || items.type() == ArgumentSpec.Type.BOOLEAN)) {
                errors.add("items of '" + name + "' must be strings or numbers");
            }
        } else if (def.has("items")) {
            errors.add(label + ": 'items' only applies to arrays");
        }
        String flag = text(def.get("x-flag"));
        if (type == ArgumentSpec.Type.BOOLEAN && !isItem) {
            if (flag == null) {
                errors.add(label + " is a boolean: give 'x-flag', the option written when it is true");
            } else if (!flag.startsWith("-") || flag.contains(" ")) {
                errors.add(label + ": 'x-flag' must be one option such as --create-only");
            }
        } else if (flag != null) {
            errors.add(label + ": 'x-flag' only applies to booleans");
        }
        JsonNode dash = def.get("x-allow-dash");
        boolean allowDash = dash != null && dash.asBoolean(false);
        String check = text(def.get("x-check"));
        if (check != null) {
            if (!checks.containsKey(check)) {
                errors.add(label + ": unknown x-check '" + check + "' (known: " + String.join(", ", checks.keySet()) + ")");
            } else if (type != ArgumentSpec.Type.STRING) {
                errors.add(label + ": 'x-check' only applies to strings");
            }
        }
        JsonNode dflt = def.get("default");
        if (dflt != null && dflt.isNull()) {
            dflt = null;
        }
        if (dflt != null && required && !isItem) {
            warnings.add(label + " is required and has a default; the default is never used");
        }
        if (errors.size() > before) {
            return null;
        }
        ArgumentSpec spec = new ArgumentSpec(name, type, text(def.get("description")), required && !isItem, dflt,
                enumValues, pattern, integer(def, "minLength", label, errors), integer(def, "maxLength", label, errors),
                decimal(def, "minimum", label, errors), decimal(def, "maximum", label, errors),
                integer(def, "minItems", label, errors), integer(def, "maxItems", label, errors),
                items, flag, allowDash, check);
        if (dflt != null) {
            List<String> problems = new ArrayList<>();
            spec.coerce(dflt, checks, problems);
            for (String p : problems) {
                errors.add("default of " + label + " is invalid: " + p);
            }
        }
        return spec;
    }

    private static CommandTemplate command(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            errors.add("missing 'command' (the program and its arguments, as a list)");
            return null;
        }
        List<CommandTemplate.Item> items = new ArrayList<>();
        List<JsonNode> raw = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(raw::add);
        } else if (node.isTextual()) {
            String s = node.asText();
            if (s.contains("\"") || s.contains("'") || s.contains("\\")) {
                errors.add("'command' as one string cannot hold quotes or backslashes; write it as a list of words");
                return null;
            }
            for (String w : s.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    raw.add(YAML.getNodeFactory().textNode(w));
                }
            }
        } else {
            errors.add("'command' must be a list of words");
            return null;
        }
        if (raw.isEmpty()) {
            errors.add("'command' is empty");
            return null;
        }
        int before = errors.size();
        for (int i = 0; i < raw.size(); i++) {
            JsonNode n = raw.get(i);
            try {
                if (n.isArray()) {
                    List<CommandTemplate.Word> words = new ArrayList<>();
                    for (JsonNode w : n) {
                        if (!w.isValueNode() || w.isNull()) {
                            throw new IllegalArgumentException("a group may only hold words, not nested lists");
                        }
                        words.add(CommandTemplate.parseWord(w.asText()));
                    }
                    if (words.isEmpty()) {
                        throw new IllegalArgumentException("empty group");
                    }
                    if (words.stream().allMatch(w -> w.placeholders().isEmpty())) {
                        throw new IllegalArgumentException("the group " + n + " has no placeholder, so it would always be written; list its words directly");
                    }
                    items.add(new CommandTemplate.Item(words, true));
                } else if (n.isValueNode() && !n.isNull()) {
                    items.add(new CommandTemplate.Item(List.of(CommandTemplate.parseWord(n.asText())), false));
                } else {
                    throw new IllegalArgumentException("word " + (i + 1) + " is not text");
                }
            } catch (IllegalArgumentException e) {
                errors.add("command: " + e.getMessage());
            }
        }
        if (errors.size() > before) {
            return null;
        }
        CommandTemplate.Item first = items.get(0);
        CommandTemplate.Word program = first.words().get(0);
        if (first.group() || !program.placeholders().isEmpty() || program.toString().isBlank()) {
            errors.add("command: the first word must be the program itself, literal (no placeholder, no group)");
            return null;
        }
        String prog = program.segments().get(0).literal();
        String base = prog.substring(prog.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (SHELLS.contains(base)) {
            errors.add("command: '" + prog + "' is a shell or launcher; name the program itself (tools never run through a shell)");
            return null;
        }
        return new CommandTemplate(items);
    }

    private static void environment(JsonNode node, Map<String, CommandTemplate.Word> set, List<String> pass,
                                    List<String> errors, List<String> warnings) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            errors.add("'env' must be a mapping with 'set' and/or 'pass'");
            return;
        }
        Iterator<String> keys = node.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!k.equals("set") && !k.equals("pass")) {
                warnings.add("env: unknown key '" + k + "' ignored (use 'set' and 'pass')");
            }
        }
        JsonNode s = node.get("set");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                errors.add("'env.set' must map variable names to values");
            } else {
                s.properties().forEach(e -> {
                    if (!ENV_NAME.matcher(e.getKey()).matches()) {
                        errors.add("env.set: '" + e.getKey() + "' is not a variable name");
                    } else if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                        errors.add("env.set: " + e.getKey() + " must be text");
                    } else {
                        try {
                            set.put(e.getKey(), CommandTemplate.parseWord(e.getValue().asText()));
                        } catch (IllegalArgumentException ex) {
                            errors.add("env.set " + e.getKey() + ": " + ex.getMessage());
                        }
                    }
                });
            }
        }
        JsonNode p = node.get("pass");
        if (p != null && !p.isNull()) {
            if (!p.isArray()) {
                errors.add("'env.pass' must be a list of variable names");
            } else {
                for (JsonNode v : p) {
                    String n = v.asText();
                    if (!ENV_NAME.matcher(n).matches()) {
                        errors.add("env.pass: '" + n + "' is not a variable name");
                    } else if (set.containsKey(n)) {
                        errors.add("env: " + n + " is both set and passed through");
                    } else {
                        pass.add(n);
                    }
                }
            }
        }
    }

    private static Duration timeout(JsonNode node, List<String> errors) {
        if (node == null || node.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        Duration d = null;
        if (node.isNumber()) {
            d = Duration.ofMillis(Math.round(node.asDouble() * 1000));
        } else if (node.isTextual()) {
            String s = node.asText().strip().toLowerCase(Locale.ROOT);
            Matcher m = DURATION.matcher(s);
            if (m.matches()) {
                double v = Double.parseDouble(m.group(1));
                String unit = m.group(2) == null ? "s" : m.group(2);
                long ms = Math.round(v * ("ms".equals(unit) ? 1 : "s".equals(unit) ? 1000 : "m".equals(unit) ? 60_000 : 3_600_000));
                d = Duration.ofMillis(ms);
            } else if (s.startsWith("pt")) {
                try {
                    d = Duration.parse(s.toUpperCase(Locale.ROOT));
                } catch (RuntimeException ignored) {
                    d = null;
                }
            }
        }
        if (d == null) {
            errors.add("timeout '" + node.asText() + "' is not a duration such as 30s, 2m or 500ms");
            return null;
        }
        if (d.isZero() || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
            errors.add("timeout must be more than 0 and at most 1h, not '" + node.asText() + "'");
            return null;
        }
        return d;
    }

    private static Integer integer(JsonNode def, String key, String label, List<String> errors) {
        JsonNode n = def.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
            errors.add(label + ": '" + key + "' must be a whole number >= 0");
            return null;
        }
        return n.intValue();
    }

    private static BigDecimal decimal(JsonNode def, String key, String label, List<String> errors) {
        JsonNode n = def.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isNumber()) {
            errors.add(label + ": '" + key + "' must be a number");
            return null;
        }
        return n.decimalValue();
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || !n.isValueNode()) {
            return null;
        }
        String s = n.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static ToolManifestLoadResult failed(Path source, String error) {
        return new ToolManifestLoadResult(source, null, List.of(), error);
    }
}
