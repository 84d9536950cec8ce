package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropIndexNonConcurrentRuleTest {
    private static final Hazard H = Hazard.DROP_INDEX_NON_CONCURRENT;

    private static CatalogSnapshot cat() {
        return catalog().table("orders", 3_000_000).column("status", "text", "text", false)
                .index("orders_status_idx", false, true, List.of("status"))
                .partitionedTable("events").index("events_created_at_idx", false, true, List.of("created_at"))
                .build();
    }

    @Test
    void flags_a_plain_drop_index() {
        Finding f = flags(H, "DROP INDEX orders_status_idx;").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("DROP INDEX CONCURRENTLY orders_status_idx;", f.fix());
        assertTrue(f.message().contains("its table"), f.message());
    }

    @Test
    void flags_with_the_table_from_the_catalog() {
        Finding f = flags(H, "DROP INDEX IF EXISTS orders_status_idx;", settings(), cat()).get(0);
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("ACCESS EXCLUSIVE lock on public.orders"), f.message());
        assertEquals("DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;", f.fix());
    }

    @Test
    void flags_each_index_and_partitioned_indexes_without_a_concurrent_fix() {
        assertEquals(2, flags(H, "DROP INDEX a_idx, b_idx;").size());
        Finding f = flags(H, "DROP INDEX events_created_at_idx;", settings(), cat()).get(0);
        assertNull(f.fix());
        assertTrue(f.help().contains("cannot be dropped CONCURRENTLY"), f.help());
    }

    @Test
    void allows_drop_index_concurrently() {
        allows(H, "DROP INDEX CONCURRENTLY IF EXISTS orders_status_idx;");
    }

    @Test
    void allows_indexes_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX carts_owner_idx ON carts (owner_id);
                DROP INDEX carts_owner_idx;
                """);
    }

    @Test
    void allows_if_exists_of_an_index_the_catalog_does_not_have() {
        allows(H, "DROP INDEX IF EXISTS orders_old_idx;", settings(), cat());
    }
}
