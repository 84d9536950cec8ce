package io.schemapilot.agent.model;

import java.time.Duration;

/**
 * How to reach one provider, after the environment and the config files are merged.
 *
 * @param provider   the provider
 * @param baseUrl    the endpoint ({@code https://api.openai.com/v1}, {@code http://localhost:11434}); null for offline
 * @param apiKeyEnv  the name of the environment variable that holds the key (never the key itself), or null when
 *                   the provider needs none
 * @param timeout    how long one HTTP request may take before it counts as a timeout
 * @param maxTokens  the answer's token limit sent to the provider, or null to let it choose (Anthropic always gets
 *                   one: it requires it)
 */
public record ProviderSettings(Provider provider, String baseUrl, String apiKeyEnv, Duration timeout,
                               Integer maxTokens) {

    /** The read timeout when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    /** Anthropic's {@code max_tokens} when none is configured (LangChain4j's own default, 1024, is too small). */
    public static final int DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

    /** The time allowed to open a connection: the timeout, at most 15 s. */
    public Duration connectTimeout() {
        Duration cap = Duration.ofSeconds(15);
        return timeout.compareTo(cap) < 0 ? timeout : cap;
    }

    /** Whether the base URL is the provider's public endpoint (then an API key is required). */
    public boolean isDefaultEndpoint() {
        return provider.defaultBaseUrl() != null && ModelSettings.stripSlash(provider.defaultBaseUrl())
                .equalsIgnoreCase(ModelSettings.stripSlash(baseUrl));
    }
}
