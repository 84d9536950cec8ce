package io.schemapilot.agent.model;

import io.schemapilot.testing.FakeSecrets;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * WireMock stubs that speak the providers' real wire formats: OpenAI chat completions (JSON and SSE), Anthropic
 * messages (JSON and SSE), Ollama {@code /api/chat}. For tests of the models and of the agent loop.
 *
 * <p>Typical use ({@link #server()} is shared by the test JVM; reset it before each test):
 * <pre>
 * WireMockServer wm = ProviderStubs.server();
 * wm.resetAll();
 * wm.stubFor(ProviderStubs.openAiChat().atPriority(5)
 *         .willReturn(ProviderStubs.openAiToolCall("call_1", "inspect_schema", "{\"schema\":\"public\"}")));
 * wm.stubFor(ProviderStubs.openAiChat().atPriority(1).withRequestBody(ProviderStubs.hasOpenAiToolResult())
 *         .willReturn(ProviderStubs.openAiText("Done.")));
 * ModelSettings settings = ModelSettings.fromEnv(ProviderStubs.env(wm.baseUrl()));
 * ChatModel model = new ModelFactory(settings).chatModel(ModelSpec.parse("openai:gpt-4o"));
 * </pre>
 * Request bodies are pretty-printed JSON: match them with {@code matchingJsonPath} (the helpers here), never with
 * {@code containing("\"role\":\"tool\"")}.
 */
public final class ProviderStubs {

    /** The OpenAI key {@link #env} sets (fake; tests assert it never leaks). */
    public static final String OPENAI_KEY = FakeSecrets.openAiKey("test");
    /** The Anthropic key {@link #env} sets (fake). */
    public static final String ANTHROPIC_KEY = FakeSecrets.anthropicKey();
    /** The token counts every stub reports unless told otherwise. */
    public static final int INPUT_TOKENS = 11;
    public static final int OUTPUT_TOKENS = 7;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer shared;

    private ProviderStubs() {
    }

    /**
     * One WireMock server for the whole test JVM (started on first use on a free port, stopped at exit), so test
     * classes do not each pay its start-up. Call {@code resetAll()} before each test.
     */
    public static synchronized WireMockServer server() {
        if (shared == null) {
            WireMockServer s = new WireMockServer(WireMockConfiguration.options().dynamicPort());
            s.start();
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "wiremock-stop"));
            shared = s;
        }
        return shared;
    }

    /** One tool call for {@link #openAiToolCalls}: {@code argsJson} is the raw JSON arguments text. */
    public record ToolCall(String id, String name, String argsJson) {
    }

    // ---------------------------------------------------------------- environment

    /**
     * An environment that points every provider at {@code baseUrl} (a WireMock {@code http://localhost:PORT}): OpenAI
     * and Anthropic at {@code baseUrl/v1} with fake keys, Ollama at {@code baseUrl}, and {@code HOME} at a directory
     * that does not exist so no user config is read.
     */
    public static Map<String, String> env(String baseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OPENAI_BASE_URL", baseUrl + "/v1");
        env.put("OPENAI_API_KEY", OPENAI_KEY);
        env.put("ANTHROPIC_BASE_URL", baseUrl + "/v1");
        env.put("ANTHROPIC_API_KEY", ANTHROPIC_KEY);
        env.put("OLLAMA_HOST", baseUrl);
        env.put("HOME", "/nonexistent/schemapilot-test-home");
        return env;
    }

    // ---------------------------------------------------------------- request matchers

    /** POST {@code /v1/chat/completions}. */
    public static MappingBuilder openAiChat() {
        return post(urlPathEqualTo("/v1/chat/completions"));
    }

    /** POST {@code /v1/messages}. */
    public static MappingBuilder anthropicMessages() {
        return post(urlPathEqualTo("/v1/messages"));
    }

    /** POST {@code /api/chat} (Ollama native). */
    public static MappingBuilder ollamaChat() {
        return post(urlPathEqualTo("/api/chat"));
    }

    /** An OpenAI request that carries a tool result ({@code role: tool}). */
    public static StringValuePattern hasOpenAiToolResult() {
        return matchingJsonPath("$.messages[?(@.role == 'tool')]");
    }

    /** An OpenAI request that carries the result of the tool call {@code id}. */
    public static StringValuePattern hasOpenAiToolResult(String id) {
        return matchingJsonPath("$.messages[?(@.role == 'tool' && @.tool_call_id == '" + id + "')]");
    }

    /** An Anthropic request that carries a {@code tool_result} block. */
    public static StringValuePattern hasAnthropicToolResult() {
        return matchingJsonPath("$.messages[*].content[?(@.type == 'tool_result')]");
    }

    /** A request that asks for a stream ({@code "stream": true}). */
    public static StringValuePattern isStreaming() {
        return matchingJsonPath("$[?(@.stream == true)]");
    }

    // ---------------------------------------------------------------- OpenAI

    /** A chat completion whose answer is {@code text}. */
    public static ResponseDefinitionBuilder openAiText(String text) {
        return openAiText(text, INPUT_TOKENS, OUTPUT_TOKENS);
    }

    public static ResponseDefinitionBuilder openAiText(String text, int inputTokens, int outputTokens) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        return json(200, openAiCompletion(message, "stop", inputTokens, outputTokens));
    }

    /** A chat completion that calls one tool; {@code argsJson} is the arguments text, sent as is. */
    public static ResponseDefinitionBuilder openAiToolCall(String id, String name, String argsJson) {
        return openAiToolCalls(new ToolCall(id, name, argsJson));
    }

    /** A chat completion that calls several tools at once. */
    public static ResponseDefinitionBuilder openAiToolCalls(ToolCall... calls) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        message.putNull("content");
        ArrayNode tc = message.putArray("tool_calls");
        for (ToolCall c : calls) {
            ObjectNode call = tc.addObject().put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.argsJson());
        }
        return json(200, openAiCompletion(message, "tool_calls", INPUT_TOKENS, OUTPUT_TOKENS));
    }

    /** A streamed (SSE) answer made of {@code chunks}, then a usage chunk and {@code [DONE]}. */
    public static ResponseDefinitionBuilder openAiSse(String... chunks) {
        List<String> events = new ArrayList<>();
        events.add(openAiChunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        for (String c : chunks) {
            events.add(openAiChunk(JSON.createObjectNode().put("content", c), null));
        }
        events.add(openAiChunk(JSON.createObjectNode(), "stop"));
        events.add(openAiUsageChunk());
        return sse(openAiSseBody(events));
    }

    /** A streamed call of one tool, its arguments split into {@code argChunks}. */
    public static ResponseDefinitionBuilder openAiSseToolCall(String id, String name, String... argChunks) {
        List<String> events = new ArrayList<>();
        ObjectNode first = JSON.createObjectNode().put("role", "assistant");
        first.putNull("content");
        ObjectNode call = first.putArray("tool_calls").addObject().put("index", 0).put("id", id).put("type", "function");
        call.putObject("function").put("name", name).put("arguments", "");
        events.add(openAiChunk(first, null));
        for (String a : argChunks) {
            ObjectNode d = JSON.createObjectNode();
            d.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", a);
            events.add(openAiChunk(d, null));
        }
        events.add(openAiChunk(JSON.createObjectNode(), "tool_calls"));
        events.add(openAiUsageChunk());
        return sse(openAiSseBody(events));
    }

    /** An OpenAI-style error: {@code {"error": {"message": ..., "type": ...}}} with {@code status}. */
    public static ResponseDefinitionBuilder openAiError(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", errorType(status)).putNull("code");
        return json(status, body);
    }

    /** 429 with {@code Retry-After: retryAfter} (seconds or an HTTP-date). */
    public static ResponseDefinitionBuilder openAiRateLimited(String retryAfter) {
        return openAiError(429, "Rate limit reached for requests").withHeader("Retry-After", retryAfter);
    }

    // ---------------------------------------------------------------- Anthropic

    /** A message whose answer is {@code text}. */
    public static ResponseDefinitionBuilder anthropicText(String text) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("type", "text").put("text", text);
        return json(200, anthropicMessage(content, "end_turn"));
    }

    /** A message that calls one tool ({@code inputJson} must be a JSON object), with a short text before it. */
    public static ResponseDefinitionBuilder anthropicToolUse(String id, String name, String inputJson) {
        ArrayNode content = JSON.createArrayNode();
        content.addObject().put("type", "text").put("text", "Let me check.");
        content.addObject().put("type", "tool_use").put("id", id).put("name", name).set("input", parse(inputJson));
        return json(200, anthropicMessage(content, "tool_use"));
    }

    /** A streamed (SSE) text answer made of {@code chunks}. */
    public static ResponseDefinitionBuilder anthropicSse(String... chunks) {
        StringBuilder b = new StringBuilder();
        anthropicStart(b);
        ObjectNode block = JSON.createObjectNode().put("type", "text").put("text", "");
        event(b, "content_block_start", JSON.createObjectNode().put("type", "content_block_start").put("index", 0)
                .set("content_block", block));
        event(b, "ping", JSON.createObjectNode().put("type", "ping"));
        for (String c : chunks) {
            ObjectNode delta = JSON.createObjectNode().put("type", "text_delta").put("text", c);
            event(b, "content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                    .put("index", 0).set("delta", delta));
        }
        event(b, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        anthropicStop(b, "end_turn");
        return sse(b.toString());
    }

    /** A streamed call of one tool, its JSON input split into {@code jsonChunks}. */
    public static ResponseDefinitionBuilder anthropicSseToolUse(String id, String name, String... jsonChunks) {
        StringBuilder b = new StringBuilder();
        anthropicStart(b);
        ObjectNode block = JSON.createObjectNode().put("type", "tool_use").put("id", id).put("name", name);
        block.putObject("input");
        event(b, "content_block_start", JSON.createObjectNode().put("type", "content_block_start").put("index", 0)
                .set("content_block", block));
        for (String c : jsonChunks) {
            ObjectNode delta = JSON.createObjectNode().put("type", "input_json_delta").put("partial_json", c);
            event(b, "content_block_delta", JSON.createObjectNode().put("type", "content_block_delta")
                    .put("index", 0).set("delta", delta));
        }
        event(b, "content_block_stop", JSON.createObjectNode().put("type", "content_block_stop").put("index", 0));
        anthropicStop(b, "tool_use");
        return sse(b.toString());
    }

    /** An Anthropic error: {@code {"type":"error","error":{"type":..., "message":...}}}. */
    public static ResponseDefinitionBuilder anthropicError(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return json(status, body);
    }

    /** 529 {@code overloaded_error}, as Anthropic sends when it is busy. */
    public static ResponseDefinitionBuilder anthropicOverloaded() {
        return anthropicError(529, "overloaded_error", "Overloaded");
    }

    // ---------------------------------------------------------------- Ollama

    /** An {@code /api/chat} answer (not streamed) whose text is {@code text}. */
    public static ResponseDefinitionBuilder ollamaText(String text) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", text);
        return json(200, ollamaResponse(message));
    }

    /** An {@code /api/chat} answer that calls one tool ({@code argsJson} must be a JSON object). */
    public static ResponseDefinitionBuilder ollamaToolCall(String name, String argsJson) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant").put("content", "");
        message.putArray("tool_calls").addObject().putObject("function").put("name", name)
                .set("arguments", parse(argsJson));
        return json(200, ollamaResponse(message));
    }

    // ---------------------------------------------------------------- building blocks

    /** A JSON response with {@code status}. */
    public static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString());
    }

    /** An SSE response with the given body ({@code data: ...\n\n} events). */
    public static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withHeader("Cache-Control", "no-cache").withBody(body);
    }

    private static ObjectNode openAiCompletion(ObjectNode message, String finish, int in, int out) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", "gpt-4o");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finish);
        root.putObject("usage").put("prompt_tokens", in).put("completion_tokens", out).put("total_tokens", in + out);
        return root;
    }

    private static String openAiChunk(ObjectNode delta, String finish) {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "gpt-4o");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return root.toString();
    }

    private static String openAiUsageChunk() {
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-test").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "gpt-4o");
        root.putArray("choices");
        root.putObject("usage").put("prompt_tokens", INPUT_TOKENS).put("completion_tokens", OUTPUT_TOKENS)
                .put("total_tokens", INPUT_TOKENS + OUTPUT_TOKENS);
        return root.toString();
    }

    private static String openAiSseBody(List<String> events) {
        StringBuilder b = new StringBuilder();
        for (String e : events) {
            b.append("data: ").append(e).append("\n\n");
        }
        return b.append("data: [DONE]\n\n").toString();
    }

    private static ObjectNode anthropicMessage(ArrayNode content, String stopReason) {
        ObjectNode root = JSON.createObjectNode().put("id", "msg_test").put("type", "message")
                .put("role", "assistant").put("model", "claude-sonnet-4-5");
        root.set("content", content);
        root.put("stop_reason", stopReason).putNull("stop_sequence");
        root.putObject("usage").put("input_tokens", INPUT_TOKENS).put("output_tokens", OUTPUT_TOKENS);
        return root;
    }

    private static void anthropicStart(StringBuilder b) {
        ObjectNode message = JSON.createObjectNode().put("id", "msg_test").put("type", "message")
                .put("role", "assistant").put("model", "claude-sonnet-4-5");
        message.putArray("content");
        message.putNull("stop_reason").putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", INPUT_TOKENS).put("output_tokens", 1);
        event(b, "message_start", JSON.createObjectNode().put("type", "message_start").set("message", message));
    }

    private static void anthropicStop(StringBuilder b, String stopReason) {
        ObjectNode md = JSON.createObjectNode().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", stopReason).putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", OUTPUT_TOKENS); // cumulative, as Anthropic sends it
        event(b, "message_delta", md);
        event(b, "message_stop", JSON.createObjectNode().put("type", "message_stop"));
    }

    private static void event(StringBuilder b, String type, JsonNode data) {
        b.append("event: ").append(type).append('\n').append("data: ").append(data).append("\n\n");
    }

    private static ObjectNode ollamaResponse(ObjectNode message) {
        ObjectNode root = JSON.createObjectNode().put("model", "llama3.1").put("created_at", "2025-01-01T00:00:00Z");
        root.set("message", message);
        root.put("done", true).put("done_reason", "stop").put("total_duration", 1000).put("load_duration", 10)
                .put("prompt_eval_count", INPUT_TOKENS).put("prompt_eval_duration", 10)
                .put("eval_count", OUTPUT_TOKENS).put("eval_duration", 10);
        return root;
    }

    private static String errorType(int status) {
        return switch (status) {
            case 401 -> "invalid_request_error";
            case 429 -> "requests";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
