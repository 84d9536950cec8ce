package io.schemapilot.agent.runtime;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.CancelToken;
import io.schemapilot.agent.loop.ModelCallException;
import io.schemapilot.agent.loop.ModelCaller;
import io.schemapilot.agent.model.ModelException;
import io.schemapilot.agent.model.ModelFactory;
import io.schemapilot.agent.model.ModelSpec;
import io.schemapilot.agent.model.Price;
import io.schemapilot.agent.model.RetryListener;
import io.schemapilot.agent.model.RetryingChatModel;
import io.schemapilot.agent.model.RetryingStreamingChatModel;
import io.schemapilot.agent.model.StreamingCall;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A provider's model as the loop calls it: streaming (text deltas become events) or blocking, with our retries
 * (each one an event) and Ctrl-C (a streaming call is cancelled; a blocking one is interrupted).
 */
final class RemoteModelCaller implements ModelCaller {

    private final ModelSpec spec;
    private final RetryingChatModel blocking;
    private final RetryingStreamingChatModel streaming;
    private final Price price;

    RemoteModelCaller(ModelFactory factory, ModelSpec spec, boolean stream, Price price) {
        this.spec = spec;
        this.blocking = stream ? null : factory.chatModel(spec);
        this.streaming = stream ? factory.streamingChatModel(spec) : null;
        this.price = price;
    }

    @Override
    public ChatResponse call(ChatRequest request, AgentListener events, CancelToken cancel) throws ModelCallException {
        RetryListener retries = n -> events.onEvent(new AgentEvent.Retry(n.attempt(), n.delay(), n.reason()));
        if (streaming == null) {
            Thread caller = Thread.currentThread();
            Runnable remove = cancel.onCancel(caller::interrupt);
            try {
                return blocking.chat(request, retries);
            } catch (ModelException e) {
                throw translate(e);
            } finally {
                remove.run();
                Thread.interrupted();   // a cancel that came after the answer must not leak into the next step
            }
        }
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        StreamingCall call = streaming.start(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String text) {
                if (text != null && !text.isEmpty()) {
                    events.onEvent(new AgentEvent.AssistantDelta(text));
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        }, retries);
        Runnable remove = cancel.onCancel(() -> {
            call.cancel();
            done.completeExceptionally(new ModelException(ModelException.Kind.CANCELLED, "cancelled by the user"));
        });
        try {
            ChatResponse response = done.get();
            if (nothingStreamed(response)) {
                throw new ModelCallException("provider", spec.id() + " answered the streaming request with no"
                        + " stream events (no text, no tool call, no finish reason): check that the base URL"
                        + (spec.provider().baseUrlEnv() == null ? "" : " (" + spec.provider().baseUrlEnv() + ")")
                        + " is a server that streams (Server-Sent Events)", 3, null);
            }
            return response;
        } catch (InterruptedException e) {
            call.cancel();
            Thread.currentThread().interrupt();
            throw new ModelCallException("cancelled", "cancelled by the user", 130, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof ModelException m) {
                throw translate(m);
            }
            throw new ModelCallException("provider", spec.id() + " failed: " + cause.getMessage(), 1, cause);
        } finally {
            remove.run();
        }
    }

    /**
     * A streamed answer in which nothing arrived: a server that ignored {@code "stream": true} and sent a plain JSON
     * body (or an empty body) ends the stream without a single event. Taken as an answer, it would be an empty
     * success; every real stream ends with a finish reason.
     */
    static boolean nothingStreamed(ChatResponse r) {
        if (r == null) {
            return true;
        }
        AiMessage ai = r.aiMessage();
        boolean empty = ai == null || (ai.text() == null || ai.text().isEmpty()) && !ai.hasToolExecutionRequests()
                && (ai.thinking() == null || ai.thinking().isEmpty());
        return empty && r.finishReason() == null && (r.tokenUsage() == null || r.tokenUsage().totalTokenCount() == null
                || r.tokenUsage().totalTokenCount() == 0);
    }

    private static ModelCallException translate(ModelException e) {
        if (e.kind() == ModelException.Kind.CANCELLED) {
            return new ModelCallException("cancelled", "cancelled by the user", 130, e);
        }
        return new ModelCallException(e.eventKind(), e.getMessage(), e.exitCode(), e);
    }

    @Override
    public String label() {
        return spec.id();
    }

    @Override
    public Double cost(long inputTokens, long outputTokens) {
        return price == null ? null : price.cost(inputTokens, outputTokens);
    }
}
