package io.schemapilot.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * What happens in an agent run, in order. The loop emits one event after every message, so a transcript, the
 * {@code stream-json} output, the chat screen and the tests all see the same sequence. {@link #type()} is the
 * transcript's {@code type} field.
 */
public sealed interface AgentEvent {

    String type();

    /** The user's message. */
    record User(String text) implements AgentEvent {
        public String type() {
            return "user";
        }
    }

    /** A piece of the assistant's answer while it streams (not written to transcripts; {@link Assistant} follows). */
    record AssistantDelta(String text) implements AgentEvent {
        public String type() {
            return "assistant_delta";
        }
    }

    /** The assistant's complete message text (may be empty when it only calls tools). */
    record Assistant(String text) implements AgentEvent {
        public String type() {
            return "assistant";
        }
    }

    /** The model asked to call a tool; {@code arguments} is the raw JSON it sent. */
    record ToolCall(String id, String name, String arguments) implements AgentEvent {
        public String type() {
            return "tool_call";
        }
    }

    /**
     * A tool's answer.
     *
     * @param text what the model was given (capped)
     * @param data the structured result, or null
     */
    record ToolResult(String id, String name, boolean ok, String text, JsonNode data) implements AgentEvent {
        public String type() {
            return "tool_result";
        }
    }

    /** The confirmation gate was asked; {@code how} says how it decided. */
    record Confirmation(String tool, String action, String target, String kind, boolean approved, String how)
            implements AgentEvent {
        public String type() {
            return "confirmation";
        }
    }

    /**
     * Tokens of one model call and of the run so far.
     *
     * @param costUsd the run's cost so far when the model's price is known, else null
     */
    record Usage(long inputTokens, long outputTokens, long totalInputTokens, long totalOutputTokens, Double costUsd)
            implements AgentEvent {
        public String type() {
            return "usage";
        }
    }

    /** The provider failed and the call is retried after {@code delay}. */
    record Retry(int attempt, Duration delay, String reason) implements AgentEvent {
        public String type() {
            return "retry";
        }
    }

    /** Something went wrong; {@code kind}: provider, auth, timeout, max_turns, cancelled, tool, internal. */
    record Error(String kind, String message) implements AgentEvent {
        public String type() {
            return "error";
        }
    }

    /** {@code submit_plan} was called with a valid MigrationPlan. */
    record PlanSubmitted(JsonNode plan) implements AgentEvent {
        public String type() {
            return "plan";
        }
    }
}
