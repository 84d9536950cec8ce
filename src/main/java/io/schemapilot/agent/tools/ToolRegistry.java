package io.schemapilot.agent.tools;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.checks.Secrets;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.Redact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The tools of a session, by name: the Java tools and the external commands of {@code tools/*.yaml} manifests
 * ({@link ManifestTool}), narrowed to what a persona may call ({@link #forPersona}). {@link #execute} is the one way
 * the loop runs a tool call, and it never throws for a model's mistake: invalid JSON, an unknown or forbidden tool,
 * missing or mistyped arguments, a refused query and a failing tool all come back as a {@link ToolOutcome} with
 * {@code ok == false} and one line the model can act on (no stack trace, no secret).
 *
 * <p>A tool whose effect is not {@link Effect#READ} runs only after the {@link ConfirmationGate} of the context said
 * yes to its request ({@link GatedTool#confirmation}); a denied call does not run. Results longer than
 * {@link ToolContext.Limits#maxResultChars()} are cut ({@link #cap}): the model gets a summary and the head, plus the
 * path of the full result, saved under {@link ToolContext#resultDir()}.
 *
 * <p>A tool's result is data. Nothing here acts on what a result says.
 */
public final class ToolRegistry {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final int MAX_MESSAGE = 2400;
    private static final AtomicInteger SAVED = new AtomicInteger();
    /**
     * Tools whose data is a MigrationPlan: its SQL is kept as planned (masking {@code password = ...} inside a step
     * would change what the plan does); their text for the model is still redacted.
     */
    private static final Set<String> PLAN_TOOLS = Set.of("plan_migration", ToolOutcome.SUBMIT_PLAN);

    private final Map<String, AgentTool> tools;
    private final Map<String, AgentTool> known;
    private final String persona;
    private final List<ToolManifestLoadResult> manifestResults;
    private final List<String> notes;

    /**
     * @throws IllegalArgumentException when two tools share a name
     */
    public ToolRegistry(List<? extends AgentTool> tools) {
        this(index(tools), null, null, List.of(), List.of());
    }

    private ToolRegistry(Map<String, AgentTool> tools, Map<String, AgentTool> known, String persona,
                         List<ToolManifestLoadResult> manifestResults, List<String> notes) {
        this.tools = Collections.unmodifiableMap(new LinkedHashMap<>(tools));
        this.known = known == null ? this.tools : known;
        this.persona = persona;
        this.manifestResults = List.copyOf(manifestResults);
        this.notes = List.copyOf(notes);
    }

    /**
     * The built-in tools plus the manifests found in {@code manifestDirs} (each {@code *.yaml}; directories that do
     * not exist are skipped). A manifest that does not load is left out and listed in {@link #manifestResults()}; a
     * manifest whose name is already taken (by a built-in or an earlier directory) is left out with a note.
     */
    public static ToolRegistry load(List<? extends AgentTool> builtins, List<Path> manifestDirs) {
        Map<String, AgentTool> byName = index(builtins);
        List<ToolManifestLoadResult> results = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        ToolManifestLoader loader = new ToolManifestLoader();
        for (Path dir : manifestDirs) {
            if (dir == null || !Files.isDirectory(dir)) {
                continue;
            }
            for (ToolManifestLoadResult r : loader.loadDirectory(dir)) {
                results.add(r);
                if (!r.ok()) {
                    continue;
                }
                String name = r.manifest().name();
                if (byName.containsKey(name)) {
                    notes.add(r.source() + ": tool name '" + name + "' is already taken; this manifest is not used");
                    continue;
                }
                byName.put(name, new ManifestTool(r.manifest()));
            }
        }
        return new ToolRegistry(byName, null, null, results, notes);
    }

    private static Map<String, AgentTool> index(List<? extends AgentTool> tools) {
        Map<String, AgentTool> out = new LinkedHashMap<>();
        for (AgentTool t : tools) {
            if (out.putIfAbsent(t.name(), t) != null) {
                throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
            }
        }
        return out;
    }

    /** The tools {@code p} may call ({@link Persona#allowsTool}); a null persona keeps them all. */
    public ToolRegistry forPersona(Persona p) {
        if (p == null) {
            return this;
        }
        Map<String, AgentTool> kept = new LinkedHashMap<>();
        tools.forEach((name, tool) -> {
            if (p.allowsTool(name)) {
                kept.put(name, tool);
            }
        });
        return new ToolRegistry(kept, known, p.name(), manifestResults, notes);
    }

    /** Every manifest file looked at, loaded or not (for {@code schemapilot tools} and {@code doctor}). */
    public List<ToolManifestLoadResult> manifestResults() {
        return manifestResults;
    }

    /** Manifests left out although they loaded (name taken). */
    public List<String> notes() {
        return notes;
    }

    public List<AgentTool> tools() {
        return List.copyOf(tools.values());
    }

    public List<String> names() {
        return List.copyOf(tools.keySet());
    }

    public Optional<AgentTool> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        AgentTool t = tools.get(name);
        if (t == null) {
            t = tools.get(KnownTools.canonical(name));
        }
        return Optional.ofNullable(t);
    }

    /** The tool definitions sent to the model, in registry order. */
    public List<ToolSpecification> specifications() {
        List<ToolSpecification> out = new ArrayList<>();
        for (AgentTool t : tools.values()) {
            out.add(t.specification());
        }
        return out;
    }

    // ================================================================================================ execute

    /**
     * Runs one tool call of the model.
     *
     * @param callId        the model's id for the call
     * @param name          the tool name the model used
     * @param argumentsJson the raw JSON arguments the model sent (null or blank: none)
     */
    public ToolOutcome execute(String callId, String name, String argumentsJson, ToolContext ctx) {
        if (name == null || name.isBlank()) {
            return ToolOutcome.failure(callId, "", "no tool name given; available tools: " + String.join(", ", names()));
        }
        Optional<AgentTool> found = find(name);
        if (found.isEmpty()) {
            String canonical = KnownTools.canonical(name);
            if (known.containsKey(name) || known.containsKey(canonical)) {
                return ToolOutcome.failure(callId, name, "the persona '" + persona + "' may not call " + name
                        + "; the tools it may call: " + String.join(", ", names()));
            }
            return ToolOutcome.failure(callId, name, "unknown tool '" + shorten(name, 80) + "'; available tools: "
                    + String.join(", ", names()));
        }
        AgentTool tool = found.get();
        String toolName = tool.name();

        ObjectNode args;
        try {
            args = parseArguments(argumentsJson);
        } catch (ToolFailure e) {
            return ToolOutcome.failure(callId, toolName, "the arguments of " + toolName + " " + e.getMessage());
        }
        if (!(tool instanceof ManifestTool) && tool.parameters() != null) {
            List<String> problems = new ArrayList<>();
            validate(tool.parameters(), args, problems);
            if (!problems.isEmpty()) {
                return ToolOutcome.failure(callId, toolName, "invalid arguments for " + toolName + ": "
                        + String.join("; ", problems) + "; expected " + describe(tool.parameters()));
            }
        }

        ToolOutcome.Confirmation confirmation = null;
        if (tool.effect().needsConfirmation()) {
            ConfirmationGate.Request request;
            try {
                request = tool instanceof GatedTool
                        ? ((GatedTool) tool).confirmation(args, ctx)
                        : new ConfirmationGate.Request(toolName + " " + args, toolName, kind(tool.effect()));
            } catch (ToolFailure e) {
                return ToolOutcome.failure(callId, toolName, sanitize(e.getMessage(), ctx));
            } catch (RuntimeException e) {
                return ToolOutcome.failure(callId, toolName, describeException(toolName, e, ctx));
            }
            if (request.kind() != kind(tool.effect()) && tool.effect() == Effect.DESTRUCTIVE) {
                // a destructive tool is asked as destructive, whatever it says
                request = new ConfirmationGate.Request(request.action(), request.target(), ConfirmationGate.Kind.DESTRUCTIVE);
            }
            ConfirmationGate gate = ctx.gate() == null ? ConfirmationGate.denyAll() : ctx.gate();
            ConfirmationGate.Decision d = gate.decide(request);
            confirmation = new ToolOutcome.Confirmation(sanitize(request.action(), ctx), request.target(),
                    request.kind().label(), d.approved(), d.how());
            if (!d.approved()) {
                return new ToolOutcome(callId, toolName, false, "denied: " + d.how() + ". " + toolName
                        + " did not run; do not retry it unless the user confirms " + request.target() + ".",
                        null, confirmation, null);
            }
        }

        if (args.hasNonNull(SCHEMA_FILE_ARG)) {
            try {
                ctx = withSchemaFile(ctx, args.get(SCHEMA_FILE_ARG).asText());
            } catch (ToolFailure e) {
                return new ToolOutcome(callId, toolName, false, sanitize(e.getMessage(), ctx), null, confirmation, null);
            }
            args.remove(SCHEMA_FILE_ARG);
        }
        ToolResult result;
        try {
            result = tool.call(args, ctx);
        } catch (ToolFailure e) {
            return new ToolOutcome(callId, toolName, false, sanitize(e.getMessage(), ctx), null, confirmation, null);
        } catch (RuntimeException | StackOverflowError e) {
            return new ToolOutcome(callId, toolName, false, describeException(toolName, e, ctx), null, confirmation,
                    null);
        }
        if (result == null) {
            result = ToolResult.text("");
        }
        JsonNode data = result.data();
        boolean ok = !(data != null && data.isObject() && data.path("ok").isBoolean() && !data.path("ok").asBoolean());
        String text = redact(result.text(), ctx);
        if (data != null && !PLAN_TOOLS.contains(toolName)) {
            String raw = data.toString();
            String clean = redact(raw, ctx);
            if (!clean.equals(raw)) {
                try {
                    data = JSON.readTree(clean);
                } catch (JsonProcessingException e) {
                    data = JsonNodeFactory.instance.textNode(clean);
                }
            }
        }
        Capped capped = cap(toolName, callId, text, ctx);
        return new ToolOutcome(callId, toolName, ok, capped.text(), data, confirmation, capped.fullResult());
    }

    /**
     * The optional argument of the schema tools (inspect_schema, check_migration, check_data, run_query, rehearse,
     * plan_migration) naming the current schema as a SQL file of the project, for sessions started without
     * {@code --db} / {@code --schema}.
     */
    public static final String SCHEMA_FILE_ARG = "schema_file";

    public static final String SCHEMA_FILE_DOC = "The current schema as a SQL file of the project (e.g. db/schema.sql),"
            + " when the session has no --db or --schema; loaded into an embedded PostgreSQL.";

    /** {@code ctx} with the current schema taken from the project file {@code path}; not allowed over {@code --db}. */
    static ToolContext withSchemaFile(ToolContext ctx, String path) throws ToolFailure {
        if (ctx.target().db()) {
            throw new ToolFailure("schema_file is for sessions without a database; this session reads the live"
                    + " database given with --db, so leave schema_file out");
        }
        java.nio.file.Path file = ProjectPaths.existingFile(ctx, path);
        return new ToolContext(ctx.projectRoot(), io.schemapilot.catalog.CatalogTarget.Source.schema(file),
                ctx.skills(), ctx.gate(), ctx.environment(), ctx.resultDir(), ctx.limits());
    }

    private static ConfirmationGate.Kind kind(Effect e) {
        return e == Effect.DESTRUCTIVE ? ConfirmationGate.Kind.DESTRUCTIVE : ConfirmationGate.Kind.WRITE;
    }

    private static ObjectNode parseArguments(String json) throws ToolFailure {
        if (json == null || json.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode n;
        try {
            n = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ToolFailure("are not valid JSON (" + shorten(oneLine(e.getOriginalMessage()), 160)
                    + "); send one JSON object, e.g. {\"name\": \"value\"}");
        }
        if (n != null && n.isTextual()) {
            // some models send the object JSON-encoded as a string
            try {
                JsonNode inner = JSON.readTree(n.asText());
                if (inner != null && inner.isObject()) {
                    n = inner;
                }
            } catch (JsonProcessingException ignored) {
                // not JSON inside: reported below
            }
        }
        if (n == null || n.isNull() || n.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!n.isObject()) {
            throw new ToolFailure("must be a JSON object, not " + n.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return (ObjectNode) n;
    }

    // ================================================================================================ arguments

    /**
     * Checks {@code args} against a tool's schema and converts what is obviously meant (the text "3" for an integer,
     * "true" for a boolean, one value for a list, a differently cased enum value); nulls count as absent.
     */
    static void validate(JsonObjectSchema schema, ObjectNode args, List<String> problems) {
        Map<String, JsonSchemaElement> props = schema.properties() == null ? Map.of() : schema.properties();
        List<String> nulls = new ArrayList<>();
        args.properties().forEach(e -> {
            if (e.getValue() == null || e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        nulls.forEach(args::remove);
        Iterator<String> names = args.fieldNames();
        List<String> unknown = new ArrayList<>();
        while (names.hasNext()) {
            String n = names.next();
            if (!props.containsKey(n)) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty() && Boolean.FALSE.equals(schema.additionalProperties())) {
            for (String n : unknown) {
                problems.add("unknown argument '" + shorten(n, 60) + "'" + (props.isEmpty() ? " (this tool takes none)"
                        : " (known: " + String.join(", ", props.keySet()) + ")"));
            }
        }
        if (schema.required() != null) {
            for (String r : schema.required()) {
                if (!args.has(r)) {
                    problems.add("missing required argument '" + r + "'");
                }
            }
        }
        for (Map.Entry<String, JsonSchemaElement> e : props.entrySet()) {
            JsonNode v = args.get(e.getKey());
            if (v == null) {
                continue;
            }
            JsonNode fixed = coerce(e.getKey(), e.getValue(), v, problems);
            if (fixed != null && fixed != v) {
                args.set(e.getKey(), fixed);
            }
        }
    }

    private static JsonNode coerce(String label, JsonSchemaElement s, JsonNode v, List<String> problems) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (s instanceof JsonStringSchema) {
            if (v.isTextual()) {
                return v;
            }
            if (v.isNumber() || v.isBoolean()) {
                return f.textNode(v.asText());
            }
            problems.add("'" + label + "' must be a string");
            return null;
        }
        if (s instanceof JsonEnumSchema) {
            List<String> values = ((JsonEnumSchema) s).enumValues();
            if (v.isValueNode()) {
                for (String x : values) {
                    if (x.equalsIgnoreCase(v.asText().strip())) {
                        return f.textNode(x);
                    }
                }
            }
            problems.add("'" + label + "' must be one of " + values + ", not " + shorten(v.toString(), 60));
            return null;
        }
        if (s instanceof JsonIntegerSchema) {
            if (v.isIntegralNumber()) {
                return v;
            }
            if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
                return f.numberNode(v.decimalValue().toBigInteger());
            }
            if (v.isTextual() && v.asText().strip().matches("-?\\d{1,18}")) {
                return f.numberNode(Long.parseLong(v.asText().strip()));
            }
            problems.add("'" + label + "' must be a whole number");
            return null;
        }
        if (s instanceof JsonNumberSchema) {
            if (v.isNumber()) {
                return v;
            }
            if (v.isTextual()) {
                try {
                    return f.numberNode(new BigDecimal(v.asText().strip()));
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            problems.add("'" + label + "' must be a number");
            return null;
        }
        if (s instanceof JsonBooleanSchema) {
            if (v.isBoolean()) {
                return v;
            }
            if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                return f.booleanNode(Boolean.parseBoolean(v.asText().toLowerCase(Locale.ROOT)));
            }
            problems.add("'" + label + "' must be true or false");
            return null;
        }
        if (s instanceof JsonArraySchema) {
            ArrayNode arr;
            if (v.isArray()) {
                arr = (ArrayNode) v;
            } else if (v.isValueNode() || v.isObject()) {
                arr = f.arrayNode().add(v);
            } else {
                problems.add("'" + label + "' must be a list");
                return null;
            }
            JsonSchemaElement items = ((JsonArraySchema) s).items();
            if (items == null) {
                return arr;
            }
            ArrayNode out = f.arrayNode();
            for (int i = 0; i < arr.size(); i++) {
                JsonNode x = coerce(label + "[" + i + "]", items, arr.get(i), problems);
                out.add(x == null ? arr.get(i) : x);
            }
            return out;
        }
        if (s instanceof JsonObjectSchema) {
            JsonNode o = v;
            if (v.isTextual()) {
                try {
                    o = JSON.readTree(v.asText());
                } catch (JsonProcessingException e) {
                    o = v;
                }
            }
            if (o == null || !o.isObject()) {
                problems.add("'" + label + "' must be a JSON object");
                return null;
            }
            return o;
        }
        return v;
    }

    /** "{path (string, required), start_line (integer)}": what the tool takes, for a message to the model. */
    static String describe(JsonObjectSchema schema) {
        Map<String, JsonSchemaElement> props = schema.properties() == null ? Map.of() : schema.properties();
        if (props.isEmpty()) {
            return "no arguments";
        }
        List<String> req = schema.required() == null ? List.of() : schema.required();
        List<String> parts = new ArrayList<>();
        props.forEach((n, s) -> parts.add(n + " (" + typeName(s) + (req.contains(n) ? ", required" : "") + ")"));
        return "{" + String.join(", ", parts) + "}";
    }

    private static String typeName(JsonSchemaElement s) {
        if (s instanceof JsonStringSchema) {
            return "string";
        }
        if (s instanceof JsonEnumSchema) {
            return "one of " + String.join("|", ((JsonEnumSchema) s).enumValues());
        }
        if (s instanceof JsonIntegerSchema) {
            return "integer";
        }
        if (s instanceof JsonNumberSchema) {
            return "number";
        }
        if (s instanceof JsonBooleanSchema) {
            return "boolean";
        }
        if (s instanceof JsonArraySchema) {
            return "list";
        }
        if (s instanceof JsonObjectSchema) {
            return "object";
        }
        return "any";
    }

    // ================================================================================================ messages

    /** One line for an exception a tool let through: its message when it is meant for users, else its kind. */
    private static String describeException(String tool, Throwable e, ToolContext ctx) {
        String m = e.getMessage();
        if (e instanceof UncheckedIOException && e.getCause() != null) {
            m = e.getCause().getMessage();
        }
        boolean forUsers = e instanceof IllegalArgumentException || e instanceof DatabaseException
                || e instanceof UncheckedIOException || e instanceof IllegalStateException
                || e.getClass().getName().startsWith("io.schemapilot.");
        String text;
        if (forUsers && m != null && !m.isBlank()) {
            text = tool + " failed: " + m;
        } else {
            text = "internal error in " + tool + ": " + e.getClass().getSimpleName() + (m == null ? "" : ": " + m)
                    + " (a bug in schemapilot; try another way)";
        }
        return sanitize(text, ctx);
    }

    /** A message as the model may see it: secrets masked, one line, at most a few hundred characters. */
    public static String sanitize(String message, ToolContext ctx) {
        String s = redact(message == null ? "" : message, ctx);
        return shorten(oneLine(s), MAX_MESSAGE);
    }

    /**
     * {@code text} with secrets masked: passwords in URLs and {@code password=} parameters ({@link Redact}), and the
     * value of every variable of the context's environment whose name looks secret ({@code PGPASSWORD},
     * {@code *_TOKEN}, {@code *_API_KEY}, ...).
     */
    static String redact(String text, ToolContext ctx) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = Redact.secrets(text);
        if (ctx != null) {
            for (Map.Entry<String, String> e : ctx.environment().entrySet()) {
                String v = e.getValue();
                if (v != null && v.length() >= 4 && Secrets.looksSecret(e.getKey())) {
                    out = Redact.secret(out, v);
                }
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    // ================================================================================================ capping

    /**
     * A result as the model sees it.
     *
     * @param fullResult where the whole text was saved when it was cut, else null
     */
    public record Capped(String text, Path fullResult) {
    }

    /**
     * {@code text} when it fits in {@link ToolContext.Limits#maxResultChars()}; else a summary (for JSON: the top-level
     * fields, lists as their number of items), the head, and
     * {@code [truncated: N of M chars; full result saved to PATH; ask a narrower question]}, with the whole text
     * written under {@link ToolContext#resultDir()}.
     */
    public static Capped cap(String tool, String callId, String text, ToolContext ctx) {
        int max = Math.max(200, ctx.limits().maxResultChars());
        if (text == null || text.length() <= max) {
            return new Capped(text == null ? "" : text, null);
        }
        JsonNode parsed = null;
        String t = text.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try {
                parsed = JSON.readTree(t);
            } catch (JsonProcessingException ignored) {
                parsed = null;
            }
        }
        Path saved = save(tool, callId, text, parsed != null, ctx);
        String where = saved == null ? "the full result could not be saved"
                : "full result saved to " + ProjectPaths.relative(ctx, saved);
        String summary = parsed == null ? "" : "summary: " + summary(parsed) + "\n";
        if (summary.length() > max / 2) {
            summary = summary.substring(0, max / 2 - 4) + "...\n";
        }
        String footerTemplate = "\n[truncated: %d of %d chars; " + where + "; ask a narrower question]";
        int footerLen = String.format(Locale.ROOT, footerTemplate, text.length(), text.length()).length();
        int budget = Math.max(0, max - summary.length() - footerLen);
        int end = Math.min(budget, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        String head = text.substring(0, end);
        return new Capped(summary + head + String.format(Locale.ROOT, footerTemplate, end, text.length()), saved);
    }

    /** One line: the top-level fields of an object (lists as "N items"), or "N items" for a list. */
    static String summary(JsonNode n) {
        if (n.isArray()) {
            return n.size() + " items";
        }
        if (!n.isObject()) {
            return shorten(n.toString(), 200);
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        n.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isArray()) {
                out.put(e.getKey(), v.size() + " items");
            } else if (v.isObject()) {
                String s = v.toString();
                if (s.length() <= 240) {
                    out.set(e.getKey(), v);
                } else {
                    List<String> keys = new ArrayList<>();
                    v.fieldNames().forEachRemaining(keys::add);
                    out.put(e.getKey(), "{" + String.join(", ", keys) + "}");
                }
            } else if (v.isTextual() && v.asText().length() > 160) {
                out.put(e.getKey(), v.asText().substring(0, 157) + "...");
            } else {
                out.set(e.getKey(), v);
            }
        });
        return out.toString();
    }

    private static Path save(String tool, String callId, String text, boolean json, ToolContext ctx) {
        Path dir = ctx.resultDir();
        if (dir == null) {
            return null;
        }
        String id = callId == null || callId.isBlank() ? "call" : callId;
        String name = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT))
                + "-" + SAVED.incrementAndGet() + "-" + tool + "-" + id;
        name = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (name.length() > 120) {
            name = name.substring(0, 120);
        }
        try {
            Files.createDirectories(dir);
            Path p = dir.resolve(name + (json ? ".json" : ".txt"));
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return p;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
