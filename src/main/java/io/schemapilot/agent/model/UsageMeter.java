package io.schemapilot.agent.model;

import dev.langchain4j.model.output.TokenUsage;

/**
 * Counts the tokens of a run, call by call, and what they cost. Each call is priced with its own model's
 * {@link Price} from the {@link PriceTable}; the run's cost is null as soon as one call with tokens used a model
 * whose price is unknown (a partial sum would understate it). Thread-safe.
 */
public final class UsageMeter {

    /**
     * One call's tokens and the run's totals after it: the shape of the loop's {@code usage} event.
     *
     * @param model             the model of the call
     * @param inputTokens       the call's input tokens
     * @param outputTokens      the call's output tokens
     * @param totalInputTokens  the run's input tokens so far
     * @param totalOutputTokens the run's output tokens so far
     * @param callCostUsd       the call's cost, or null when its model's price is unknown
     * @param totalCostUsd      the run's cost so far, or null when not known
     */
    public record Update(ModelSpec model, long inputTokens, long outputTokens, long totalInputTokens,
                         long totalOutputTokens, Double callCostUsd, Double totalCostUsd) {
    }

    /**
     * A run's totals.
     *
     * @param calls        the model calls counted
     * @param inputTokens  input tokens
     * @param outputTokens output tokens
     * @param costUsd      the cost, or null when not known
     */
    public record Totals(int calls, long inputTokens, long outputTokens, Double costUsd) {
        public long totalTokens() {
            return inputTokens + outputTokens;
        }
    }

    private final PriceTable prices;
    private int calls;
    private long input;
    private long output;
    private double cost;
    private boolean costKnown = true;

    public UsageMeter(PriceTable prices) {
        this.prices = prices == null ? PriceTable.builtInTable() : prices;
    }

    /** Adds one call's usage ({@code usage} may be null or have null counts: they count as 0). */
    public synchronized Update record(ModelSpec model, TokenUsage usage) {
        long in = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long out = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        calls++;
        input += in;
        output += out;
        Price price = prices.priceFor(model);
        Double callCost = null;
        if (price != null) {
            callCost = price.cost(in, out);
            cost += callCost;
        } else if (in > 0 || out > 0) {
            costKnown = false;
        }
        return new Update(model, in, out, input, output, callCost, costKnown ? cost : null);
    }

    public synchronized Totals totals() {
        return new Totals(calls, input, output, costKnown ? cost : null);
    }

    public PriceTable prices() {
        return prices;
    }
}
