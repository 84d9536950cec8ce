package io.schemapilot.agent.model;

import dev.langchain4j.http.client.HttpClientBuilder;
import java.time.Duration;

/**
 * Builds a {@link ProviderHttpClient}; hand it to a LangChain4j model builder's {@code httpClientBuilder(..)}.
 *
 * <p>Timeouts given to {@link #fixedTimeouts} win: LangChain4j's OpenAI models push their own defaults (15 s
 * connect, 60 s read) into the builder when the model's {@code timeout} is unset, and those pushes are ignored
 * once schemapilot has fixed the values from its config.
 */
public final class ProviderHttpClientBuilder implements HttpClientBuilder {

    private Duration connectTimeout;
    private Duration readTimeout;
    private boolean fixed;

    /** Sets both timeouts and ignores later {@code connectTimeout(..)} / {@code readTimeout(..)} calls. */
    public ProviderHttpClientBuilder fixedTimeouts(Duration connect, Duration read) {
        this.connectTimeout = connect;
        this.readTimeout = read;
        this.fixed = true;
        return this;
    }

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public ProviderHttpClientBuilder connectTimeout(Duration timeout) {
        if (!fixed) {
            this.connectTimeout = timeout;
        }
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public ProviderHttpClientBuilder readTimeout(Duration timeout) {
        if (!fixed) {
            this.readTimeout = timeout;
        }
        return this;
    }

    @Override
    public ProviderHttpClient build() {
        return new ProviderHttpClient(connectTimeout, readTimeout);
    }
}
