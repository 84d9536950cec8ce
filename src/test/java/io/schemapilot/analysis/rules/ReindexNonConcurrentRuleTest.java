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
import java.util.List;
import org.junit.jupiter.api.Test;

class ReindexNonConcurrentRuleTest {
    private static final Hazard H = Hazard.REINDEX_NON_CONCURRENT;

    @Test
    void flags_reindex_index_with_the_table_from_the_catalog() {
        var cat = catalog().table("orders", 3_000_000).index("orders_customer_id_idx", false, true,
                List.of("customer_id")).build();
        Finding f = flags(H, "REINDEX INDEX orders_customer_id_idx;", settings(), cat).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.SHARE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("SHARE lock on public.orders"), f.message());
        assertEquals("REINDEX INDEX CONCURRENTLY orders_customer_id_idx;", f.fix());
    }

    @Test
    void flags_reindex_table_and_schema_with_options() {
        Finding t = flags(H, "REINDEX (VERBOSE) TABLE orders;").get(0);
        assertEquals("REINDEX (VERBOSE) TABLE CONCURRENTLY orders;", t.fix());
        Finding s = flags(H, "REINDEX SCHEMA sales;").get(0);
        assertEquals("sales", s.object());
        assertTrue(s.message().contains("each of its tables in turn"), s.message());
    }

    @Test
    void flags_on_pg11_without_a_concurrent_fix() {
        Finding f = flags(H, "REINDEX TABLE orders;", settings().withPgVersion(PgVersion.parse("11")), null).get(0);
        assertNull(f.fix());
        assertTrue(f.help().contains("no REINDEX CONCURRENTLY"), f.help());
    }

    @Test
    void allows_reindex_concurrently() {
        allows(H, """
                REINDEX INDEX CONCURRENTLY orders_customer_id_idx;
                REINDEX (VERBOSE) TABLE CONCURRENTLY orders;
                """);
    }

    @Test
    void allows_indexes_and_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE carts (id bigint PRIMARY KEY, owner_id bigint);
                CREATE INDEX carts_owner_idx ON carts (owner_id);
                REINDEX INDEX carts_owner_idx;
                REINDEX TABLE carts;
                """);
    }
}
