package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;

/**
 * What one tool call came to, for the loop: whether it worked, the text the model reads (capped), the structured
 * result, and — for write and destructive tools — what the confirmation gate was asked and how it decided. The loop
 * turns it into {@code AgentEvent.Confirmation} (when {@link #confirmation()} is set) followed by
 * {@code AgentEvent.ToolResult(callId, tool, ok, text, data)}; a successful {@code submit_plan} ({@link #terminal()})
 * ends the run with {@code AgentEvent.PlanSubmitted(data)}.
 *
 * @param callId       the model's id for the call (echoed back with the result)
 * @param tool         the tool name as resolved (a Claude Code alias such as {@code Read} resolves to {@code read_file})
 * @param ok           the tool ran and did its job; false for refused, denied, invalid or failed calls
 * @param text         what goes back to the model: the result (capped to {@code maxResultChars}) or one line
 *                     saying what went wrong and what to do
 * @param data         the structured result (findings, the MigrationPlan, rows, ...), or null
 * @param confirmation the gate's question and answer when one was asked, else null
 * @param fullResult   where the whole result was saved when {@code text} was cut, else null
 */
public record ToolOutcome(String callId, String tool, boolean ok, String text, JsonNode data,
                          Confirmation confirmation, Path fullResult) {

    /** The name of the terminal tool. */
    public static final String SUBMIT_PLAN = "submit_plan";

    public ToolOutcome {
        text = text == null ? "" : text;
    }

    /**
     * The confirmation gate's question and answer, shaped like {@code AgentEvent.Confirmation}.
     *
     * @param kind {@code write} or {@code destructive}
     * @param how  how it was decided ("--confirm NAME", "--yes", "typed the target's name", "not confirmed: ...")
     */
    public record Confirmation(String action, String target, String kind, boolean approved, String how) {
    }

    static ToolOutcome failure(String callId, String tool, String message) {
        return new ToolOutcome(callId, tool, false, message, null, null, null);
    }

    /** A valid plan was submitted: the run is over and {@link #data()} is the MigrationPlan JSON. */
    public boolean terminal() {
        return ok && SUBMIT_PLAN.equals(tool);
    }

    /** Whether the gate was asked and said no. */
    public boolean denied() {
        return confirmation != null && !confirmation.approved();
    }
}
