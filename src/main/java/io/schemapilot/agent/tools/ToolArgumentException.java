package io.schemapilot.agent.tools;

import java.util.List;

/** Arguments a tool call cannot be run with; the message names every problem, so a model can correct its call. */
public final class ToolArgumentException extends Exception {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ToolArgumentException(String tool, List<String> problems) {
        super("invalid arguments for " + tool + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
