package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class VacuumFullOrClusterRuleTest {
    private static final Hazard H = Hazard.VACUUM_FULL_OR_CLUSTER;

    @Test
    void flags_vacuum_full() {
        Finding f = flags(H, "VACUUM FULL orders;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.rewrite());
        assertNull(f.fix());
        assertTrue(f.help().contains("pg_repack"), f.help());
        assertEquals(2, flags(H, "VACUUM (FULL, ANALYZE) orders, customers;").size());
    }

    @Test
    void flags_cluster_and_suggests_repack_on_pg19() {
        flags(H, "CLUSTER orders USING orders_created_at_idx;");
        Finding f = flags(H, "CLUSTER orders USING orders_created_at_idx;",
                settings().withPgVersion(PgVersion.parse("19")), null).get(0);
        assertEquals("REPACK (CONCURRENTLY) orders USING INDEX orders_created_at_idx;", f.fix());
        Finding whole = flags(H, "CLUSTER;").get(0);
        assertNull(whole.object());
        assertTrue(whole.message().contains("every table"), whole.message());
    }

    @Test
    void flags_small_tables_at_medium_risk_with_the_row_estimate() {
        Finding f = flags(H, "VACUUM FULL settings;", settings(), catalog().table("settings", 120).build()).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertTrue(f.message().contains("about 120 rows"), f.message());
    }

    @Test
    void allows_plain_vacuum() {
        allows(H, "VACUUM (ANALYZE) orders;");
        allows(H, "VACUUM (FULL false) orders;");
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE staging_orders (id bigint);
                VACUUM FULL staging_orders;
                """);
    }
}
