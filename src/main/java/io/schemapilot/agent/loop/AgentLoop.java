package io.schemapilot.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * Our agent loop (not LangChain4j's AiServices): ask the model, run the tools it asks for through
 * {@link AgentTools} (where the permission gate sits), feed the results back, until it answers without a tool
 * call, calls {@code submit_plan} with a valid plan, runs out of turns, fails, or is cancelled. An event goes to
 * the listener after every message, so a transcript is complete up to the moment a run stops.
 */
public final class AgentLoop {

    /** The terminal tool: a valid call ends the run with its plan. */
    public static final String SUBMIT_PLAN = "submit_plan";

    private final ModelCaller model;
    private final AgentTools tools;
    private final int maxTurns;

    public AgentLoop(ModelCaller model, AgentTools tools, int maxTurns) {
        if (maxTurns < 1) {
            throw new IllegalArgumentException("--max-turns must be at least 1");
        }
        this.model = model;
        this.tools = tools;
        this.maxTurns = maxTurns;
    }

    /**
     * Runs one user message to its end.
     *
     * @param conversation the messages so far, system message first; the run appends to it
     */
    public RunResult run(List<ChatMessage> conversation, String userText, AgentListener events, CancelToken cancel) {
        conversation.add(UserMessage.from(userText));
        events.onEvent(new AgentEvent.User(userText));
        List<RunResult.ToolCallRecord> calls = new ArrayList<>();
        long in = 0;
        long out = 0;
        String lastText = "";
        for (int turn = 1; turn <= maxTurns; turn++) {
            if (cancel.isCancelled()) {
                return cancelled(events, calls, turn - 1, in, out);
            }
            ChatRequest request = ChatRequest.builder().messages(conversation)
                    .toolSpecifications(tools.specifications()).build();
            ChatResponse response;
            try {
                response = model.call(request, events, cancel);
            } catch (ModelCallException e) {
                if ("cancelled".equals(e.kind()) || cancel.isCancelled()) {
                    return cancelled(events, calls, turn - 1, in, out);
                }
                events.onEvent(new AgentEvent.Error(e.kind(), e.getMessage()));
                return new RunResult("error_model", e.getMessage(), null, calls, turn, in, out, model.cost(in, out),
                        model.label(), e.exitCode());
            }
            TokenUsage usage = response.tokenUsage();
            long callIn = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            long callOut = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
            in += callIn;
            out += callOut;
            events.onEvent(new AgentEvent.Usage(callIn, callOut, in, out, model.cost(in, out)));

            AiMessage ai = response.aiMessage();
            conversation.add(ai);
            String text = ai.text() == null ? "" : ai.text();
            if (!text.isBlank() || !ai.hasToolExecutionRequests()) {
                events.onEvent(new AgentEvent.Assistant(text));
            }
            if (!text.isBlank()) {
                lastText = text;
            }
            if (!ai.hasToolExecutionRequests()) {
                return new RunResult("success", text, null, calls, turn, in, out, model.cost(in, out), model.label(), 0);
            }
            JsonNode plan = null;
            for (ToolExecutionRequest call : ai.toolExecutionRequests()) {
                String id = call.id() == null ? "call_" + turn + "_" + calls.size() : call.id();
                events.onEvent(new AgentEvent.ToolCall(id, call.name(), call.arguments()));
                AgentTools.Outcome outcome;
                if (cancel.isCancelled()) {
                    outcome = AgentTools.Outcome.error("cancelled by the user before it ran");
                } else {
                    outcome = tools.call(id, call.name(), call.arguments());
                }
                if (outcome.confirmation() != null) {
                    events.onEvent(outcome.confirmation());
                }
                events.onEvent(new AgentEvent.ToolResult(id, call.name(), outcome.ok(), outcome.text(), outcome.data()));
                conversation.add(ToolExecutionResultMessage.from(call, outcome.text()));
                calls.add(new RunResult.ToolCallRecord(id, call.name(), outcome.ok()));
                if (SUBMIT_PLAN.equals(call.name()) && outcome.ok() && outcome.data() != null) {
                    plan = outcome.data();
                    events.onEvent(new AgentEvent.PlanSubmitted(plan));
                }
            }
            if (plan != null) {
                String answer = lastText.isBlank() ? "The migration plan was submitted." : lastText;
                return new RunResult("success", answer, plan, calls, turn, in, out, model.cost(in, out), model.label(), 0);
            }
        }
        String msg = "stopped after " + maxTurns + " turns without a final answer (raise --max-turns, or ask a"
                + " narrower question)";
        events.onEvent(new AgentEvent.Error("max_turns", msg));
        return new RunResult("error_max_turns", msg, null, calls, maxTurns, in, out, model.cost(in, out),
                model.label(), 1);
    }

    private RunResult cancelled(AgentListener events, List<RunResult.ToolCallRecord> calls, int turns, long in, long out) {
        String msg = "cancelled by the user";
        events.onEvent(new AgentEvent.Error("cancelled", msg));
        return new RunResult("cancelled", msg, null, calls, turns, in, out, model.cost(in, out), model.label(), 130);
    }
}
