package io.schemapilot.agent.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * USD prices per million tokens, by model. A built-in table covers a few well-known OpenAI and Anthropic models
 * (list prices as published in 2025; check your provider's page); the config's {@code prices:} adds to it and wins.
 * Keys are {@code provider:name} or a bare {@code name} that matches under any provider. A dated snapshot name
 * ({@code claude-sonnet-4-5-20250929}, {@code gpt-4o-2024-08-06}) falls back to its undated name. The offline model
 * and Ollama (local) are free unless the config says otherwise; anything else unknown has no price (cost null).
 */
public final class PriceTable {

    private static final Pattern DATE_SUFFIX = Pattern.compile("-(?:\\d{8}|\\d{4}-\\d{2}-\\d{2})$");

    private static final Map<String, Price> BUILT_IN = builtIn();

    private final Map<String, Price> overrides;

    private PriceTable(Map<String, Price> overrides) {
        Map<String, Price> m = new LinkedHashMap<>();
        overrides.forEach((k, v) -> m.put(normalize(k), v));
        this.overrides = Map.copyOf(m);
    }

    /** The built-in table. */
    public static PriceTable builtInTable() {
        return new PriceTable(Map.of());
    }

    /**
     * The built-in table with {@code overrides} (keys {@code provider:name} or {@code name}) on top: any override
     * that matches, even a bare name, wins over every built-in entry.
     */
    public static PriceTable withOverrides(Map<String, Price> overrides) {
        return new PriceTable(overrides);
    }

    /** The price of {@code model}, or null when it is not known. */
    public Price priceFor(ModelSpec model) {
        if (model == null) {
            return null;
        }
        String name = model.name() == null ? "" : model.name().toLowerCase(Locale.ROOT);
        Price p = lookup(model.provider(), name);
        if (p == null) {
            String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
            if (!undated.equals(name)) {
                p = lookup(model.provider(), undated);
            }
        }
        if (p == null && (model.provider() == Provider.OFFLINE || model.provider() == Provider.OLLAMA)) {
            return Price.FREE;
        }
        return p;
    }

    /** Every entry, built-in first, then the overrides; keys in lower case. */
    public Map<String, Price> entries() {
        Map<String, Price> m = new LinkedHashMap<>(BUILT_IN);
        m.putAll(overrides);
        return m;
    }

    private Price lookup(Provider provider, String name) {
        Price p = lookupIn(overrides, provider, name);
        return p != null ? p : lookupIn(BUILT_IN, provider, name);
    }

    private static Price lookupIn(Map<String, Price> m, Provider provider, String name) {
        if (name.isEmpty()) {
            return m.get(provider.id());
        }
        Price p = m.get(provider.id() + ":" + name);
        return p != null ? p : m.get(name);
    }

    private static String normalize(String key) {
        return key.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Price> builtIn() {
        Map<String, Price> m = new LinkedHashMap<>();
        m.put("anthropic:claude-opus-4-1", new Price(15, 75));
        m.put("anthropic:claude-opus-4-0", new Price(15, 75));
        m.put("anthropic:claude-opus-4", new Price(15, 75));
        m.put("anthropic:claude-sonnet-4-5", new Price(3, 15));
        m.put("anthropic:claude-sonnet-4-0", new Price(3, 15));
        m.put("anthropic:claude-sonnet-4", new Price(3, 15));
        m.put("anthropic:claude-3-7-sonnet", new Price(3, 15));
        m.put("anthropic:claude-3-7-sonnet-latest", new Price(3, 15));
        m.put("anthropic:claude-haiku-4-5", new Price(1, 5));
        m.put("anthropic:claude-3-5-haiku", new Price(0.8, 4));
        m.put("anthropic:claude-3-5-haiku-latest", new Price(0.8, 4));
        m.put("openai:gpt-4o", new Price(2.5, 10));
        m.put("openai:gpt-4o-mini", new Price(0.15, 0.6));
        m.put("openai:gpt-4.1", new Price(2, 8));
        m.put("openai:gpt-4.1-mini", new Price(0.4, 1.6));
        m.put("openai:gpt-4.1-nano", new Price(0.1, 0.4));
        m.put("openai:gpt-5", new Price(1.25, 10));
        m.put("openai:gpt-5-mini", new Price(0.25, 2));
        m.put("openai:gpt-5-nano", new Price(0.05, 0.4));
        m.put("openai:o3", new Price(2, 8));
        m.put("openai:o4-mini", new Price(1.1, 4.4));
        return m;
    }
}
