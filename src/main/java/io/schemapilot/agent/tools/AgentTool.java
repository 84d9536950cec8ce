package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * A tool the agent can call: a thin adapter over a service (the Java tools) or an external command from a
 * {@code tools/*.yaml} manifest. A tool never prints; it returns a {@link ToolResult} or throws a
 * {@link ToolFailure} whose one-line message goes back to the model. Tools whose {@link #effect()} is not
 * {@link Effect#READ} pass the confirmation gate ({@link ToolContext#gate()}) before they change anything.
 */
public interface AgentTool {

    /** The name the model calls it by: lower-case letters, digits and underscores. */
    String name();

    /** What it does and when to call it, for the model. */
    String description();

    /** The JSON Schema of its arguments (an object). */
    JsonObjectSchema parameters();

    Effect effect();

    /**
     * Runs the tool.
     *
     * @param arguments the call's arguments, already parsed (an object node; missing optional ones absent)
     * @throws ToolFailure for anything the model should be told (bad arguments, a refused query, a failed check)
     */
    ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure;

    default ToolSpecification specification() {
        return ToolSpecification.builder().name(name()).description(description()).parameters(parameters()).build();
    }
}
