package io.schemapilot.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI chat completions through WireMock: tool calls, streaming, retries, errors. */
class OpenAiProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec GPT = ModelSpec.parse("openai:gpt-4o");
    private static final ToolSpecification INSPECT = ToolSpecification.builder()
            .name("inspect_schema").description("Inspect the schema")
            .parameters(JsonObjectSchema.builder().addStringProperty("schema", "schema name").required("schema")
                    .build())
            .build();

    private static WireMockServer wm;

    @BeforeAll
    static void start() {
        wm = ProviderStubs.server();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private ModelFactory factory(String yaml) {
        return new ModelFactory(ModelSettings.fromYaml(ProviderStubs.env(wm.baseUrl()), null, yaml));
    }

    private static ChatRequest request(List<ChatMessage> messages) {
        return ChatRequest.builder().messages(messages).toolSpecifications(INSPECT).build();
    }

    private List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    @Test
    void a_tool_call_is_parsed_into_a_tool_execution_request() throws IOException {
        wm.stubFor(ProviderStubs.openAiChat()
                .willReturn(ProviderStubs.openAiToolCall("call_1", "inspect_schema", "{\"schema\":\"public\"}")));

        ChatResponse r = factory(null).chatModel(GPT).chat(request(List.of(UserMessage.from("what tables?"))));

        AiMessage ai = r.aiMessage();
        assertTrue(ai.hasToolExecutionRequests());
        ToolExecutionRequest call = ai.toolExecutionRequests().get(0);
        assertEquals("call_1", call.id());
        assertEquals("inspect_schema", call.name());
        assertEquals("public", JSON.readTree(call.arguments()).get("schema").asText());
        assertEquals(FinishReason.TOOL_EXECUTION, r.finishReason());
        assertEquals(ProviderStubs.INPUT_TOKENS, r.tokenUsage().inputTokenCount());
        assertEquals(ProviderStubs.OUTPUT_TOKENS, r.tokenUsage().outputTokenCount());

        LoggedRequest sent = requests().get(0);
        assertEquals("Bearer " + ProviderStubs.OPENAI_KEY, sent.getHeader("Authorization"));
        assertFalse(sent.containsHeader("Upgrade"), "HTTP/1.1 only: no h2c upgrade");
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertEquals("gpt-4o", body.get("model").asText());
        assertEquals("inspect_schema", body.at("/tools/0/function/name").asText());
    }

    @Test
    void the_follow_up_turn_carries_the_tool_result() throws IOException {
        wm.stubFor(ProviderStubs.openAiChat().atPriority(5)
                .willReturn(ProviderStubs.openAiToolCall("call_1", "inspect_schema", "{\"schema\":\"public\"}")));
        wm.stubFor(ProviderStubs.openAiChat().atPriority(1)
                .withRequestBody(ProviderStubs.hasOpenAiToolResult("call_1"))
                .willReturn(ProviderStubs.openAiText("There are 3 tables.")));
        RetryingChatModel model = factory(null).chatModel(GPT);

        List<ChatMessage> messages = new ArrayList<>(List.of(SystemMessage.from("You plan migrations."),
                UserMessage.from("what tables?")));
        AiMessage first = model.chat(request(messages)).aiMessage();
        messages.add(first);
        messages.add(ToolExecutionResultMessage.from(first.toolExecutionRequests().get(0), "orders, users, items"));
        ChatResponse second = model.chat(request(messages));

        assertEquals("There are 3 tables.", second.aiMessage().text());
        assertFalse(second.aiMessage().hasToolExecutionRequests());
        assertEquals(2, requests().size());
        JsonNode body = JSON.readTree(requests().get(1).getBodyAsString());
        JsonNode toolMsg = body.at("/messages/3");
        assertEquals("tool", toolMsg.get("role").asText());
        assertEquals("call_1", toolMsg.get("tool_call_id").asText());
        assertEquals("orders, users, items", toolMsg.get("content").asText());
        assertEquals("inspect_schema", body.at("/messages/2/tool_calls/0/function/name").asText());
    }

    @Test
    void streams_text_in_pieces() throws IOException {
        wm.stubFor(ProviderStubs.openAiChat().withRequestBody(ProviderStubs.isStreaming())
                .willReturn(ProviderStubs.openAiSse("Hel", "lo", " world")));
        StreamCollector c = new StreamCollector();

        factory(null).streamingChatModel(GPT).chat(request(List.of(UserMessage.from("hi"))), c);

        ChatResponse r = c.await();
        assertEquals(List.of("Hel", "lo", " world"), c.partials);
        assertEquals("Hello world", r.aiMessage().text());
        assertEquals(ProviderStubs.INPUT_TOKENS, r.tokenUsage().inputTokenCount());
        assertEquals(1, c.outcomes.get());
        assertTrue(JSON.readTree(requests().get(0).getBodyAsString()).get("stream").asBoolean());
    }

    @Test
    void streams_a_tool_call() throws IOException {
        wm.stubFor(ProviderStubs.openAiChat().withRequestBody(ProviderStubs.isStreaming())
                .willReturn(ProviderStubs.openAiSseToolCall("call_7", "inspect_schema", "{\"sch", "ema\":\"sales\"}")));
        StreamCollector c = new StreamCollector();

        factory(null).streamingChatModel(GPT).chat(request(List.of(UserMessage.from("look"))), c);

        ChatResponse r = c.await();
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().get(0);
        assertEquals("call_7", call.id());
        assertEquals("inspect_schema", call.name());
        assertEquals("sales", JSON.readTree(call.arguments()).get("schema").asText());
        assertEquals(1, c.toolCalls.size());
        assertEquals(FinishReason.TOOL_EXECUTION, r.finishReason());
    }

    @Test
    void a_429_with_retry_after_waits_that_long_then_succeeds() {
        wm.stubFor(ProviderStubs.openAiChat().inScenario("rl").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(ProviderStubs.openAiRateLimited("1")));
        wm.stubFor(ProviderStubs.openAiChat().inScenario("rl").whenScenarioStateIs("ok")
                .willReturn(ProviderStubs.openAiText("fine")));
        List<RetryListener.Notice> notices = new CopyOnWriteArrayList<>();

        long t0 = System.nanoTime();
        ChatResponse r = factory(null).chatModel(GPT, notices::add).chat(request(List.of(UserMessage.from("hi"))));
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        assertEquals("fine", r.aiMessage().text());
        assertEquals(2, requests().size());
        assertTrue(ms >= 950, "waited " + ms + " ms, Retry-After asked 1 s");
        assertEquals(1, notices.size());
        RetryListener.Notice n = notices.get(0);
        assertEquals(2, n.attempt());
        assertEquals(Duration.ofSeconds(1), n.delay());
        assertEquals(ModelException.Kind.RATE_LIMITED, n.kind());
        assertEquals(429, n.httpStatus());
        assertTrue(n.reason().contains("429") && n.reason().contains("Retry-After 1 s"), n.reason());
    }

    @Test
    void a_500_is_retried_with_backoff_then_succeeds() {
        wm.stubFor(ProviderStubs.openAiChat().inScenario("5xx").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(ProviderStubs.openAiError(500, "The server had an error")));
        wm.stubFor(ProviderStubs.openAiChat().inScenario("5xx").whenScenarioStateIs("ok")
                .willReturn(ProviderStubs.openAiText("recovered")));
        List<RetryListener.Notice> notices = new CopyOnWriteArrayList<>();

        ChatResponse r = factory("retry: {initial_delay: 100ms}").chatModel(GPT, notices::add)
                .chat(request(List.of(UserMessage.from("hi"))));

        assertEquals("recovered", r.aiMessage().text());
        assertEquals(2, requests().size());
        assertEquals(1, notices.size());
        assertEquals(Duration.ofMillis(100), notices.get(0).delay());
        assertEquals(ModelException.Kind.SERVER, notices.get(0).kind());
    }

    @Test
    void persistent_server_errors_give_up_after_max_attempts() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiError(502, "Bad gateway")));

        ModelException e = assertThrows(ModelException.class, () ->
                factory("retry: {initial_delay: 20ms, max_attempts: 3}").chatModel(GPT)
                        .chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.SERVER, e.kind());
        assertEquals(3, e.attempts());
        assertEquals(3, requests().size());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("after 3 attempts") && e.getMessage().contains("Bad gateway"),
                e.getMessage());
    }

    @Test
    void a_read_timeout_is_a_timeout() {
        wm.stubFor(ProviderStubs.openAiChat()
                .willReturn(ProviderStubs.openAiText("too late").withFixedDelay(2_000)));

        long t0 = System.nanoTime();
        ModelException e = assertThrows(ModelException.class, () ->
                factory("timeout: 300ms\nretry: {max_attempts: 2, initial_delay: 10ms}").chatModel(GPT)
                        .chat(request(List.of(UserMessage.from("hi")))));
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        assertEquals(ModelException.Kind.TIMEOUT, e.kind());
        assertEquals(2, e.attempts(), "timeouts are retried");
        assertTrue(ms < 1_900, "gave up after two 300 ms timeouts, took " + ms + " ms");
        assertTrue(e.getMessage().contains("0.3 s"), e.getMessage());
        assertEquals("timeout", e.eventKind());
    }

    @Test
    void a_401_is_an_auth_error_not_retried_and_without_the_key() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiError(401,
                "Incorrect API key provided: " + ProviderStubs.OPENAI_KEY + ". You can find your API key at ...")));

        ModelException e = assertThrows(ModelException.class, () ->
                factory(null).chatModel(GPT).chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.AUTH, e.kind());
        assertEquals(401, e.httpStatus());
        assertEquals(1, requests().size());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("OPENAI_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(ProviderStubs.OPENAI_KEY), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void a_404_names_the_model() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiError(404,
                "The model `gpt-4o` does not exist or you do not have access to it.")));

        ModelException e = assertThrows(ModelException.class, () ->
                factory(null).chatModel(GPT).chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().startsWith("model 'gpt-4o' not found at " + wm.baseUrl() + "/v1"), e.getMessage());
    }

    @Test
    void a_retry_after_longer_than_the_budget_fails_at_once() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiRateLimited("120")));

        long t0 = System.nanoTime();
        ModelException e = assertThrows(ModelException.class, () ->
                factory(null).chatModel(GPT).chat(request(List.of(UserMessage.from("hi")))));
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        assertEquals(ModelException.Kind.RATE_LIMITED, e.kind());
        assertEquals(1, requests().size());
        assertTrue(ms < 1_000, "failed fast, took " + ms + " ms");
        assertTrue(e.getMessage().contains("120 s") && e.getMessage().contains("60 s")
                && e.getMessage().contains("retry.max_wait"), e.getMessage());
    }

    @Test
    void the_total_wait_is_capped_across_retries() {
        // each wait is 1 s, the budget 1.5 s: the second Retry-After no longer fits
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiRateLimited("1")));
        List<RetryListener.Notice> notices = new CopyOnWriteArrayList<>();

        ModelException e = assertThrows(ModelException.class, () ->
                factory("retry: {max_wait: 1500ms, max_attempts: 10}").chatModel(GPT, notices::add)
                        .chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.RATE_LIMITED, e.kind());
        assertEquals(2, requests().size());
        assertEquals(1, notices.size());
        assertTrue(e.getMessage().contains("0.5 s left"), e.getMessage());
    }

    @Test
    void a_closed_port_is_unreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new java.util.HashMap<>(ProviderStubs.env(wm.baseUrl()));
        env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + port + "/v1");

        ModelException e = assertThrows(ModelException.class, () ->
                new ModelFactory(ModelSettings.fromEnv(env)).chatModel(GPT)
                        .chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.UNREACHABLE, e.kind());
        assertEquals(1, e.attempts());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().contains("cannot reach openai at http://127.0.0.1:" + port)
                && e.getMessage().contains("OPENAI_BASE_URL"), e.getMessage());
    }

    @Test
    void a_stream_is_retried_when_it_fails_before_the_first_token() {
        wm.stubFor(ProviderStubs.openAiChat().inScenario("s").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(ProviderStubs.openAiRateLimited("0")));
        wm.stubFor(ProviderStubs.openAiChat().inScenario("s").whenScenarioStateIs("ok")
                .willReturn(ProviderStubs.openAiSse("again")));
        List<RetryListener.Notice> notices = new CopyOnWriteArrayList<>();
        StreamCollector c = new StreamCollector();

        factory(null).streamingChatModel(GPT, notices::add).chat(request(List.of(UserMessage.from("hi"))), c);

        assertEquals("again", c.await().aiMessage().text());
        assertEquals(List.of("again"), c.partials);
        assertEquals(2, requests().size());
        assertEquals(1, notices.size());
        assertEquals(Duration.ZERO, notices.get(0).delay());
    }

    @Test
    void a_stream_that_keeps_failing_ends_with_a_model_exception() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiError(401, "bad key")));
        StreamCollector c = new StreamCollector();

        factory(null).streamingChatModel(GPT).chat(request(List.of(UserMessage.from("hi"))), c);

        ModelException e = assertInstanceOf(ModelException.class, c.awaitError());
        assertEquals(ModelException.Kind.AUTH, e.kind());
        assertEquals(1, requests().size());
        assertEquals(1, c.outcomes.get());
    }

    @Test
    void cancelling_mid_stream_ends_the_call_at_once() throws InterruptedException {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiSse("a", "b", "c", "d", "e", "f", "g")
                .withChunkedDribbleDelay(12, 3_000)));
        StreamCollector c = new StreamCollector();

        long t0 = System.nanoTime();
        StreamingCall call = factory(null).streamingChatModel(GPT)
                .start(request(List.of(UserMessage.from("hi"))), c, RetryListener.none());
        assertTrue(c.firstPiece.await(5, java.util.concurrent.TimeUnit.SECONDS));
        call.cancel();
        ModelException e = assertInstanceOf(ModelException.class, c.awaitError());
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();

        assertEquals(ModelException.Kind.CANCELLED, e.kind());
        assertTrue(ms < 2_500, "ended before the stream did, took " + ms + " ms");
        int seen = c.partials.size();
        Thread.sleep(300);
        assertEquals(seen, c.partials.size(), "nothing reaches the handler after cancel");
        assertEquals(1, c.outcomes.get());
    }

    @Test
    void a_local_server_needs_no_key() throws IOException {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiText("local")));
        Map<String, String> env = new java.util.HashMap<>(ProviderStubs.env(wm.baseUrl()));
        env.remove("OPENAI_API_KEY");

        ChatResponse r = new ModelFactory(ModelSettings.fromEnv(env))
                .chatModel(ModelSpec.parse("openai:qwen2.5-coder"))
                .chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());

        assertEquals("local", r.aiMessage().text());
        assertNull(requests().get(0).getHeader("Authorization"));
        assertEquals("qwen2.5-coder", JSON.readTree(requests().get(0).getBodyAsString()).get("model").asText());
    }

    @Test
    void max_tokens_from_the_config_is_sent() throws IOException {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiText("ok")));

        factory("providers: {openai: {max_tokens: 321}}").chatModel(GPT)
                .chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());

        assertEquals(321, JSON.readTree(requests().get(0).getBodyAsString()).get("max_tokens").asInt());
    }
}
