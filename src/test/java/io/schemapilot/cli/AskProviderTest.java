package io.schemapilot.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.schemapilot.cli.AskFixtures.ask;
import static io.schemapilot.cli.AskFixtures.describe;
import static io.schemapilot.cli.AskFixtures.json;
import static io.schemapilot.cli.AskFixtures.lines;
import static io.schemapilot.cli.AskFixtures.ofType;
import static io.schemapilot.cli.AskFixtures.toolCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.schemapilot.agent.model.ProviderStubs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schemapilot ask} against OpenAI and Anthropic as WireMock speaks them: multi-turn tool calling to a
 * submitted plan, streaming, retries, provider failures, bad tool calls and max turns, each through the whole
 * command (options, runtime, loop, tools, output, exit code). Real tools run behind the stubs (the plan comes from
 * the embedded PostgreSQL).
 */
class AskProviderTest {

    private static final String PLAN_ARGS = "{\"paths\":[\"" + AskFixtures.V9 + "\"],\"schema_file\":\"schema.sql\"}";
    private static final String SUBMIT_ARGS = "{\"use_last_plan\": true}";
    private static final String GPT = "openai:gpt-4.1";
    private static final String CLAUDE = "anthropic:claude-sonnet-4-5";

    private static WireMockServer wm;

    @TempDir
    Path tmp;

    private Path project;
    private Map<String, String> env;

    @BeforeAll
    static void server() {
        wm = ProviderStubs.server();
    }

    @BeforeEach
    void setUp() {
        wm.resetAll();
        project = AskFixtures.project(tmp.resolve("app"), null);
        env = AskFixtures.env(project, ProviderStubs.env(wm.baseUrl()));
    }

    /** Answers the requests to {@code endpoint} with {@code responses} in order; the last one repeats. */
    private static void sequence(Supplier<MappingBuilder> endpoint, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            ScenarioMappingBuilder m = endpoint.get().inScenario("conversation")
                    .whenScenarioStateIs(i == 0 ? STARTED : "turn" + (i + 1));
            if (i < responses.length - 1) {
                m = m.willSetStateTo("turn" + (i + 2));
            }
            wm.stubFor(m.willReturn(responses[i]));
        }
    }

    private static List<LoggedRequest> openAiRequests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
    }

    private static List<LoggedRequest> anthropicRequests() {
        return wm.findAll(postRequestedFor(urlPathEqualTo("/v1/messages")));
    }

    /** The {@code role: tool} messages of an OpenAI request body. */
    private static List<JsonNode> openAiToolMessages(LoggedRequest r) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : json(r.getBodyAsString()).path("messages")) {
            if ("tool".equals(m.path("role").asText())) {
                out.add(m);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ OpenAI

    @Test
    void openai_tool_calls_lead_to_a_submitted_plan() {
        wm.stubFor(ProviderStubs.openAiChat().atPriority(5)
                .willReturn(ProviderStubs.openAiToolCall("call_1", "plan_migration", PLAN_ARGS)));
        wm.stubFor(ProviderStubs.openAiChat().atPriority(1).withRequestBody(ProviderStubs.hasOpenAiToolResult("call_1"))
                .willReturn(ProviderStubs.openAiToolCall("call_2", "submit_plan", SUBMIT_ARGS)));

        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "json",
                "plan " + AskFixtures.V9 + " against schema.sql");

        assertEquals(0, r.exit(), describe(r));
        JsonNode out = json(r.out());
        assertEquals(List.of("plan_migration:true", "submit_plan:true"), toolCalls(out));
        JsonNode plan = out.path("plan");
        assertTrue(plan.isObject(), describe(r));
        assertFalse(plan.path("risk").path("overall").asText().isBlank(), "plan without risk: " + plan);
        assertTrue(plan.path("phases").isArray() && plan.path("phases").size() >= 1, "plan without phases: " + plan);
        // V9 is the safe SET NOT NULL recipe: the plan carries its changes and no finding
        assertTrue(plan.path("changes").toString().contains("SET NOT NULL"), plan.path("changes").toString());
        assertEquals(0, plan.path("findings").size(), plan.path("findings").toString());
        assertEquals(2 * ProviderStubs.INPUT_TOKENS, out.path("usage").path("input_tokens").asInt());
        assertEquals(2 * ProviderStubs.OUTPUT_TOKENS, out.path("usage").path("output_tokens").asInt());
        // gpt-4.1 is priced at 2 / 8 USD per million tokens in the built-in table
        assertEquals((2.0 * 2 * ProviderStubs.INPUT_TOKENS + 8.0 * 2 * ProviderStubs.OUTPUT_TOKENS) / 1e6,
                out.path("usage").path("cost_usd").asDouble(), 1e-12);
        assertEquals(GPT, out.path("model").asText());
        assertEquals(2, out.path("turns").asInt());
        assertEquals("success", out.path("subtype").asText());
        assertFalse(out.path("is_error").asBoolean());
        assertFalse(r.out().contains(ProviderStubs.OPENAI_KEY), "the key is in the output");

        List<LoggedRequest> requests = openAiRequests();
        assertEquals(2, requests.size());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + ProviderStubs.OPENAI_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4.1")))
                .withRequestBody(matchingJsonPath("$.tools[?(@.function.name == 'plan_migration')]")));
        // the second request carried the tool result of call_1: the plan, as the tool gave it
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool' && @.tool_call_id == 'call_1')]")));
        List<JsonNode> toolMessages = openAiToolMessages(requests.get(requests.size() - 1));
        assertEquals(1, toolMessages.size(), requests.get(requests.size() - 1).getBodyAsString());
        assertTrue(toolMessages.get(0).path("content").asText().contains("MigrationPlan"),
                toolMessages.get(0).toString());
    }

    @Test
    void openai_streaming_text_deltas_become_the_answer() {
        sequence(ProviderStubs::openAiChat,
                ProviderStubs.openAiSseToolCall("call_1", "plan_migration",
                        "{\"paths\":[\"migr", "ations/V9__users_phone_not_null.sql\"],", "\"schema_file\":\"schema.sql\"}"),
                ProviderStubs.openAiSse("The plan ", "is ready: ", "expand, then contract."));

        CliRunner.Run r = ask(project, env, "--model", GPT, "plan " + AskFixtures.V9);

        assertEquals(0, r.exit(), describe(r));
        assertEquals("The plan is ready: expand, then contract.", r.out().strip(), describe(r));
        assertTrue(r.err().contains("→ plan_migration") && r.err().contains("✓"), describe(r));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(ProviderStubs.isStreaming()));
        // the streamed tool call was put together from its chunks: the tool ran and its result went back
        List<JsonNode> toolMessages = openAiToolMessages(openAiRequests().get(1));
        assertEquals(1, toolMessages.size());
        assertTrue(toolMessages.get(0).path("content").asText().contains("MigrationPlan"), toolMessages.toString());
    }

    @Test
    void openai_streaming_deltas_are_stream_json_events() {
        sequence(ProviderStubs::openAiChat, ProviderStubs.openAiSse("Nothing ", "to plan."));

        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "stream-json", "hello");

        assertEquals(0, r.exit(), describe(r));
        List<JsonNode> events = lines(r.out());
        List<String> deltas = new ArrayList<>();
        for (JsonNode d : ofType(events, "assistant_delta")) {
            deltas.add(d.path("text").asText());
        }
        assertEquals(List.of("Nothing ", "to plan."), deltas);
        assertEquals("Nothing to plan.", ofType(events, "assistant").get(0).path("text").asText());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("result", last.path("type").asText());
        assertEquals("Nothing to plan.", last.path("answer").asText());
        assertEquals(ProviderStubs.INPUT_TOKENS, last.path("usage").path("input_tokens").asInt());
    }

    // ------------------------------------------------------------------------------------------ Anthropic

    @Test
    void anthropic_tool_use_and_tool_result_lead_to_a_submitted_plan() {
        sequence(ProviderStubs::anthropicMessages,
                ProviderStubs.anthropicToolUse("toolu_1", "plan_migration", PLAN_ARGS),
                ProviderStubs.anthropicToolUse("toolu_2", "submit_plan", SUBMIT_ARGS));

        CliRunner.Run r = ask(project, env, "--model", CLAUDE, "--format", "json", "plan " + AskFixtures.V9);

        assertEquals(0, r.exit(), describe(r));
        JsonNode out = json(r.out());
        assertEquals(List.of("plan_migration:true", "submit_plan:true"), toolCalls(out));
        assertTrue(out.path("plan").path("phases").size() >= 1, describe(r));
        assertEquals("Let me check.", out.path("answer").asText());
        assertEquals(CLAUDE, out.path("model").asText());
        assertEquals(2, out.path("turns").asInt());
        assertEquals(2 * ProviderStubs.INPUT_TOKENS, out.path("usage").path("input_tokens").asInt());
        assertEquals(2 * ProviderStubs.OUTPUT_TOKENS, out.path("usage").path("output_tokens").asInt());
        assertFalse(r.out().contains(ProviderStubs.ANTHROPIC_KEY));

        assertEquals(2, anthropicRequests().size());
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v1/messages"))
                .withHeader("x-api-key", equalTo(ProviderStubs.ANTHROPIC_KEY))
                .withRequestBody(matchingJsonPath("$.model", equalTo("claude-sonnet-4-5")))
                .withRequestBody(matchingJsonPath("$.tools[?(@.name == 'submit_plan')]")));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")).withRequestBody(matchingJsonPath(
                "$.messages[*].content[?(@.type == 'tool_result' && @.tool_use_id == 'toolu_1')]")));
    }

    @Test
    void anthropic_streaming_tool_use_then_text() {
        sequence(ProviderStubs::anthropicMessages,
                ProviderStubs.anthropicSseToolUse("toolu_1", "plan_migration",
                        "{\"paths\": [\"" + AskFixtures.V9 + "\"], ", "\"schema_file\": \"schema.sql\"}"),
                ProviderStubs.anthropicSse("Plan ", "made."));

        CliRunner.Run r = ask(project, env, "--model", CLAUDE, "--format", "stream-json", "plan " + AskFixtures.V9);

        assertEquals(0, r.exit(), describe(r));
        List<JsonNode> events = lines(r.out());
        List<JsonNode> results = ofType(events, "tool_result");
        assertEquals(1, results.size(), r.out());
        assertTrue(results.get(0).path("ok").asBoolean(), results.get(0).toString());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("Plan made.", last.path("answer").asText());
        assertEquals(List.of("plan_migration:true"), toolCalls(last));
        wm.verify(2, postRequestedFor(urlPathEqualTo("/v1/messages")).withRequestBody(ProviderStubs.isStreaming()));
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/messages")).withRequestBody(ProviderStubs.hasAnthropicToolResult()));
    }

    // ------------------------------------------------------------------------------------------ retries

    @Test
    void rate_limited_with_retry_after_is_retried_and_reported() {
        sequence(ProviderStubs::openAiChat, ProviderStubs.openAiRateLimited("1"), ProviderStubs.openAiSse("Fine."));

        long started = System.nanoTime();
        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "stream-json", "hello");
        long ms = (System.nanoTime() - started) / 1_000_000;

        assertEquals(0, r.exit(), describe(r));
        assertTrue(openAiRequests().size() >= 2, "requests: " + openAiRequests().size());
        List<JsonNode> retries = ofType(lines(r.out()), "retry");
        assertEquals(1, retries.size(), r.out());
        assertEquals(1000, retries.get(0).path("delay_ms").asLong(), retries.get(0).toString());
        assertTrue(retries.get(0).path("reason").asText().contains("429"), retries.get(0).toString());
        assertTrue(ms >= 1000, "Retry-After: 1 was not honoured: " + ms + " ms");
        JsonNode last = lines(r.out()).get(lines(r.out()).size() - 1);
        assertEquals("Fine.", last.path("answer").asText());
        assertFalse(last.path("is_error").asBoolean());
    }

    @Test
    void server_error_then_success_exits_0() {
        sequence(ProviderStubs::openAiChat, ProviderStubs.openAiError(500, "The server had an error"),
                ProviderStubs.openAiText("Recovered."));

        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "json", "hello");

        assertEquals(0, r.exit(), describe(r));
        assertEquals("Recovered.", json(r.out()).path("answer").asText());
        assertEquals(2, openAiRequests().size());
    }

    @Test
    void persistent_server_errors_exit_3_with_one_line() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiError(500, "The server had an error")));

        CliRunner.Run text = ask(project, env, "--model", GPT, "hello");

        assertEquals(3, text.exit(), describe(text));
        assertEquals(3, openAiRequests().size(), "retry.max_attempts is 3");
        assertTrue(text.noStackTrace(), describe(text));
        List<String> errorLines = text.err().lines().filter(l -> l.startsWith("ask:")).toList();
        assertEquals(1, errorLines.size(), describe(text));
        assertTrue(errorLines.get(0).contains("HTTP 500") && errorLines.get(0).contains("3 attempts"), errorLines.get(0));

        wm.resetRequests();
        CliRunner.Run js = ask(project, env, "--model", GPT, "--format", "json", "hello");

        assertEquals(3, js.exit(), describe(js));
        JsonNode out = json(js.out());
        assertTrue(out.path("is_error").asBoolean(), js.out());
        assertEquals("error_model", out.path("subtype").asText());
        assertTrue(out.path("answer").asText().contains("HTTP 500"), js.out());
        assertTrue(js.noStackTrace(), describe(js));
        assertEquals(1, js.err().lines().filter(l -> l.startsWith("ask:")).count(), describe(js));
    }

    @Test
    void anthropic_overloaded_until_the_retries_run_out_exits_3() {
        wm.stubFor(ProviderStubs.anthropicMessages().willReturn(ProviderStubs.anthropicOverloaded()));

        CliRunner.Run r = ask(project, env, "--model", CLAUDE, "--format", "json", "hello");

        assertEquals(3, r.exit(), describe(r));
        assertEquals(3, anthropicRequests().size());
        JsonNode out = json(r.out());
        assertTrue(out.path("is_error").asBoolean());
        assertTrue(out.path("answer").asText().contains("overloaded"), r.out());
        assertTrue(r.noStackTrace(), describe(r));
    }

    @Test
    void a_provider_slower_than_the_timeout_exits_3() {
        AskFixtures.project(tmp.resolve("slow"), "timeout: 500ms\nretry:\n  max_attempts: 1\n");
        Path slow = tmp.resolve("slow");
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiText("too late").withFixedDelay(6000)));

        long started = System.nanoTime();
        CliRunner.Run r = ask(slow, AskFixtures.env(slow, ProviderStubs.env(wm.baseUrl())), "--model", GPT,
                "--format", "json", "hello");
        long ms = (System.nanoTime() - started) / 1_000_000;

        assertEquals(3, r.exit(), describe(r));
        assertTrue(ms < 5000, "the 500 ms timeout was not applied: " + ms + " ms");
        JsonNode out = json(r.out());
        assertTrue(out.path("is_error").asBoolean());
        assertTrue(out.path("answer").asText().contains("no answer from openai"), r.out());
        assertTrue(r.noStackTrace(), describe(r));
    }

    // ------------------------------------------------------------------------------------------ auth

    @Test
    void a_rejected_key_exits_3_naming_the_variable_not_the_key() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiError(401,
                "Incorrect API key provided: " + ProviderStubs.OPENAI_KEY + ".")));

        CliRunner.Run text = ask(project, env, "--model", GPT, "hello");

        assertEquals(3, text.exit(), describe(text));
        assertEquals(1, openAiRequests().size(), "a 401 is not retried");
        assertTrue(text.err().contains("OPENAI_API_KEY"), describe(text));
        assertFalse(text.err().contains(ProviderStubs.OPENAI_KEY) || text.out().contains(ProviderStubs.OPENAI_KEY),
                describe(text));
        assertTrue(text.noStackTrace(), describe(text));

        CliRunner.Run js = ask(project, env, "--model", GPT, "--format", "json", "hello");
        assertEquals(3, js.exit(), describe(js));
        assertTrue(json(js.out()).path("answer").asText().contains("OPENAI_API_KEY"), js.out());
        assertFalse(js.out().contains(ProviderStubs.OPENAI_KEY) || js.err().contains(ProviderStubs.OPENAI_KEY));
    }

    @Test
    void anthropic_rejected_or_missing_key_exits_3() {
        wm.stubFor(ProviderStubs.anthropicMessages().willReturn(ProviderStubs.anthropicError(401,
                "authentication_error", "invalid x-api-key")));

        CliRunner.Run rejected = ask(project, env, "--model", CLAUDE, "hello");
        assertEquals(3, rejected.exit(), describe(rejected));
        assertTrue(rejected.err().contains("ANTHROPIC_API_KEY"), describe(rejected));
        assertFalse(rejected.err().contains(ProviderStubs.ANTHROPIC_KEY));

        wm.resetRequests();
        Map<String, String> noKey = new java.util.LinkedHashMap<>(env);
        noKey.remove("ANTHROPIC_API_KEY");
        CliRunner.Run missing = ask(project, noKey, "--model", CLAUDE, "hello");
        assertEquals(3, missing.exit(), describe(missing));
        assertTrue(missing.err().contains("ANTHROPIC_API_KEY"), describe(missing));
        assertTrue(missing.noStackTrace(), describe(missing));
        assertEquals(0, anthropicRequests().size(), "nothing is sent without a key");
    }

    // ------------------------------------------------------------------------------------------ bad tool calls

    @Test
    void malformed_tool_arguments_are_reported_to_the_model_and_the_run_goes_on() {
        sequence(ProviderStubs::openAiChat, ProviderStubs.openAiToolCall("call_1", "plan_migration", "{\"paths\": "),
                ProviderStubs.openAiText("My arguments were broken; here is what I know."));

        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "json", "plan " + AskFixtures.V9);

        assertEquals(0, r.exit(), describe(r));
        JsonNode out = json(r.out());
        assertEquals(List.of("plan_migration:false"), toolCalls(out));
        assertEquals("My arguments were broken; here is what I know.", out.path("answer").asText());
        assertTrue(out.path("plan").isNull());
        List<JsonNode> toolMessages = openAiToolMessages(openAiRequests().get(1));
        assertEquals(1, toolMessages.size());
        assertEquals("call_1", toolMessages.get(0).path("tool_call_id").asText());
        assertTrue(toolMessages.get(0).path("content").asText().contains("not valid JSON"), toolMessages.toString());
    }

    @Test
    void an_unknown_tool_gets_the_list_of_available_tools() {
        sequence(ProviderStubs::openAiChat, ProviderStubs.openAiToolCall("call_1", "drop_everything", "{}"),
                ProviderStubs.openAiToolCall("call_2", "plan_migration", PLAN_ARGS),
                ProviderStubs.openAiToolCall("call_3", "submit_plan", SUBMIT_ARGS));

        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "json", "plan " + AskFixtures.V9);

        assertEquals(0, r.exit(), describe(r));
        JsonNode out = json(r.out());
        assertEquals(List.of("drop_everything:false", "plan_migration:true", "submit_plan:true"), toolCalls(out));
        assertTrue(out.path("plan").isObject());
        String content = openAiToolMessages(openAiRequests().get(1)).get(0).path("content").asText();
        assertTrue(content.contains("unknown tool 'drop_everything'"), content);
        assertTrue(content.contains("available tools:") && content.contains("plan_migration")
                && content.contains("submit_plan"), content);
    }

    @Test
    void a_model_that_never_stops_calling_tools_stops_at_max_turns_with_exit_1() {
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiToolCall("call_1", "read_skill",
                "{\"name\": \"postgresql-locking\"}")));

        CliRunner.Run r = ask(project, env, "--model", GPT, "--format", "json", "--max-turns", "3", "loop");

        assertEquals(1, r.exit(), describe(r));
        JsonNode out = json(r.out());
        assertEquals("error_max_turns", out.path("subtype").asText());
        assertTrue(out.path("is_error").asBoolean());
        assertEquals(3, out.path("turns").asInt());
        assertEquals(List.of("read_skill:true", "read_skill:true", "read_skill:true"), toolCalls(out));
        assertEquals(3, openAiRequests().size());
        assertTrue(out.path("answer").asText().contains("--max-turns"), r.out());
        assertEquals(3 * ProviderStubs.INPUT_TOKENS, out.path("usage").path("input_tokens").asInt());

        wm.stubFor(ProviderStubs.openAiChat().atPriority(1).withRequestBody(ProviderStubs.isStreaming())
                .willReturn(ProviderStubs.openAiSseToolCall("call_1", "read_skill", "{\"name\": \"flyway\"}")));
        CliRunner.Run text = ask(project, env, "--model", GPT, "--max-turns", "2", "loop");
        assertEquals(1, text.exit(), describe(text));
        assertTrue(text.err().lines().anyMatch(l -> l.startsWith("ask: error max turns")), describe(text));
        assertTrue(text.noStackTrace());
    }

    @Test
    void a_server_that_does_not_stream_is_an_error_not_an_empty_answer() {
        // text output streams; this server ignores "stream": true and sends one JSON body
        wm.stubFor(ProviderStubs.openAiChat().willReturn(ProviderStubs.openAiText("a plain JSON answer")));

        CliRunner.Run r = ask(project, env, "--model", GPT, "hello");

        assertEquals(3, r.exit(), describe(r));
        assertTrue(r.err().contains("no stream events"), describe(r));
        assertTrue(r.noStackTrace(), describe(r));
    }

    @Test
    void schemapilot_model_in_the_environment_chooses_the_provider_model() {
        sequence(ProviderStubs::openAiChat, ProviderStubs.openAiText("From the env model."));
        Map<String, String> withModel = new java.util.LinkedHashMap<>(env);
        withModel.put("SCHEMAPILOT_MODEL", "openai:gpt-4.1-mini");

        CliRunner.Run r = ask(project, withModel, "--format", "json", "hello");

        assertEquals(0, r.exit(), describe(r));
        assertEquals("openai:gpt-4.1-mini", json(r.out()).path("model").asText());
        wm.verify(1, postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4.1-mini"))));
        assertNotNull(json(r.out()).get("usage"));
    }
}
