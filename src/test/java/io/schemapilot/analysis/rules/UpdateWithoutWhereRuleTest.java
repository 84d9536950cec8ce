package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class UpdateWithoutWhereRuleTest {
    private static final Hazard H = Hazard.UPDATE_WITHOUT_WHERE;

    @Test
    void flags_update_without_where() {
        Finding f = flags(H, "UPDATE orders SET currency = 'EUR';").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ROW_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
    }

    @Test
    void flags_large_tables_high_and_small_tables_medium_by_the_catalog() {
        var cat = catalog().table("orders", 3_000_000).table("countries", 250).build();
        Finding big = flags(H, "UPDATE orders SET currency = 'EUR';", settings(), cat).get(0);
        assertEquals(Risk.HIGH, big.risk());
        assertTrue(big.message().contains("3,000,000 rows"), big.message());
        Finding small = flags(H, "UPDATE countries SET active = true;", settings(), cat).get(0);
        assertEquals(Risk.MEDIUM, small.risk());
    }

    @Test
    void allows_update_with_where() {
        allows(H, "UPDATE orders SET currency = 'EUR' WHERE id IN (SELECT id FROM orders LIMIT 5000);");
    }

    @Test
    void allows_update_of_a_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE order_totals (id bigint, total numeric);
                UPDATE order_totals SET total = 0;
                """);
    }
}
