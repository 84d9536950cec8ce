package io.schemapilot.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Anthropic messages through WireMock: tool_use, streaming, 529 overload. */
class AnthropicProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec SONNET = ModelSpec.parse("anthropic:claude-sonnet-4-5");
    private static final ToolSpecification CHECK_DATA = ToolSpecification.builder()
            .name("check_data").description("Count NULLs in a column")
            .parameters(JsonObjectSchema.builder().addStringProperty("table", "table name").required("table").build())
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
        return ChatRequest.builder().messages(messages).toolSpecifications(CHECK_DATA).build();
    }

    private List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    @Test
    void a_tool_use_block_becomes_a_tool_execution_request() throws IOException {
        wm.stubFor(ProviderStubs.anthropicMessages()
                .willReturn(ProviderStubs.anthropicToolUse("toolu_1", "check_data", "{\"table\":\"orders\"}")));

        ChatResponse r = factory(null).chatModel(SONNET).chat(request(List.of(UserMessage.from("nulls?"))));

        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().get(0);
        assertEquals("toolu_1", call.id());
        assertEquals("check_data", call.name());
        assertEquals("orders", JSON.readTree(call.arguments()).get("table").asText());
        assertEquals("Let me check.", r.aiMessage().text());
        assertEquals(FinishReason.TOOL_EXECUTION, r.finishReason());
        assertEquals(ProviderStubs.OUTPUT_TOKENS, r.tokenUsage().outputTokenCount());

        LoggedRequest sent = requests().get(0);
        assertEquals(ProviderStubs.ANTHROPIC_KEY, sent.getHeader("x-api-key"));
        assertEquals("2023-06-01", sent.getHeader("anthropic-version"));
        assertFalse(sent.containsHeader("Upgrade"));
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertEquals("claude-sonnet-4-5", body.get("model").asText());
        assertEquals(ProviderSettings.DEFAULT_ANTHROPIC_MAX_TOKENS, body.get("max_tokens").asInt());
        assertEquals("check_data", body.at("/tools/0/name").asText());
    }

    @Test
    void the_follow_up_carries_a_tool_result_block() throws IOException {
        wm.stubFor(ProviderStubs.anthropicMessages().atPriority(5)
                .willReturn(ProviderStubs.anthropicToolUse("toolu_1", "check_data", "{\"table\":\"orders\"}")));
        wm.stubFor(ProviderStubs.anthropicMessages().atPriority(1)
                .withRequestBody(ProviderStubs.hasAnthropicToolResult())
                .willReturn(ProviderStubs.anthropicText("No NULLs in orders.")));
        RetryingChatModel model = factory(null).chatModel(SONNET);

        List<ChatMessage> messages = new ArrayList<>(List.of(UserMessage.from("nulls?")));
        AiMessage first = model.chat(request(messages)).aiMessage();
        messages.add(first);
        messages.add(ToolExecutionResultMessage.from(first.toolExecutionRequests().get(0), "{\"count\":0}"));
        ChatResponse second = model.chat(request(messages));

        assertEquals("No NULLs in orders.", second.aiMessage().text());
        JsonNode body = JSON.readTree(requests().get(1).getBodyAsString());
        JsonNode result = body.at("/messages/2/content/0");
        assertEquals("tool_result", result.get("type").asText());
        assertEquals("toolu_1", result.get("tool_use_id").asText());
    }

    @Test
    void a_529_overload_is_retried_then_succeeds() {
        wm.stubFor(ProviderStubs.anthropicMessages().inScenario("o").whenScenarioStateIs(STARTED)
                .willSetStateTo("ok").willReturn(ProviderStubs.anthropicOverloaded()));
        wm.stubFor(ProviderStubs.anthropicMessages().inScenario("o").whenScenarioStateIs("ok")
                .willReturn(ProviderStubs.anthropicText("back")));
        List<RetryListener.Notice> notices = new CopyOnWriteArrayList<>();

        ChatResponse r = factory("retry: {initial_delay: 50ms}").chatModel(SONNET, notices::add)
                .chat(request(List.of(UserMessage.from("hi"))));

        assertEquals("back", r.aiMessage().text());
        assertEquals(2, requests().size());
        assertEquals(1, notices.size());
        assertEquals(ModelException.Kind.OVERLOADED, notices.get(0).kind());
        assertEquals(529, notices.get(0).httpStatus());
        assertEquals(Duration.ofMillis(50), notices.get(0).delay());
    }

    @Test
    void a_persistent_overload_ends_as_overloaded() {
        wm.stubFor(ProviderStubs.anthropicMessages().willReturn(ProviderStubs.anthropicOverloaded()));

        ModelException e = assertThrows(ModelException.class, () ->
                factory("retry: {initial_delay: 10ms, max_attempts: 2}").chatModel(SONNET)
                        .chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.OVERLOADED, e.kind());
        assertEquals(2, e.attempts());
        assertTrue(e.getMessage().startsWith("anthropic is overloaded (HTTP 529) after 2 attempts: Overloaded"),
                e.getMessage());
    }

    @Test
    void an_authentication_error_is_auth() {
        wm.stubFor(ProviderStubs.anthropicMessages()
                .willReturn(ProviderStubs.anthropicError(401, "authentication_error", "invalid x-api-key")));

        ModelException e = assertThrows(ModelException.class, () ->
                factory(null).chatModel(SONNET).chat(request(List.of(UserMessage.from("hi")))));

        assertEquals(ModelException.Kind.AUTH, e.kind());
        assertTrue(e.getMessage().contains("ANTHROPIC_API_KEY"), e.getMessage());
        assertFalse(e.getMessage().contains(ProviderStubs.ANTHROPIC_KEY));
    }

    @Test
    void streams_text() {
        wm.stubFor(ProviderStubs.anthropicMessages().withRequestBody(ProviderStubs.isStreaming())
                .willReturn(ProviderStubs.anthropicSse("Plan ", "ready.")));
        StreamCollector c = new StreamCollector();

        factory(null).streamingChatModel(SONNET).chat(request(List.of(UserMessage.from("plan"))), c);

        ChatResponse r = c.await();
        assertEquals(List.of("Plan ", "ready."), c.partials);
        assertEquals("Plan ready.", r.aiMessage().text());
        assertEquals(ProviderStubs.INPUT_TOKENS, r.tokenUsage().inputTokenCount());
        assertEquals(ProviderStubs.OUTPUT_TOKENS, r.tokenUsage().outputTokenCount());
    }

    @Test
    void streams_a_tool_use() throws IOException {
        wm.stubFor(ProviderStubs.anthropicMessages().withRequestBody(ProviderStubs.isStreaming())
                .willReturn(ProviderStubs.anthropicSseToolUse("toolu_9", "check_data", "{\"tab", "le\": \"users\"}")));
        StreamCollector c = new StreamCollector();

        factory(null).streamingChatModel(SONNET).chat(request(List.of(UserMessage.from("users?"))), c);

        ChatResponse r = c.await();
        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().get(0);
        assertEquals("toolu_9", call.id());
        assertEquals("check_data", call.name());
        assertEquals("users", JSON.readTree(call.arguments()).get("table").asText());
        assertEquals(FinishReason.TOOL_EXECUTION, r.finishReason());
    }

    @Test
    void a_streamed_529_before_any_token_is_retried() {
        wm.stubFor(ProviderStubs.anthropicMessages().inScenario("so").whenScenarioStateIs(STARTED)
                .willSetStateTo("ok").willReturn(ProviderStubs.anthropicOverloaded()));
        wm.stubFor(ProviderStubs.anthropicMessages().inScenario("so").whenScenarioStateIs("ok")
                .willReturn(ProviderStubs.anthropicSse("ok")));
        List<RetryListener.Notice> notices = new CopyOnWriteArrayList<>();
        StreamCollector c = new StreamCollector();

        factory("retry: {initial_delay: 20ms}").streamingChatModel(SONNET, notices::add)
                .chat(request(List.of(UserMessage.from("hi"))), c);

        assertEquals("ok", c.await().aiMessage().text());
        assertEquals(2, requests().size());
        assertEquals(ModelException.Kind.OVERLOADED, notices.get(0).kind());
    }

    @Test
    void a_streamed_overloaded_error_event_is_classified() {
        String body = "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                + "\"message\":\"Overloaded\"}}\n\n";
        wm.stubFor(ProviderStubs.anthropicMessages().willReturn(ProviderStubs.sse(body)));
        StreamCollector c = new StreamCollector();

        factory("retry: {initial_delay: 10ms, max_attempts: 2}").streamingChatModel(SONNET)
                .chat(request(List.of(UserMessage.from("hi"))), c);

        ModelException e = assertInstanceOf(ModelException.class, c.awaitError());
        assertEquals(ModelException.Kind.OVERLOADED, e.kind());
        assertEquals(2, requests().size(), "an error event before any token is retried");
    }
}
