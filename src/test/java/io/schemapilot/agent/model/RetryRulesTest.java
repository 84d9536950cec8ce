package io.schemapilot.agent.model;

import io.schemapilot.testing.FakeSecrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The retry rules without a network: back-off, caps, streaming before/after the first token, cancellation. */
class RetryRulesTest {

    private static final ModelSpec GPT = ModelSpec.parse("openai:gpt-4o");
    private static final ChatRequest REQUEST = ChatRequest.builder().messages(UserMessage.from("hi")).build();

    private final List<Duration> slept = new ArrayList<>();

    private Retrier retrier(RetryPolicy policy) {
        ModelErrors errors = new ModelErrors(new ModelErrors.Endpoint(GPT, "http://h/v1", "OPENAI_API_KEY",
                Duration.ofSeconds(30)), Set.of(FakeSecrets.openAiKey("secret")), Clock.systemUTC());
        return new Retrier(policy, errors, slept::add);
    }

    private static RuntimeException http(int status, String retryAfter) {
        Map<String, List<String>> headers = retryAfter == null ? Map.of() : Map.of("Retry-After", List.of(retryAfter));
        // as LangChain4j throws it: its own exception, ours as the cause
        return new RateLimitException(new ProviderHttpException(status, "{\"error\":{\"message\":\"slow down\"}}",
                headers));
    }

    private static ChatResponse ok(String text) {
        return ChatResponse.builder().aiMessage(AiMessage.from(text)).build();
    }

    @Test
    void exponential_backoff_until_success() {
        AtomicInteger calls = new AtomicInteger();
        ChatModel flaky = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest r) {
                if (calls.incrementAndGet() < 4) {
                    throw http(500, null);
                }
                return ok("done");
            }
        };
        List<RetryListener.Notice> notices = new ArrayList<>();

        ChatResponse r = new RetryingChatModel(flaky, GPT, retrier(RetryPolicy.DEFAULT.withMaxAttempts(5)), null)
                .chat(REQUEST, notices::add);

        assertEquals("done", r.aiMessage().text());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)), slept);
        assertEquals(List.of(2, 3, 4), notices.stream().map(RetryListener.Notice::attempt).toList());
    }

    @Test
    void the_last_back_off_is_shortened_to_what_the_budget_has_left() {
        ChatModel down = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest r) {
                throw http(503, null);
            }
        };
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(2500), Duration.ofSeconds(1), Duration.ofSeconds(20));

        ModelException e = assertThrows(ModelException.class,
                () -> new RetryingChatModel(down, GPT, retrier(p), null).chat(REQUEST));

        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(1500)), slept);
        assertEquals(ModelException.Kind.OVERLOADED, e.kind());
        assertEquals(3, e.attempts());
    }

    @Test
    void an_unknown_failure_passes_through_unchanged() {
        IllegalStateException bug = new IllegalStateException("bug");
        ChatModel broken = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest r) {
                throw bug;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RetryingChatModel(broken, GPT, retrier(RetryPolicy.DEFAULT), null).chat(REQUEST));
        assertSame(bug, e);
        assertTrue(slept.isEmpty());
    }

    @Test
    void secrets_in_provider_messages_are_masked() {
        ChatModel leaky = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest r) {
                throw new dev.langchain4j.exception.InvalidRequestException(new ProviderHttpException(400,
                        "{\"error\":{\"message\":\"bad key " + FakeSecrets.openAiKey("secret") + " and " + FakeSecrets.openAiKey("proj") + "\"}}", Map.of()));
            }
        };
        ModelException e = assertThrows(ModelException.class,
                () -> new RetryingChatModel(leaky, GPT, retrier(RetryPolicy.DEFAULT), null).chat(REQUEST));
        assertEquals(ModelException.Kind.BAD_REQUEST, e.kind());
        assertEquals(1, e.exitCode());
        assertEquals("openai refused the request (HTTP 400): bad key *** and ***", e.getMessage());
    }

    @Test
    void an_interrupt_while_waiting_cancels_the_call() throws Exception {
        ChatModel limited = new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest r) {
                throw http(429, "30");
            }
        };
        ModelErrors errors = new ModelErrors(new ModelErrors.Endpoint(GPT, "http://h/v1", "OPENAI_API_KEY",
                Duration.ofSeconds(30)), Set.of(), Clock.systemUTC());
        RetryingChatModel model = new RetryingChatModel(limited, GPT,
                new Retrier(RetryPolicy.DEFAULT, errors, Retrier.Sleeper.REAL), null);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);

        Thread t = new Thread(() -> {
            try {
                model.chat(REQUEST, n -> waiting.countDown());
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        assertTrue(waiting.await(5, TimeUnit.SECONDS));
        t.interrupt();
        t.join(5_000);

        assertFalse(t.isAlive());
        ModelException e = assertInstanceOf(ModelException.class, thrown.get());
        assertEquals(ModelException.Kind.CANCELLED, e.kind());
        assertEquals("cancelled", e.eventKind());
    }

    /** A streaming model that plays a script: per attempt, the pieces to send, then an error or completion. */
    private static final class ScriptedStream implements StreamingChatModel {
        final List<List<String>> pieces;
        final List<RuntimeException> errors;
        final AtomicInteger attempts = new AtomicInteger();

        ScriptedStream(List<List<String>> pieces, List<RuntimeException> errors) {
            this.pieces = pieces;
            this.errors = errors;
        }

        @Override
        public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
            int i = attempts.getAndIncrement();
            new Thread(() -> {
                StringBuilder text = new StringBuilder();
                for (String p : pieces.get(i)) {
                    text.append(p);
                    handler.onPartialResponse(p);
                }
                if (errors.get(i) != null) {
                    handler.onError(errors.get(i));
                } else {
                    handler.onCompleteResponse(ok(text.toString()));
                }
            }).start();
        }
    }

    @Test
    void a_stream_is_retried_only_before_its_first_token() {
        ScriptedStream s = new ScriptedStream(List.of(List.of(), List.of("Hel"), List.of("never")),
                java.util.Arrays.asList(http(429, "0"), http(429, "0"), null));
        StreamCollector c = new StreamCollector();

        new RetryingStreamingChatModel(s, GPT, retrier(RetryPolicy.DEFAULT), null).chat(REQUEST, c);

        ModelException e = assertInstanceOf(ModelException.class, c.awaitError());
        assertEquals(ModelException.Kind.RATE_LIMITED, e.kind());
        assertEquals(2, s.attempts.get(), "no retry after 'Hel' was streamed");
        assertEquals(List.of("Hel"), c.partials);
        assertEquals(1, c.outcomes.get());
    }

    @Test
    void cancelling_a_stream_that_waits_to_retry_ends_it_once() throws Exception {
        ScriptedStream s = new ScriptedStream(List.of(List.of(), List.of("late")),
                java.util.Arrays.asList(http(429, "20"), null));
        ModelErrors errors = new ModelErrors(new ModelErrors.Endpoint(GPT, "http://h/v1", "OPENAI_API_KEY",
                Duration.ofSeconds(30)), Set.of(), Clock.systemUTC());
        RetryingStreamingChatModel model = new RetryingStreamingChatModel(s, GPT,
                new Retrier(RetryPolicy.DEFAULT, errors, Retrier.Sleeper.REAL), null);
        StreamCollector c = new StreamCollector();
        CountDownLatch retrying = new CountDownLatch(1);

        StreamingCall call = model.start(REQUEST, c, n -> retrying.countDown());
        assertTrue(retrying.await(5, TimeUnit.SECONDS));
        call.cancel();

        ModelException e = assertInstanceOf(ModelException.class, c.awaitError());
        assertEquals(ModelException.Kind.CANCELLED, e.kind());
        assertTrue(call.isCancelled() && call.isDone());
        Thread.sleep(100);
        assertEquals(1, s.attempts.get());
        assertEquals(1, c.outcomes.get());
    }
}
