package io.schemapilot.agent.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.schemapilot.agent.markdown.YamlErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The model-related part of one config file ({@code ~/.config/schemapilot/config.yaml} or a project's
 * {@code .schemapilot.yaml}); every field may be absent (null). Other keys in the file belong to other features and
 * are ignored.
 *
 * <pre>
 * model: sonnet                      # an alias or provider:name
 * timeout: 120s                      # default for every provider (s, ms, m, h; a bare number is seconds)
 * max_tokens: 4096
 * providers:                         # (the provider sections may also be written at the top level)
 *   openai:    {base_url: http://localhost:8000/v1, api_key_env: VLLM_KEY, timeout: 300s, max_tokens: 2048}
 *   anthropic: {api_key_env: ANTHROPIC_API_KEY, max_tokens: 8192}
 *   ollama:    {base_url: http://gpu-box:11434}
 * aliases:
 *   opus: anthropic:claude-opus-4-1
 * prices:                            # USD per million tokens
 *   openai:my-finetune: {input: 3, output: 12}
 * retry:
 *   max_attempts: 4
 *   max_wait: 60s
 *   initial_delay: 1s
 * </pre>
 */
record ModelConfig(Path source, String model, Duration timeout, Integer maxTokens,
                   Map<Provider, ProviderLayer> providers, Map<String, String> aliases, Map<String, Price> prices,
                   Integer retryMaxAttempts, Duration retryMaxWait, Duration retryInitialDelay) {

    /** One provider's section; fields may be null. */
    record ProviderLayer(String baseUrl, String apiKeyEnv, Duration timeout, Integer maxTokens) {
        ProviderLayer over(ProviderLayer lower) {
            if (lower == null) {
                return this;
            }
            return new ProviderLayer(first(baseUrl, lower.baseUrl), first(apiKeyEnv, lower.apiKeyEnv),
                    first(timeout, lower.timeout), first(maxTokens, lower.maxTokens));
        }
    }

    static final ModelConfig EMPTY = new ModelConfig(null, null, null, null, Map.of(), Map.of(), Map.of(),
            null, null, null);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DURATION = Pattern.compile("(?i)(\\d+(?:\\.\\d+)?)\\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?)?");

    /** This layer on top of {@code lower}: a field set here wins, maps are merged key by key. */
    ModelConfig over(ModelConfig lower) {
        Map<Provider, ProviderLayer> p = new EnumMap<>(Provider.class);
        p.putAll(lower.providers);
        providers.forEach((k, v) -> p.merge(k, v, (low, high) -> high.over(low)));
        Map<String, String> a = new LinkedHashMap<>(lower.aliases);
        a.putAll(aliases);
        Map<String, Price> pr = new LinkedHashMap<>(lower.prices);
        pr.putAll(prices);
        return new ModelConfig(source, first(model, lower.model), first(timeout, lower.timeout),
                first(maxTokens, lower.maxTokens), p, a, pr, first(retryMaxAttempts, lower.retryMaxAttempts),
                first(retryMaxWait, lower.retryMaxWait), first(retryInitialDelay, lower.retryInitialDelay));
    }

    /** Reads {@code file}; a missing file is an empty layer. */
    static ModelConfig read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return EMPTY;
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read the config: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Parses YAML text; {@code source} names it in messages (may be null). */
    static ModelConfig parse(String text, Path source) {
        String where = source == null ? "config" : source.toString();
        JsonNode root;
        try {
            root = text == null || text.isBlank() ? null : YAML.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": not valid YAML: " + YamlErrors.describe(e, 1), e);
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return new ModelConfig(source, null, null, null, Map.of(), Map.of(), Map.of(), null, null, null);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException(where + ": the config must be a YAML mapping (key: value lines)");
        }
        Reader r = new Reader(where);
        String model = r.text(root, "model");
        Duration timeout = r.duration(root, "timeout");
        Integer maxTokens = r.positiveInt(root, "max_tokens");

        Map<Provider, ProviderLayer> providers = new EnumMap<>(Provider.class);
        JsonNode section = root.get("providers");
        if (section != null && !section.isNull()) {
            if (!section.isObject()) {
                throw new IllegalArgumentException(where + ": providers must be a mapping (openai:, anthropic:, ollama:)");
            }
            for (Iterator<String> it = section.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                Provider p = Provider.fromId(id);
                if (p == null || p == Provider.OFFLINE) {
                    throw new IllegalArgumentException(where + ": providers." + id
                            + ": unknown provider: use openai, anthropic or ollama");
                }
                providers.put(p, r.provider(section.get(id), "providers." + id));
            }
        }
        for (Provider p : new Provider[]{Provider.OPENAI, Provider.ANTHROPIC, Provider.OLLAMA}) {
            JsonNode top = root.get(p.id());
            if (top != null && top.isObject()) {
                ProviderLayer l = r.provider(top, p.id());
                providers.merge(p, l, (nested, topLevel) -> nested.over(topLevel));
            }
        }

        Map<String, String> aliases = new LinkedHashMap<>();
        JsonNode a = root.get("aliases");
        if (a != null && !a.isNull()) {
            if (!a.isObject()) {
                throw new IllegalArgumentException(where + ": aliases must be a mapping (alias: provider:name)");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isValueNode() || e.getValue().asText().isBlank()) {
                    throw new IllegalArgumentException(where + ": aliases." + e.getKey()
                            + " must be a model (provider:name)");
                }
                aliases.put(e.getKey().strip().toLowerCase(Locale.ROOT), e.getValue().asText().strip());
            }
        }

        Map<String, Price> prices = new LinkedHashMap<>();
        JsonNode pr = root.get("prices");
        if (pr != null && !pr.isNull()) {
            if (!pr.isObject()) {
                throw new IllegalArgumentException(where + ": prices must be a mapping (model: {input: N, output: N})");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = pr.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                prices.put(e.getKey().strip().toLowerCase(Locale.ROOT), r.price(e.getValue(), "prices." + e.getKey()));
            }
        }

        Integer attempts = null;
        Duration maxWait = null;
        Duration initial = null;
        JsonNode retry = root.get("retry");
        if (retry != null && !retry.isNull()) {
            if (!retry.isObject()) {
                throw new IllegalArgumentException(where + ": retry must be a mapping (max_attempts:, max_wait:)");
            }
            attempts = r.positiveInt(retry, "max_attempts", "retry.max_attempts");
            maxWait = r.duration(retry, "max_wait", "retry.max_wait");
            initial = r.duration(retry, "initial_delay", "retry.initial_delay");
        }
        return new ModelConfig(source, model, timeout, maxTokens, providers, aliases, prices, attempts, maxWait,
                initial);
    }

    /**
     * A duration: {@code 90s}, {@code 500ms}, {@code 2m}, {@code 1h}, ISO-8601 ({@code PT90S}), or a bare number of
     * seconds.
     */
    static Duration parseDuration(String text) {
        String s = text.strip();
        if (s.regionMatches(true, 0, "PT", 0, 2) || s.regionMatches(true, 0, "P", 0, 1) && s.length() > 1
                && Character.isDigit(s.charAt(1))) {
            try {
                return Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 500ms, 2m)");
            }
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90s, 500ms, 2m)");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2).toLowerCase(Locale.ROOT);
        double ms;
        if (unit.equals("ms")) {
            ms = n;
        } else if (unit.startsWith("s")) {
            ms = n * 1000;
        } else if (unit.startsWith("m")) {
            ms = n * 60_000;
        } else {
            ms = n * 3_600_000;
        }
        return Duration.ofMillis(Math.round(ms));
    }

    /** Typed reads with messages that name the file and the key. */
    private static final class Reader {
        private final String where;

        Reader(String where) {
            this.where = where;
        }

        String text(JsonNode n, String key) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isValueNode() || v.asText().isBlank()) {
                throw new IllegalArgumentException(where + ": " + key + " must be a text");
            }
            return v.asText().strip();
        }

        Duration duration(JsonNode n, String key) {
            return duration(n, key, key);
        }

        Duration duration(JsonNode n, String key, String path) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            try {
                Duration d = v.isNumber() ? Duration.ofMillis(Math.round(v.asDouble() * 1000))
                        : parseDuration(v.asText());
                if (d.isNegative()) {
                    throw new IllegalArgumentException("a duration cannot be negative");
                }
                return d;
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + path + ": " + e.getMessage());
            }
        }

        Integer positiveInt(JsonNode n, String key) {
            return positiveInt(n, key, key);
        }

        Integer positiveInt(JsonNode n, String key, String path) {
            JsonNode v = n.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            int i;
            if (v.isIntegralNumber()) {
                i = v.asInt();
            } else if (v.isTextual() && v.asText().strip().matches("\\d{1,9}")) {
                i = Integer.parseInt(v.asText().strip());
            } else {
                throw new IllegalArgumentException(where + ": " + path + " must be a whole number");
            }
            if (i < 1) {
                throw new IllegalArgumentException(where + ": " + path + " must be at least 1");
            }
            return i;
        }

        ProviderLayer provider(JsonNode n, String path) {
            if (n == null || n.isNull()) {
                return new ProviderLayer(null, null, null, null);
            }
            if (!n.isObject()) {
                throw new IllegalArgumentException(where + ": " + path
                        + " must be a mapping (base_url:, api_key_env:, timeout:, max_tokens:)");
            }
            if (n.has("api_key")) {
                throw new IllegalArgumentException(where + ": " + path + ".api_key: keys do not belong in a config "
                        + "file; set api_key_env to the name of the environment variable that holds the key");
            }
            String keyEnv = text(n, "api_key_env");
            if (keyEnv != null && !ENV_NAME.matcher(keyEnv).matches()) {
                throw new IllegalArgumentException(where + ": " + path + ".api_key_env must name an environment "
                        + "variable (e.g. OPENAI_API_KEY), not hold the key");
            }
            String baseUrl = text(n, "base_url");
            return new ProviderLayer(baseUrl, keyEnv, duration(n, "timeout", path + ".timeout"),
                    positiveInt(n, "max_tokens", path + ".max_tokens"));
        }

        Price price(JsonNode n, String path) {
            if (n == null || !n.isObject() || !n.has("input") || !n.has("output")
                    || !n.get("input").isNumber() || !n.get("output").isNumber()) {
                throw new IllegalArgumentException(where + ": " + path
                        + " must be {input: N, output: N} in USD per million tokens");
            }
            try {
                return new Price(n.get("input").asDouble(), n.get("output").asDouble());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + path + ": " + e.getMessage());
            }
        }
    }

    private static <T> T first(T a, T b) {
        return a != null ? a : b;
    }
}
