package io.schemapilot.agent.loop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * How a run ended.
 *
 * @param subtype   {@code success}, {@code error_max_turns}, {@code error_model}, {@code cancelled}
 * @param answer    the assistant's last text (or the error message)
 * @param plan      the MigrationPlan passed to {@code submit_plan}, or null
 * @param toolCalls every tool call of the run, in order
 * @param turns     model calls made
 * @param exitCode  what a one-shot run exits with: 0 success, 1 max turns, 3 model unreachable/auth, 130 cancelled
 */
public record RunResult(String subtype, String answer, JsonNode plan, List<ToolCallRecord> toolCalls, int turns,
                        long inputTokens, long outputTokens, Double costUsd, String model, int exitCode) {

    public RunResult {
        toolCalls = List.copyOf(toolCalls);
    }

    public boolean ok() {
        return "success".equals(subtype);
    }

    /** One tool call: its name and whether it worked. */
    public record ToolCallRecord(String id, String name, boolean ok) {
    }
}
