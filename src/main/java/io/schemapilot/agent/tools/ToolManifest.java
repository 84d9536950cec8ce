package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An external command offered to the agent as a tool, from a {@code tools/*.yaml} manifest (see
 * {@link ToolManifestLoader} for the format). {@link #render} checks a call's arguments against the declared
 * schema and turns them into a {@link RenderedCommand}; it never builds a shell string.
 *
 * @param arguments   the declared arguments, in declaration order
 * @param environment variables the command sets (values may hold placeholders)
 * @param passEnvironment variables the command inherits from schemapilot's environment (connection settings,
 *                    tokens): passed by name, never written into arguments or transcripts
 * @param confirm     the confirmation target template (e.g. {@code "{app_id}"}), or null
 */
public record ToolManifest(String name, String description, Effect effect, Duration timeout, CommandTemplate command,
                           Map<String, ArgumentSpec> arguments, Map<String, CommandTemplate.Word> environment,
                           List<String> passEnvironment, CommandTemplate.Word confirm,
                           Map<String, ArgumentCheck> checks, Path source) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ToolManifest {
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        passEnvironment = List.copyOf(passEnvironment);
        checks = Map.copyOf(checks);
    }

    /** @param args argument values as plain Java objects (String, Number, Boolean, List) */
    public RenderedCommand render(Map<String, ?> args) throws ToolArgumentException {
        return render(args == null ? JsonNodeFactory.instance.objectNode() : JSON.<JsonNode>valueToTree(args));
    }

    /** @param args the call's arguments as a JSON object (what a model sends) */
    public RenderedCommand render(JsonNode args) throws ToolArgumentException {
        List<String> problems = new ArrayList<>();
        if (args == null || args.isNull() || args.isMissingNode()) {
            args = JsonNodeFactory.instance.objectNode();
        }
        if (!args.isObject()) {
            throw new ToolArgumentException(name, List.of("arguments must be a JSON object"));
        }
        Iterator<String> given = args.fieldNames();
        while (given.hasNext()) {
            String k = given.next();
            if (!arguments.containsKey(k)) {
                problems.add("unknown argument '" + k + "'" + (arguments.isEmpty() ? " (this tool takes none)"
                        : " (known: " + String.join(", ", arguments.keySet()) + ")"));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> flags = new LinkedHashMap<>();
        for (ArgumentSpec spec : arguments.values()) {
            if (spec.flag() != null) {
                flags.put(spec.name(), spec.flag());
            }
            JsonNode v = args.get(spec.name());
            if (v == null || v.isNull()) {
                v = spec.defaultValue();
            }
            if (v == null || v.isNull()) {
                if (spec.required()) {
                    problems.add("missing required argument '" + spec.name() + "'");
                }
                continue;
            }
            Object o = spec.coerce(v, checks, problems);
            if (o != null) {
                values.put(spec.name(), o);
            }
        }
        if (!problems.isEmpty()) {
            throw new ToolArgumentException(name, problems);
        }
        List<String> argv = command.render(values, flags);
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, CommandTemplate.Word> e : environment.entrySet()) {
            String v = CommandTemplate.renderText(e.getValue(), values);
            if (v != null) {
                env.put(e.getKey(), v);
            }
        }
        String target = confirm == null ? null : CommandTemplate.renderText(confirm, values);
        return new RenderedCommand(name, argv, env, passEnvironment, timeout, effect, target == null ? name : target);
    }

    /** The arguments as a JSON schema object for a model's tool definition (without our {@code x-} keys). */
    public ObjectNode parametersSchema() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        ArrayNode required = JsonNodeFactory.instance.arrayNode();
        for (ArgumentSpec a : arguments.values()) {
            props.set(a.name(), a.toJsonSchema());
            if (a.required()) {
                required.add(a.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        schema.put("additionalProperties", false);
        return schema;
    }
}
