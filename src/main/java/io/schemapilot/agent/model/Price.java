package io.schemapilot.agent.model;

/**
 * What a model costs, in US dollars per million tokens.
 *
 * @param inputPerMillion  USD per million input (prompt) tokens
 * @param outputPerMillion USD per million output (completion) tokens
 */
public record Price(double inputPerMillion, double outputPerMillion) {

    /** A model that costs nothing (offline, a local Ollama). */
    public static final Price FREE = new Price(0, 0);

    public Price {
        if (inputPerMillion < 0 || outputPerMillion < 0 || Double.isNaN(inputPerMillion)
                || Double.isNaN(outputPerMillion)) {
            throw new IllegalArgumentException("a price must be a number of USD per million tokens, at least 0");
        }
    }

    /** The cost in USD of {@code inputTokens} in and {@code outputTokens} out. */
    public double cost(long inputTokens, long outputTokens) {
        return (inputTokens * inputPerMillion + outputTokens * outputPerMillion) / 1_000_000.0;
    }
}
