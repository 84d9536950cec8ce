package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefreshMatviewNonConcurrentRuleTest {
    private static final Hazard H = Hazard.REFRESH_MATVIEW_NON_CONCURRENT;

    @Test
    void flags_a_plain_refresh() {
        Finding f = flags(H, "REFRESH MATERIALIZED VIEW daily_sales;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.daily_sales", f.object());
        assertEquals("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;", f.fix());
    }

    @Test
    void flags_with_the_catalog_when_the_view_lacks_a_unique_index() {
        var none = catalog().table("daily_sales", 'm', 365).build();
        Finding f = flags(H, "REFRESH MATERIALIZED VIEW daily_sales;", settings(), none).get(0);
        assertTrue(f.message().contains("no unique index"), f.message());
        assertTrue(f.fix().contains("CREATE UNIQUE INDEX CONCURRENTLY"), f.fix());
        var keyed = catalog().table("daily_sales", 'm', 365).index("daily_sales_day_key", true, true, List.of("day"))
                .build();
        Finding g = flags(H, "REFRESH MATERIALIZED VIEW daily_sales;", settings(), keyed).get(0);
        assertEquals("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;", g.fix());
    }

    @Test
    void flags_with_no_data_without_a_fix() {
        assertNull(flags(H, "REFRESH MATERIALIZED VIEW daily_sales WITH NO DATA;").get(0).fix());
    }

    @Test
    void allows_refresh_concurrently() {
        allows(H, "REFRESH MATERIALIZED VIEW CONCURRENTLY daily_sales;");
    }

    @Test
    void allows_a_view_created_in_the_same_migration() {
        allows(H, """
                CREATE MATERIALIZED VIEW weekly_sales AS SELECT 1 AS week;
                REFRESH MATERIALIZED VIEW weekly_sales;
                """);
    }
}
