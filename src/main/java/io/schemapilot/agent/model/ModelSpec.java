package io.schemapilot.agent.model;

import java.util.Objects;

/**
 * Which model to talk to: {@code provider:name} ({@code openai:gpt-4o}, {@code anthropic:claude-sonnet-4-5},
 * {@code ollama:llama3.1:8b}), or {@code offline}, the default, which needs no name. The name runs from the first
 * colon to the end, so Ollama tags keep their own colon. Aliases ({@code sonnet}) are resolved by
 * {@link ModelSettings}, not here.
 *
 * @param provider where the model runs
 * @param name     the provider's model name; null only for {@code offline}
 */
public record ModelSpec(Provider provider, String name) {

    /** The deterministic offline model, the default when nothing is configured. */
    public static final ModelSpec OFFLINE = new ModelSpec(Provider.OFFLINE, null);

    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        name = name == null || name.isBlank() ? null : name.strip();
        if (name == null && provider != Provider.OFFLINE) {
            throw new IllegalArgumentException(needsName(provider));
        }
    }

    /** {@code provider} with {@code name}. */
    public static ModelSpec of(Provider provider, String name) {
        return new ModelSpec(provider, name);
    }

    /** The offline model. */
    public static ModelSpec offline() {
        return OFFLINE;
    }

    /**
     * Parses {@code provider:name} or {@code offline}.
     *
     * @throws IllegalArgumentException with a message that says what to write instead, for an empty text, an
     *                                  unknown provider or a missing name
     */
    public static ModelSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty model: use provider:name with provider " + Provider.choices()
                    + " (e.g. openai:gpt-4o), or offline");
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        String providerId = colon < 0 ? s : s.substring(0, colon);
        String name = colon < 0 ? null : s.substring(colon + 1);
        Provider provider = Provider.fromId(providerId);
        if (provider == null) {
            if (colon < 0) {
                throw new IllegalArgumentException("model '" + s + "' has no provider: use provider:name with provider "
                        + Provider.choices() + " (e.g. openai:" + s + "), or an alias from the config");
            }
            throw new IllegalArgumentException("unknown model provider '" + providerId + "' in '" + s + "': use "
                    + Provider.choices());
        }
        return new ModelSpec(provider, name);
    }

    /** Whether this is schemapilot's offline model (built by the agent, not by {@link ModelFactory}). */
    public boolean isOffline() {
        return provider == Provider.OFFLINE;
    }

    /** {@code offline} or {@code provider:name}: the form {@link #parse} reads and reports print. */
    public String id() {
        return name == null ? provider.id() : provider.id() + ":" + name;
    }

    @Override
    public String toString() {
        return id();
    }

    private static String needsName(Provider provider) {
        String example = switch (provider) {
            case OPENAI -> "gpt-4o";
            case ANTHROPIC -> "claude-sonnet-4-5";
            case OLLAMA -> "llama3.1";
            case OFFLINE -> "";
        };
        return "model '" + provider.id() + "' needs a name: use " + provider.id() + ":NAME (e.g. " + provider.id()
                + ":" + example + ")";
    }
}
