package io.schemapilot.agent.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The loop's contract with a scripted model: events in order, terminal submit_plan, max turns, cancel. */
class AgentLoopTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A ChatModel that answers each request with the next scripted message (it sees the real request). */
    static ChatModel scripted(List<Function<ChatRequest, AiMessage>> turns) {
        AtomicInteger n = new AtomicInteger();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                AiMessage ai = turns.get(Math.min(n.getAndIncrement(), turns.size() - 1)).apply(request);
                return ChatResponse.builder().aiMessage(ai).tokenUsage(new TokenUsage(100, 20)).build();
            }
        };
    }

    /** Tools that echo: "ping" answers "pong", submit_plan accepts an object with a "risk" field. */
    static final class EchoTools implements AgentTools {
        final List<String> called = new ArrayList<>();

        @Override
        public List<ToolSpecification> specifications() {
            return List.of(
                    ToolSpecification.builder().name("ping").description("answers pong")
                            .parameters(JsonObjectSchema.builder().build()).build(),
                    ToolSpecification.builder().name("submit_plan").description("the plan")
                            .parameters(JsonObjectSchema.builder().addStringProperty("risk").build()).build());
        }

        @Override
        public Outcome call(String id, String name, String argumentsJson) {
            called.add(name);
            try {
                if (name.equals("ping")) {
                    return new Outcome(true, "pong", null, null);
                }
                if (name.equals("submit_plan")) {
                    var node = JSON.readTree(argumentsJson);
                    return node.has("risk") ? new Outcome(true, "accepted", node, null)
                            : Outcome.error("invalid plan: risk is missing");
                }
            } catch (Exception e) {
                return Outcome.error("bad arguments: " + e.getMessage());
            }
            return Outcome.error("unknown tool " + name);
        }
    }

    private static AiMessage call(String id, String name, String args) {
        return AiMessage.from(List.of(ToolExecutionRequest.builder().id(id).name(name).arguments(args).build()));
    }

    private static List<ChatMessage> conversation() {
        List<ChatMessage> c = new ArrayList<>();
        c.add(SystemMessage.from("system"));
        return c;
    }

    @Test
    void toolCallsThenAnswerEmitEventsInOrder() {
        EchoTools tools = new EchoTools();
        List<String> seen = new ArrayList<>();
        ChatModel model = scripted(List.of(
                r -> call("c1", "ping", "{}"),
                r -> {
                    // the second request carries the tool result
                    ChatMessage last = r.messages().get(r.messages().size() - 1);
                    assertTrue(last instanceof ToolExecutionResultMessage);
                    assertEquals("pong", ((ToolExecutionResultMessage) last).text());
                    return AiMessage.from("done: pong");
                }));
        RunResult r = new AgentLoop(new DirectModelCaller(model, "scripted"), tools, 5)
                .run(conversation(), "hello", e -> seen.add(e.type()), new CancelToken());
        assertEquals("success", r.subtype());
        assertEquals("done: pong", r.answer());
        assertEquals(2, r.turns());
        assertEquals(200, r.inputTokens());
        assertEquals(40, r.outputTokens());
        assertEquals(List.of("user", "usage", "tool_call", "tool_result", "usage", "assistant"), seen);
        assertNull(r.plan());
        assertEquals(0, r.exitCode());
    }

    @Test
    void validSubmitPlanEndsTheRunWithThePlan() {
        EchoTools tools = new EchoTools();
        ChatModel model = scripted(List.of(
                r -> call("c1", "submit_plan", "{\"risk\":\"high\"}"),
                r -> AiMessage.from("should never be asked")));
        List<AgentEvent> events = new ArrayList<>();
        RunResult r = new AgentLoop(new DirectModelCaller(model, "scripted"), tools, 5)
                .run(conversation(), "plan it", events::add, new CancelToken());
        assertTrue(r.ok());
        assertNotNull(r.plan());
        assertEquals("high", r.plan().get("risk").asText());
        assertEquals(1, r.turns());
        assertTrue(events.stream().anyMatch(e -> e instanceof AgentEvent.PlanSubmitted));
    }

    @Test
    void invalidSubmitPlanIsReportedBackAndTheModelCanFixIt() {
        EchoTools tools = new EchoTools();
        ChatModel model = scripted(List.of(
                r -> call("c1", "submit_plan", "{}"),
                r -> {
                    String text = ((ToolExecutionResultMessage) r.messages().get(r.messages().size() - 1)).text();
                    assertTrue(text.contains("risk is missing"), text);
                    return call("c2", "submit_plan", "{\"risk\":\"low\"}");
                }));
        RunResult r = new AgentLoop(new DirectModelCaller(model, "scripted"), tools, 5)
                .run(conversation(), "plan it", AgentListener.none(), new CancelToken());
        assertTrue(r.ok());
        assertEquals("low", r.plan().get("risk").asText());
        assertEquals(List.of(false, true), r.toolCalls().stream().map(RunResult.ToolCallRecord::ok).toList());
    }

    @Test
    void maxTurnsStopsALoopingModel() {
        EchoTools tools = new EchoTools();
        ChatModel model = scripted(List.of(r -> call("c" + r.messages().size(), "ping", "{}")));
        List<AgentEvent> events = new ArrayList<>();
        RunResult r = new AgentLoop(new DirectModelCaller(model, "scripted"), tools, 3)
                .run(conversation(), "loop", events::add, new CancelToken());
        assertEquals("error_max_turns", r.subtype());
        assertEquals(1, r.exitCode());
        assertEquals(3, tools.called.size());
        AgentEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof AgentEvent.Error e && e.kind().equals("max_turns"));
    }

    @Test
    void cancelBeforeTheNextTurnStops() {
        EchoTools tools = new EchoTools();
        CancelToken cancel = new CancelToken();
        ChatModel model = scripted(List.of(r -> {
            cancel.cancel();
            return call("c1", "ping", "{}");
        }));
        RunResult r = new AgentLoop(new DirectModelCaller(model, "scripted"), tools, 10)
                .run(conversation(), "go", AgentListener.none(), cancel);
        assertEquals("cancelled", r.subtype());
        assertEquals(130, r.exitCode());
        assertTrue(tools.called.isEmpty(), "a cancelled run runs no further tool: " + tools.called);
        assertFalse(r.ok());
    }

    @Test
    void modelFailureEndsWithItsExitCode() {
        ModelCaller failing = new ModelCaller() {
            @Override
            public ChatResponse call(ChatRequest request, AgentListener events, CancelToken cancel) throws ModelCallException {
                throw new ModelCallException("auth", "the API key was rejected (401); check OPENAI_API_KEY", 3, null);
            }

            @Override
            public String label() {
                return "openai:test";
            }
        };
        List<AgentEvent> events = new ArrayList<>();
        RunResult r = new AgentLoop(failing, new EchoTools(), 5).run(conversation(), "x", events::add, new CancelToken());
        assertEquals("error_model", r.subtype());
        assertEquals(3, r.exitCode());
        assertTrue(events.stream().anyMatch(e -> e instanceof AgentEvent.Error err && err.kind().equals("auth")));
    }
}
