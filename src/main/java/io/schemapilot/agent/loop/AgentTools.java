package io.schemapilot.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import java.util.List;

/**
 * The tools a run offers the model, as the loop sees them: their specifications, and one call at a time. The
 * implementation (the tool registry behind the permission gate) never throws for a model's mistake — a bad call
 * is an outcome with {@code ok=false} and a message the model can act on.
 */
public interface AgentTools {

    List<ToolSpecification> specifications();

    Outcome call(String id, String name, String argumentsJson);

    /**
     * @param text         what the model reads (capped)
     * @param data         the structured result, or null
     * @param confirmation the gate's decision when the call needed one, else null
     */
    record Outcome(boolean ok, String text, JsonNode data, AgentEvent.Confirmation confirmation) {
        public Outcome {
            text = text == null || text.isEmpty() ? (ok ? "(no output)" : "error") : text;
        }

        public static Outcome error(String message) {
            return new Outcome(false, message, null, null);
        }
    }
}
