package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a tool returns.
 *
 * @param text what the model reads (the registry caps it, see {@link ToolRegistry#cap}); plain text or JSON text
 * @param data the structured result (e.g. the findings or the MigrationPlan as JSON) for the offline model, the
 *             transcript and {@code ask --format json}; may be null
 */
public record ToolResult(String text, JsonNode data) {
    public ToolResult {
        text = text == null ? "" : text;
    }

    public static ToolResult text(String text) {
        return new ToolResult(text, null);
    }

    /** A result whose text is the data's JSON. */
    public static ToolResult json(JsonNode data) {
        return new ToolResult(data.toString(), data);
    }
}
