package io.schemapilot.agent.tools;

/** A tool call that did not work; its message (one line, no secrets) is what the model is told. */
public final class ToolFailure extends Exception {
    public ToolFailure(String message) {
        super(message);
    }

    public ToolFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
