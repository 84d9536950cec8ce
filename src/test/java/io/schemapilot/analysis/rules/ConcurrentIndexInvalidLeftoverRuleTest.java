package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrentIndexInvalidLeftoverRuleTest {
    private static final Hazard H = Hazard.CONCURRENT_INDEX_INVALID_LEFTOVER;

    private static CatalogSnapshot withIndex(String name, boolean valid) {
        return catalog().table("orders", 3_000_000).column("customer_id", "bigint", "int8", true)
                .index(name, false, valid, List.of("customer_id")).build();
    }

    @Test
    void flags_if_not_exists_on_a_concurrent_build() {
        Finding f = flags(H, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);")
                .get(0);
        assertEquals(Risk.LOW, f.risk());
        assertNull(f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.fix().startsWith("DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;\n"), f.fix());
        assertFalse(f.fix().contains("IF NOT EXISTS"), f.fix());
    }

    @Test
    void flags_an_invalid_index_of_the_same_name_in_the_catalog() {
        Finding f = flags(H, "CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);", settings(),
                withIndex("orders_customer_id_idx", false)).get(0);
        assertTrue(f.message().contains("public.orders_customer_id_idx on public.orders is INVALID"), f.message());
        assertTrue(f.message().contains("name is taken"), f.message());
    }

    @Test
    void flags_other_invalid_leftovers_on_the_same_table() {
        Finding f = flags(H, "CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);", settings(),
                withIndex("orders_customer_id_idx_ccnew", false)).get(0);
        assertTrue(f.message().contains("orders_customer_id_idx_ccnew"), f.message());
    }

    @Test
    void allows_a_plain_concurrent_build_without_a_catalog() {
        allows(H, """
                DROP INDEX CONCURRENTLY IF EXISTS orders_customer_id_idx;
                CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
                """);
    }

    @Test
    void allows_if_not_exists_when_the_catalog_shows_a_valid_index() {
        allows(H, "CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON orders (customer_id);",
                settings(), withIndex("orders_customer_id_idx", true));
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX CONCURRENTLY IF NOT EXISTS carts_owner_idx ON carts (owner_id);
                """);
    }
}
