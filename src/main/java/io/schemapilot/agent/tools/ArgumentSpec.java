package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One declared argument of a manifest tool, from its JSON-schema-like {@code arguments.properties} entry, with
 * three extensions: {@code x-flag} (a boolean renders as this option when true), {@code x-allow-dash} (the value
 * may start with {@code -}; by default it may not, so it can never be taken for an option) and {@code x-check}
 * (a named {@link ArgumentCheck}).
 *
 * @param items for {@link Type#ARRAY}: the spec every item follows, else null
 */
public record ArgumentSpec(String name, Type type, String description, boolean required, JsonNode defaultValue,
                           List<String> enumValues, Pattern pattern, Integer minLength, Integer maxLength,
                           BigDecimal minimum, BigDecimal maximum, Integer minItems, Integer maxItems,
                           ArgumentSpec items, String flag, boolean allowDash, String check) {

    /** The JSON-schema types an argument can have. */
    public enum Type {
        STRING, INTEGER, NUMBER, BOOLEAN, ARRAY;

        /** @return the type, or null when {@code s} is none of string, integer, number, boolean, array */
        public static Type parse(String s) {
            if (s == null) {
                return null;
            }
            switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "string":
                    return STRING;
                case "integer":
                    return INTEGER;
                case "number":
                    return NUMBER;
                case "boolean":
                    return BOOLEAN;
                case "array":
                    return ARRAY;
                default:
                    return null;
            }
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public ArgumentSpec {
        enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
    }

    /**
     * Checks and converts one value: a {@code String}, {@code Long}, {@code BigDecimal}, {@code Boolean} or, for
     * arrays, a {@code List} of those. Problems are added to {@code problems}; the return value is then null.
     */
    Object coerce(JsonNode v, Map<String, ArgumentCheck> checks, List<String> problems) {
        return coerce(name, v, checks, problems);
    }

    private Object coerce(String label, JsonNode v, Map<String, ArgumentCheck> checks, List<String> problems) {
        switch (type) {
            case STRING: {
                if (!v.isValueNode() || v.isNull()) {
                    problems.add("'" + label + "' must be a string");
                    return null;
                }
                String s = v.asText();
                int before = problems.size();
                if (!enumValues.isEmpty() && !enumValues.contains(s)) {
                    problems.add("'" + label + "' must be one of " + enumValues + ", not '" + s + "'");
                }
                if (pattern != null && !pattern.matcher(s).find()) {
                    problems.add("'" + label + "' must match " + pattern.pattern() + ", not '" + shorten(s) + "'");
                }
                if (minLength != null && s.length() < minLength) {
                    problems.add("'" + label + "' must have at least " + minLength + " characters");
                }
                if (maxLength != null && s.length() > maxLength) {
                    problems.add("'" + label + "' must have at most " + maxLength + " characters");
                }
                if (s.indexOf('\0') >= 0) {
                    problems.add("'" + label + "' contains a NUL character");
                }
                if (!allowDash && s.startsWith("-")) {
                    problems.add("'" + label + "' must not start with '-' (it would be read as an option): '"
                            + shorten(s) + "'");
                }
                if (check != null && problems.size() == before) {
                    String p = checks.get(check).problem(s);
                    if (p != null) {
                        problems.add("'" + label + "': " + p);
                    }
                }
                return problems.size() == before ? s : null;
            }
            case INTEGER: {
                Long n = null;
                if (v.isIntegralNumber() && v.canConvertToLong()) {
                    n = v.longValue();
                } else if (v.isTextual() && v.asText().strip().matches("-?\\d{1,18}")) {
                    n = Long.parseLong(v.asText().strip());
                } else if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
                    n = v.decimalValue().longValue();
                }
                if (n == null) {
                    problems.add("'" + label + "' must be a whole number");
                    return null;
                }
                return inRange(label, new BigDecimal(n), problems) ? checkDash(label, n.toString(), n, problems) : null;
            }
            case NUMBER: {
                BigDecimal d = null;
                if (v.isNumber()) {
                    d = v.decimalValue();
                } else if (v.isTextual()) {
                    try {
                        d = new BigDecimal(v.asText().strip());
                    } catch (NumberFormatException ignored) {
                        d = null;
                    }
                }
                if (d == null) {
                    problems.add("'" + label + "' must be a number");
                    return null;
                }
                return inRange(label, d, problems) ? checkDash(label, d.stripTrailingZeros().toPlainString(), d, problems) : null;
            }
            case BOOLEAN: {
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                if (v.isTextual() && (v.asText().equalsIgnoreCase("true") || v.asText().equalsIgnoreCase("false"))) {
                    return Boolean.parseBoolean(v.asText().toLowerCase(Locale.ROOT));
                }
                problems.add("'" + label + "' must be true or false");
                return null;
            }
            case ARRAY: {
                List<JsonNode> raw = new ArrayList<>();
                if (v.isArray()) {
                    v.forEach(raw::add);
                } else if (v.isValueNode() && !v.isNull()) {
                    raw.add(v);
                } else {
                    problems.add("'" + label + "' must be a list");
                    return null;
                }
                int before = problems.size();
                if (minItems != null && raw.size() < minItems) {
                    problems.add("'" + label + "' must have at least " + minItems + " item" + (minItems == 1 ? "" : "s"));
                }
                if (maxItems != null && raw.size() > maxItems) {
                    problems.add("'" + label + "' must have at most " + maxItems + " items");
                }
                List<Object> out = new ArrayList<>();
                for (int i = 0; i < raw.size(); i++) {
                    Object o = items.coerce(label + "[" + i + "]", raw.get(i), checks, problems);
                    if (o != null) {
                        out.add(o);
                    }
                }
                return problems.size() == before ? out : null;
            }
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    private Object checkDash(String label, String rendered, Object value, List<String> problems) {
        if (!allowDash && rendered.startsWith("-")) {
            problems.add("'" + label + "' must not be negative (it would be read as an option)");
            return null;
        }
        return value;
    }

    private boolean inRange(String label, BigDecimal d, List<String> problems) {
        if (minimum != null && d.compareTo(minimum) < 0) {
            problems.add("'" + label + "' must be at least " + minimum.toPlainString());
            return false;
        }
        if (maximum != null && d.compareTo(maximum) > 0) {
            problems.add("'" + label + "' must be at most " + maximum.toPlainString());
            return false;
        }
        return true;
    }

    /** This argument as plain JSON schema for a model: our {@code x-} extensions left out. */
    ObjectNode toJsonSchema() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", type.label());
        if (description != null) {
            o.put("description", description);
        }
        if (!enumValues.isEmpty()) {
            ArrayNode a = o.putArray("enum");
            enumValues.forEach(a::add);
        }
        if (pattern != null) {
            o.put("pattern", pattern.pattern());
        }
        if (minLength != null) {
            o.put("minLength", minLength);
        }
        if (maxLength != null) {
            o.put("maxLength", maxLength);
        }
        if (minimum != null) {
            o.put("minimum", minimum);
        }
        if (maximum != null) {
            o.put("maximum", maximum);
        }
        if (minItems != null) {
            o.put("minItems", minItems);
        }
        if (maxItems != null) {
            o.put("maxItems", maxItems);
        }
        if (items != null) {
            o.set("items", items.toJsonSchema());
        }
        if (defaultValue != null) {
            o.set("default", defaultValue);
        }
        return o;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
