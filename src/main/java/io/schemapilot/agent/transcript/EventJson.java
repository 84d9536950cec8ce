package io.schemapilot.agent.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.loop.AgentEvent;

import java.time.Duration;

/**
 * The JSON form of an {@link AgentEvent}, as a transcript line (without {@code ts}) or a {@code stream-json} line:
 * {@code {"type": event.type(), ...fields}} with snake_case field names. {@link #fromJson} reads it back.
 *
 * <pre>
 * user          text
 * assistant     text
 * tool_call     id, name, arguments (the raw JSON text the model sent)
 * tool_result   id, name, ok, text, data (JSON or null)
 * confirmation  tool, action, target, kind, approved, how
 * usage         input_tokens, output_tokens, total_input_tokens, total_output_tokens, cost_usd (or null)
 * retry         attempt, delay_ms, reason
 * error         kind, message
 * plan          plan (the MigrationPlan JSON)
 * </pre>
 * {@code assistant_delta} has the form {@code {"type": "assistant_delta", "text": ...}} but is never written to a
 * transcript.
 */
public final class EventJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private EventJson() {
    }

    /** The event as an object whose first field is {@code type}; strings go through {@code redactor} (may be null). */
    public static ObjectNode toJson(AgentEvent event, Redactor redactor) {
        ObjectNode o = F.objectNode();
        o.put("type", event.type());
        addFields(o, event, redactor == null ? Redactor.standard() : redactor);
        return o;
    }

    /** Adds the fields of {@code event} (not its type) to {@code o}. */
    static void addFields(ObjectNode o, AgentEvent event, Redactor r) {
        if (event instanceof AgentEvent.User e) {
            o.put("text", r.redact(e.text()));
        } else if (event instanceof AgentEvent.Assistant e) {
            o.put("text", r.redact(e.text()));
        } else if (event instanceof AgentEvent.AssistantDelta e) {
            o.put("text", r.redact(e.text()));
        } else if (event instanceof AgentEvent.ToolCall e) {
            o.put("id", r.redact(e.id()));
            o.put("name", r.redact(e.name()));
            o.put("arguments", r.redact(e.arguments()));
        } else if (event instanceof AgentEvent.ToolResult e) {
            o.put("id", r.redact(e.id()));
            o.put("name", r.redact(e.name()));
            o.put("ok", e.ok());
            o.put("text", r.redact(e.text()));
            o.set("data", e.data() == null ? F.nullNode() : r.redact(e.data()));
        } else if (event instanceof AgentEvent.Confirmation e) {
            o.put("tool", r.redact(e.tool()));
            o.put("action", r.redact(e.action()));
            o.put("target", r.redact(e.target()));
            o.put("kind", r.redact(e.kind()));
            o.put("approved", e.approved());
            o.put("how", r.redact(e.how()));
        } else if (event instanceof AgentEvent.Usage e) {
            o.put("input_tokens", e.inputTokens());
            o.put("output_tokens", e.outputTokens());
            o.put("total_input_tokens", e.totalInputTokens());
            o.put("total_output_tokens", e.totalOutputTokens());
            if (e.costUsd() == null) {
                o.putNull("cost_usd");
            } else {
                o.put("cost_usd", e.costUsd());
            }
        } else if (event instanceof AgentEvent.Retry e) {
            o.put("attempt", e.attempt());
            o.put("delay_ms", e.delay() == null ? 0 : e.delay().toMillis());
            o.put("reason", r.redact(e.reason()));
        } else if (event instanceof AgentEvent.Error e) {
            o.put("kind", r.redact(e.kind()));
            o.put("message", r.redact(e.message()));
        } else if (event instanceof AgentEvent.PlanSubmitted e) {
            o.set("plan", e.plan() == null ? F.nullNode() : r.redact(e.plan()));
        } else {
            throw new IllegalArgumentException("unknown event " + event.getClass().getName());
        }
    }

    /**
     * The event of a line, or null when its {@code type} is not an event type (the session header, a resume marker
     * or a type written by a later version).
     *
     * @throws IllegalArgumentException when a field has the wrong JSON type
     */
    public static AgentEvent fromJson(JsonNode o) {
        String type = text(o, "type");
        if (type == null) {
            return null;
        }
        switch (type) {
            case "user":
                return new AgentEvent.User(orEmpty(text(o, "text")));
            case "assistant":
                return new AgentEvent.Assistant(orEmpty(text(o, "text")));
            case "assistant_delta":
                return new AgentEvent.AssistantDelta(orEmpty(text(o, "text")));
            case "tool_call":
                return new AgentEvent.ToolCall(text(o, "id"), text(o, "name"), text(o, "arguments"));
            case "tool_result": {
                JsonNode data = o.get("data");
                return new AgentEvent.ToolResult(text(o, "id"), text(o, "name"), bool(o, "ok"),
                        orEmpty(text(o, "text")), data == null || data.isNull() ? null : data);
            }
            case "confirmation":
                return new AgentEvent.Confirmation(text(o, "tool"), text(o, "action"), text(o, "target"),
                        text(o, "kind"), bool(o, "approved"), text(o, "how"));
            case "usage": {
                JsonNode cost = o.get("cost_usd");
                return new AgentEvent.Usage(number(o, "input_tokens"), number(o, "output_tokens"),
                        number(o, "total_input_tokens"), number(o, "total_output_tokens"),
                        cost == null || cost.isNull() ? null : cost.asDouble());
            }
            case "retry":
                return new AgentEvent.Retry((int) number(o, "attempt"), Duration.ofMillis(number(o, "delay_ms")),
                        text(o, "reason"));
            case "error":
                return new AgentEvent.Error(text(o, "kind"), text(o, "message"));
            case "plan": {
                JsonNode plan = o.get("plan");
                return new AgentEvent.PlanSubmitted(plan == null || plan.isNull() ? null : plan);
            }
            default:
                return null;
        }
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new IllegalArgumentException("field '" + field + "' is not a string");
        }
        return v.asText();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field '" + field + "' is not true or false");
        }
        return v.booleanValue();
    }

    private static long number(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("field '" + field + "' is not a number");
        }
        return v.asLong();
    }
}
