package io.schemapilot.agent.model;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Collects a streaming call's pieces for tests; {@link #await()} returns the response or throws its error. */
public final class StreamCollector implements StreamingChatResponseHandler {

    public final List<String> partials = new CopyOnWriteArrayList<>();
    public final List<CompleteToolCall> toolCalls = new CopyOnWriteArrayList<>();
    public final CompletableFuture<ChatResponse> result = new CompletableFuture<>();
    /** How many times onError / onCompleteResponse were called in all (must end at 1). */
    public final java.util.concurrent.atomic.AtomicInteger outcomes = new java.util.concurrent.atomic.AtomicInteger();
    /** Counted down at the first streamed text piece (e.g. to cancel mid-stream). */
    public final java.util.concurrent.CountDownLatch firstPiece = new java.util.concurrent.CountDownLatch(1);

    @Override
    public void onPartialResponse(String partialResponse) {
        partials.add(partialResponse);
        firstPiece.countDown();
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        toolCalls.add(completeToolCall);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        outcomes.incrementAndGet();
        result.complete(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        outcomes.incrementAndGet();
        result.completeExceptionally(error);
    }

    /** The complete response (waits up to 10 s); the handler's error is rethrown as is when it is unchecked. */
    public ChatResponse await() {
        try {
            return result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (Exception e) {
            throw new AssertionError("no outcome within 10 s", e);
        }
    }

    /** The error the call ended with (fails when it completed instead). */
    public Throwable awaitError() {
        try {
            ChatResponse r = result.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected an error, got " + r);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no outcome within 10 s", e);
        }
    }
}
