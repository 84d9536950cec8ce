package io.schemapilot.agent.model;

import static dev.langchain4j.http.client.sse.ServerSentEventListenerUtils.ignoringExceptions;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The HTTP client every provider model uses: the JDK's {@code java.net.http} client held to HTTP/1.1 (its default
 * h2c upgrade on {@code http://} breaks local servers and WireMock with request bodies), and non-2xx answers thrown
 * as {@link ProviderHttpException}, which keeps the headers ({@code Retry-After}) that LangChain4j's own JDK client
 * drops. A blocking call waits interruptibly: interrupting the calling thread abandons the request
 * ({@link ModelCallCancelledException}).
 */
public final class ProviderHttpClient implements HttpClient {

    private final java.net.http.HttpClient delegate;
    private final Duration readTimeout;

    ProviderHttpClient(Duration connectTimeout, Duration readTimeout) {
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1);
        if (connectTimeout != null) {
            b.connectTimeout(connectTimeout);
        }
        this.delegate = b.build();
        this.readTimeout = readTimeout;
    }

    public static ProviderHttpClientBuilder builder() {
        return new ProviderHttpClientBuilder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> future =
                delegate.sendAsync(toJdkRequest(request), BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelCallCancelledException();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        }
        if (!isSuccessful(response.statusCode())) {
            throw new ProviderHttpException(response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8), response.headers().map());
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        delegate.sendAsync(toJdkRequest(request), BodyHandlers.ofInputStream())
                .thenAccept(response -> {
                    if (!isSuccessful(response.statusCode())) {
                        ProviderHttpException e = new ProviderHttpException(response.statusCode(),
                                readBody(response.body()), response.headers().map());
                        ignoringExceptions(() -> listener.onError(e));
                        return;
                    }
                    SuccessfulHttpResponse open = SuccessfulHttpResponse.builder()
                            .statusCode(response.statusCode())
                            .headers(response.headers().map())
                            .build();
                    ignoringExceptions(() -> listener.onOpen(open));
                    try (InputStream in = response.body()) {
                        parser.parse(in, listener);
                        ignoringExceptions(listener::onClose);
                    } catch (IOException e) {
                        ignoringExceptions(() -> listener.onError(e));
                    }
                })
                .exceptionally(t -> {
                    RuntimeException e = failure(t);
                    ignoringExceptions(() -> listener.onError(e));
                    return null;
                });
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(v -> b.header(name, v));
            }
        });
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("multipart requests are not used by chat models");
        }
        BodyPublisher body = request.body() == null ? BodyPublishers.noBody() : BodyPublishers.ofString(request.body());
        b.method(request.method().name(), body);
        if (readTimeout != null) {
            b.timeout(readTimeout);
        }
        return b.build();
    }

    /** The exception to report for a failed exchange: timeouts as LangChain4j's {@link TimeoutException}. */
    private static RuntimeException failure(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof CancellationException) {
            return new ModelCallCancelledException();
        }
        if (c instanceof HttpTimeoutException && !(c instanceof java.net.http.HttpConnectTimeoutException)) {
            return new TimeoutException(c);
        }
        if (c instanceof RuntimeException r) {
            return r;
        }
        return new ProviderIoException(c);
    }

    private static boolean isSuccessful(int status) {
        return status >= 200 && status < 300;
    }

    private static String readBody(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** An I/O failure talking to a provider (connection refused, reset, unknown host); the cause says which. */
    static final class ProviderIoException extends RuntimeException {
        ProviderIoException(Throwable cause) {
            super(cause == null ? "I/O error" : cause.toString(), cause);
        }
    }
}
