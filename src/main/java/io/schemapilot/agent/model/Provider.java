package io.schemapilot.agent.model;

import java.util.Locale;

/**
 * Where a model runs. {@code openai} is any server that speaks the OpenAI chat-completions API (OpenAI itself,
 * vLLM, llama.cpp, LM Studio, Ollama's {@code /v1}); {@code offline} is schemapilot's own deterministic model.
 */
public enum Provider {
    OPENAI("openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", "https://api.openai.com/v1"),
    ANTHROPIC("anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", "https://api.anthropic.com/v1"),
    OLLAMA("ollama", null, "OLLAMA_HOST", "http://localhost:11434"),
    OFFLINE("offline", null, null, null);

    private final String id;
    private final String defaultKeyEnv;
    private final String baseUrlEnv;
    private final String defaultBaseUrl;

    Provider(String id, String defaultKeyEnv, String baseUrlEnv, String defaultBaseUrl) {
        this.id = id;
        this.defaultKeyEnv = defaultKeyEnv;
        this.baseUrlEnv = baseUrlEnv;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The lower-case name used in {@code provider:name} and in the config ({@code openai}). */
    public String id() {
        return id;
    }

    /** The environment variable that holds the API key by default, or null when the provider needs none. */
    public String defaultKeyEnv() {
        return defaultKeyEnv;
    }

    /** The environment variable that overrides the base URL ({@code OLLAMA_HOST} for Ollama), or null. */
    public String baseUrlEnv() {
        return baseUrlEnv;
    }

    /** The provider's public endpoint, or null for {@code offline}. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The provider with this id (case-insensitive), or null when there is none. */
    public static Provider fromId(String id) {
        if (id == null) {
            return null;
        }
        String s = id.strip().toLowerCase(Locale.ROOT);
        for (Provider p : values()) {
            if (p.id.equals(s)) {
                return p;
            }
        }
        return null;
    }

    /** The ids, for messages: {@code openai, anthropic, ollama or offline}. */
    static String choices() {
        return "openai, anthropic, ollama or offline";
    }

    @Override
    public String toString() {
        return id;
    }
}
