package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemapilot.apply.ConfirmationGate;

/**
 * A write or destructive tool that can say, before it runs, what exactly it will do and which name confirms it.
 * {@link ToolRegistry} asks the {@link ConfirmationGate} with this request before calling the tool; a tool with a
 * {@link Effect#WRITE} or {@link Effect#DESTRUCTIVE} effect that does not implement it is confirmed by its own name,
 * its action being the call's arguments.
 */
public interface GatedTool extends AgentTool {

    /**
     * The gate request for a call: the rendered action (one line) and the confirmation target (the database name,
     * the app id, the directory). Nothing may run or change here.
     *
     * @param arguments the call's arguments (an object node), already checked against {@link #parameters()}
     * @throws ToolFailure when the arguments cannot be rendered (the call is refused before the gate is asked)
     */
    ConfirmationGate.Request confirmation(JsonNode arguments, ToolContext context) throws ToolFailure;
}
