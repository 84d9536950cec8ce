package io.schemapilot.agent.persona;

import java.util.Map;

/**
 * One step of a persona's {@code procedure}: the tool the offline model calls next, with optional settings
 * written as {@code - tool: {key: value}} in the front matter (the offline model decides what they mean).
 */
public record ProcedureStep(String tool, Map<String, String> options) {
    public ProcedureStep {
        options = Map.copyOf(options);
    }

    public static ProcedureStep of(String tool) {
        return new ProcedureStep(tool, Map.of());
    }

    @Override
    public String toString() {
        return options.isEmpty() ? tool : tool + " " + options;
    }
}
