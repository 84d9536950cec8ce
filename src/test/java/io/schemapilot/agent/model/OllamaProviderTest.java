package io.schemapilot.agent.model;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ollama's native {@code /api/chat} through WireMock. */
class OllamaProviderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ModelSpec LLAMA = ModelSpec.parse("ollama:llama3.1:8b");

    private static WireMockServer wm;

    @BeforeAll
    static void start() {
        wm = ProviderStubs.server();
    }

    @BeforeEach
    void reset() {
        wm.resetAll();
    }

    private List<LoggedRequest> requests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/api/chat")));
    }

    @Test
    void a_basic_chat_call() throws IOException {
        wm.stubFor(ProviderStubs.ollamaChat().willReturn(ProviderStubs.ollamaText("Hello from llama")));
        ModelFactory factory = new ModelFactory(ModelSettings.fromEnv(ProviderStubs.env(wm.baseUrl())));

        ChatResponse r = factory.chatModel(LLAMA).chat(ChatRequest.builder().messages(UserMessage.from("hi")).build());

        assertEquals("Hello from llama", r.aiMessage().text());
        assertEquals(ProviderStubs.INPUT_TOKENS, r.tokenUsage().inputTokenCount());
        assertEquals(ProviderStubs.OUTPUT_TOKENS, r.tokenUsage().outputTokenCount());
        LoggedRequest sent = requests().get(0);
        assertFalse(sent.containsHeader("Authorization"));
        JsonNode body = JSON.readTree(sent.getBodyAsString());
        assertEquals("llama3.1:8b", body.get("model").asText());
        assertFalse(body.get("stream").asBoolean());
        assertEquals("hi", body.at("/messages/0/content").asText());
    }

    @Test
    void a_tool_call() throws IOException {
        wm.stubFor(ProviderStubs.ollamaChat()
                .willReturn(ProviderStubs.ollamaToolCall("inspect_schema", "{\"schema\":\"public\"}")));
        ModelFactory factory = new ModelFactory(ModelSettings.fromEnv(ProviderStubs.env(wm.baseUrl())));
        ToolSpecification spec = ToolSpecification.builder().name("inspect_schema")
                .parameters(JsonObjectSchema.builder().addStringProperty("schema").build()).build();

        ChatResponse r = factory.chatModel(LLAMA)
                .chat(ChatRequest.builder().messages(UserMessage.from("hi")).toolSpecifications(spec).build());

        ToolExecutionRequest call = r.aiMessage().toolExecutionRequests().get(0);
        assertEquals("inspect_schema", call.name());
        assertEquals("public", JSON.readTree(call.arguments()).get("schema").asText());
        assertEquals("inspect_schema", JSON.readTree(requests().get(0).getBodyAsString())
                .at("/tools/0/function/name").asText());
    }

    @Test
    void ollama_host_without_scheme_is_accepted_and_a_missing_model_is_not_found() {
        wm.stubFor(ProviderStubs.ollamaChat().willReturn(ProviderStubs.json(404,
                JSON.createObjectNode().put("error", "model \"nope\" not found, try pulling it first"))));
        Map<String, String> env = new HashMap<>(ProviderStubs.env(wm.baseUrl()));
        env.put("OLLAMA_HOST", "localhost:" + wm.port());

        ModelException e = assertThrows(ModelException.class, () ->
                new ModelFactory(ModelSettings.fromEnv(env)).chatModel(ModelSpec.parse("ollama:nope"))
                        .chat(ChatRequest.builder().messages(UserMessage.from("hi")).build()));

        assertEquals(ModelException.Kind.NOT_FOUND, e.kind());
        assertTrue(e.getMessage().contains("model 'nope' not found at http://localhost:" + wm.port())
                && e.getMessage().contains("try pulling it first"), e.getMessage());
    }
}
