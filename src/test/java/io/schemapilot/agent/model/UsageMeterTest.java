package io.schemapilot.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.langchain4j.model.output.TokenUsage;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UsageMeterTest {

    private static final ModelSpec SONNET = ModelSpec.parse("anthropic:claude-sonnet-4-5");

    @Test
    void sums_calls_and_prices_them() {
        UsageMeter meter = new UsageMeter(PriceTable.builtInTable());

        UsageMeter.Update first = meter.record(SONNET, new TokenUsage(1_000, 200));
        UsageMeter.Update second = meter.record(SONNET, new TokenUsage(3_000, 800));

        assertEquals(1_000, first.inputTokens());
        assertEquals(0.006, first.callCostUsd(), 1e-9); // 1000 * 3/1M + 200 * 15/1M
        assertEquals(3_000, second.inputTokens());
        assertEquals(4_000, second.totalInputTokens());
        assertEquals(1_000, second.totalOutputTokens());
        assertEquals(0.027, second.totalCostUsd(), 1e-9); // 4000 * 3/1M + 1000 * 15/1M
        UsageMeter.Totals t = meter.totals();
        assertEquals(2, t.calls());
        assertEquals(5_000, t.totalTokens());
        assertEquals(0.027, t.costUsd(), 1e-9);
    }

    @Test
    void an_unknown_price_makes_the_cost_unknown_but_tokens_still_count() {
        UsageMeter meter = new UsageMeter(PriceTable.builtInTable());
        meter.record(SONNET, new TokenUsage(100, 10));

        UsageMeter.Update u = meter.record(ModelSpec.parse("openai:my-own-model"), new TokenUsage(50, 5));

        assertNull(u.callCostUsd());
        assertNull(u.totalCostUsd());
        assertEquals(150, u.totalInputTokens());
        assertNull(meter.totals().costUsd());
    }

    @Test
    void missing_usage_counts_as_zero_and_local_models_are_free() {
        UsageMeter meter = new UsageMeter(PriceTable.builtInTable());
        meter.record(ModelSpec.OFFLINE, new TokenUsage(0, 0));
        UsageMeter.Update u = meter.record(ModelSpec.parse("ollama:llama3.1"), null);
        assertEquals(0, u.totalInputTokens());
        assertEquals(0.0, u.totalCostUsd());
        assertEquals(2, meter.totals().calls());
    }

    @Test
    void dated_snapshots_and_config_prices() {
        PriceTable table = PriceTable.withOverrides(Map.of("gpt-4o", new Price(5, 20), "openai:mine", new Price(1, 1)));
        assertEquals(new Price(3, 15), table.priceFor(ModelSpec.parse("anthropic:claude-sonnet-4-5-20250929")));
        assertEquals(new Price(5, 20), table.priceFor(ModelSpec.parse("openai:gpt-4o")), "the config wins");
        assertEquals(new Price(1, 1), table.priceFor(ModelSpec.parse("openai:mine")));
        assertNull(table.priceFor(ModelSpec.parse("anthropic:mine")));
    }
}
