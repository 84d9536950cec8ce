package io.schemapilot.agent.model;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.anthropic.AnthropicStreamingChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

/**
 * Builds LangChain4j chat models for {@code openai}, {@code anthropic} and {@code ollama} from {@link ModelSettings}:
 * each on a {@link ProviderHttpClient} (JDK client, HTTP/1.1, headers kept for {@code Retry-After}), with
 * LangChain4j's own retries off ({@code maxRetries(0)}), the configured timeout and base URL, and Anthropic's
 * {@code max_tokens} always set. {@link #chatModel} and {@link #streamingChatModel} wrap them in schemapilot's
 * retries; the {@code raw...} methods do not.
 *
 * <p>The {@code offline} model is not built here (see {@link ModelSpec#isOffline()}).
 */
public final class ModelFactory {

    private final ModelSettings settings;
    private final RetryPolicy retryPolicy;
    private final Retrier.Sleeper sleeper;
    private final Clock clock;

    public ModelFactory(ModelSettings settings) {
        this(settings, settings.retry(), Retrier.Sleeper.REAL, Clock.systemUTC());
    }

    ModelFactory(ModelSettings settings, RetryPolicy retryPolicy, Retrier.Sleeper sleeper, Clock clock) {
        this.settings = settings;
        this.retryPolicy = retryPolicy;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    public ModelSettings settings() {
        return settings;
    }

    /** The same factory with another retry policy (e.g. {@link RetryPolicy#none()}). */
    public ModelFactory withRetryPolicy(RetryPolicy policy) {
        return new ModelFactory(settings, policy, sleeper, clock);
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** A model with retries, reporting none. */
    public RetryingChatModel chatModel(ModelSpec spec) {
        return chatModel(spec, RetryListener.none());
    }

    /**
     * A model with retries.
     *
     * @throws ModelException                 of kind {@code AUTH} when the provider's API key is not set
     * @throws UnsupportedOperationException for {@code offline}
     */
    public RetryingChatModel chatModel(ModelSpec spec, RetryListener retries) {
        return new RetryingChatModel(rawChatModel(spec), spec, retrier(spec), retries);
    }

    /** A streaming model with retries (before the first streamed piece only), reporting none. */
    public RetryingStreamingChatModel streamingChatModel(ModelSpec spec) {
        return streamingChatModel(spec, RetryListener.none());
    }

    /** A streaming model with retries (before the first streamed piece only). */
    public RetryingStreamingChatModel streamingChatModel(ModelSpec spec, RetryListener retries) {
        return new RetryingStreamingChatModel(rawStreamingChatModel(spec), spec, retrier(spec), retries);
    }

    /** The LangChain4j model alone: no retries at all, LangChain4j's exceptions. */
    public ChatModel rawChatModel(ModelSpec spec) {
        ProviderSettings ps = prepare(spec);
        String key = settings.apiKey(spec.provider());
        switch (spec.provider()) {
            case OPENAI:
                return OpenAiChatModel.builder()
                        .httpClientBuilder(http(ps))
                        .baseUrl(ps.baseUrl())
                        .apiKey(key)
                        .modelName(spec.name())
                        .maxCompletionTokens(openAiMaxCompletionTokens(ps))
                        .maxTokens(openAiMaxTokens(ps))
                        .maxRetries(0)
                        .build();
            case ANTHROPIC:
                return AnthropicChatModel.builder()
                        .httpClientBuilder(http(ps))
                        .baseUrl(ps.baseUrl())
                        .apiKey(key)
                        .modelName(spec.name())
                        .maxTokens(ps.maxTokens())
                        .maxRetries(0)
                        .build();
            case OLLAMA:
                return OllamaChatModel.builder()
                        .httpClientBuilder(http(ps))
                        .baseUrl(ps.baseUrl())
                        .modelName(spec.name())
                        .numPredict(ps.maxTokens())
                        .maxRetries(0)
                        .build();
            default:
                throw offline();
        }
    }

    /** The LangChain4j streaming model alone. */
    public StreamingChatModel rawStreamingChatModel(ModelSpec spec) {
        ProviderSettings ps = prepare(spec);
        String key = settings.apiKey(spec.provider());
        switch (spec.provider()) {
            case OPENAI:
                return OpenAiStreamingChatModel.builder()
                        .httpClientBuilder(http(ps))
                        .baseUrl(ps.baseUrl())
                        .apiKey(key)
                        .modelName(spec.name())
                        .maxCompletionTokens(openAiMaxCompletionTokens(ps))
                        .maxTokens(openAiMaxTokens(ps))
                        .build();
            case ANTHROPIC:
                return AnthropicStreamingChatModel.builder()
                        .httpClientBuilder(http(ps))
                        .baseUrl(ps.baseUrl())
                        .apiKey(key)
                        .modelName(spec.name())
                        .maxTokens(ps.maxTokens())
                        .build();
            case OLLAMA:
                return OllamaStreamingChatModel.builder()
                        .httpClientBuilder(http(ps))
                        .baseUrl(ps.baseUrl())
                        .modelName(spec.name())
                        .numPredict(ps.maxTokens())
                        .build();
            default:
                throw offline();
        }
    }

    private ProviderSettings prepare(ModelSpec spec) {
        if (spec.isOffline()) {
            throw offline();
        }
        settings.requireCredentials(spec);
        return settings.provider(spec.provider());
    }

    private Retrier retrier(ModelSpec spec) {
        ProviderSettings ps = settings.provider(spec.provider());
        Set<String> secrets = new HashSet<>();
        String key = settings.apiKey(spec.provider());
        if (key != null) {
            secrets.add(key);
        }
        ModelErrors errors = new ModelErrors(
                new ModelErrors.Endpoint(spec, ps.baseUrl(), ps.apiKeyEnv(), ps.timeout()), secrets, clock);
        return new Retrier(retryPolicy, errors, sleeper);
    }

    /**
     * OpenAI's own endpoint takes the output cap as {@code max_completion_tokens}; OpenAI-compatible servers may
     * know only {@code max_tokens}. Each of these two gives the cap for one of the names, null for the other (and
     * null for both when no cap is set), which the builders treat as unset.
     */
    private static Integer openAiMaxCompletionTokens(ProviderSettings ps) {
        return ps.maxTokens() != null && ps.isDefaultEndpoint() ? ps.maxTokens() : null;
    }

    /** See {@link #openAiMaxCompletionTokens}. */
    private static Integer openAiMaxTokens(ProviderSettings ps) {
        return ps.maxTokens() != null && !ps.isDefaultEndpoint() ? ps.maxTokens() : null;
    }

    private static ProviderHttpClientBuilder http(ProviderSettings ps) {
        return ProviderHttpClient.builder().fixedTimeouts(ps.connectTimeout(), ps.timeout());
    }

    private static UnsupportedOperationException offline() {
        return new UnsupportedOperationException(
                "the offline model is built by the agent, not by ModelFactory: check ModelSpec.isOffline() first");
    }
}
