package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.schemapilot.agent.tools.ToolFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a call's arguments (already checked against the tool's schema by the registry), and the schema of the
 * argument kinds the tools share.
 */
final class Args {

    private Args() {
    }

    /** The text of {@code name}, or null when absent or blank. */
    static String text(JsonNode args, String name) {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull() || !v.isValueNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** The text of {@code name} without surrounding white space, or null when absent or blank. */
    static String stripped(JsonNode args, String name) {
        String s = text(args, name);
        return s == null ? null : s.strip();
    }

    static String required(JsonNode args, String name) throws ToolFailure {
        String s = text(args, name);
        if (s == null) {
            throw new ToolFailure("missing required argument '" + name + "'");
        }
        return s;
    }

    static Integer integer(JsonNode args, String name) throws ToolFailure {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.canConvertToInt() && (v.isIntegralNumber() || v.isTextual() && v.asText().strip().matches("-?\\d+"))) {
            return v.isTextual() ? Integer.parseInt(v.asText().strip()) : v.intValue();
        }
        throw new ToolFailure("'" + name + "' must be a whole number");
    }

    static boolean flag(JsonNode args, String name, boolean dflt) {
        JsonNode v = args == null ? null : args.get(name);
        if (v == null || v.isNull()) {
            return dflt;
        }
        return v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText());
    }

    /** A list of texts; a single text counts as a list of one. */
    static List<String> list(JsonNode args, String name) {
        JsonNode v = args == null ? null : args.get(name);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (v.isArray()) {
            v.forEach(x -> {
                if (x.isValueNode() && !x.asText().isBlank()) {
                    out.add(x.asText());
                }
            });
        } else if (v.isValueNode() && !v.asText().isBlank()) {
            out.add(v.asText());
        }
        return out;
    }

    /** The schema of an argument {@link #list} reads: an array of texts. */
    static JsonArraySchema textList(String description) {
        return JsonArraySchema.builder().description(description).items(JsonStringSchema.builder().build()).build();
    }
}
