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
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrentlyOnPartitionedTableRuleTest {
    private static final Hazard H = Hazard.CONCURRENTLY_ON_PARTITIONED_TABLE;

    private static CatalogSnapshot.Table table(String name, char kind, String partitionOf) {
        return new CatalogSnapshot.Table("public", name, kind, false, partitionOf, 1000, 100_000, List.of(), List.of(),
                List.of(), List.of(), List.of());
    }

    @Test
    void flags_a_partitioned_table_known_from_the_catalog_with_its_partitions_in_the_fix() {
        CatalogSnapshot cat = new CatalogSnapshot("test", "16.4", 160004, Map.of("TimeZone", "UTC"), List.of("public"),
                List.of(table("events", 'p', null), table("events_2024", 'r', "public.events"),
                        table("events_2025", 'r', "public.events")), List.of(), List.of());
        Finding f = flags(H, "CREATE INDEX CONCURRENTLY events_created_at_idx ON events (created_at);", settings(), cat)
                .get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertNull(f.lock());
        assertEquals("public.events", f.object());
        assertTrue(f.message().contains("per the catalog"), f.message());
        assertTrue(f.fix().startsWith("CREATE INDEX IF NOT EXISTS events_created_at_idx ON ONLY events (created_at);"),
                f.fix());
        assertTrue(f.fix().contains("CREATE INDEX CONCURRENTLY events_2025_events_created_at_idx ON public.events_2025"
                + " (created_at);"), f.fix());
        assertTrue(f.fix().contains("ALTER INDEX events_created_at_idx ATTACH PARTITION"
                + " public.events_2024_events_created_at_idx;"), f.fix());
    }

    @Test
    void flags_a_table_partitioned_earlier_in_the_migration() {
        Finding f = flags(H, """
                CREATE TABLE events (id bigint, created_at timestamptz) PARTITION BY RANGE (created_at);
                CREATE UNIQUE INDEX CONCURRENTLY events_id_idx ON events (id, created_at);
                """).get(0);
        assertTrue(f.message().contains("per this migration"), f.message());
        assertTrue(f.fix().contains("-- for each partition"), f.fix());
    }

    @Test
    void allows_regular_tables() {
        allows(H, "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);", settings(),
                catalog().table("orders", 1000).build());
    }

    @Test
    void allows_the_on_only_recipe() {
        allows(H, """
                CREATE TABLE events (id bigint, created_at timestamptz) PARTITION BY RANGE (created_at);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                CREATE INDEX events_created_at_idx ON ONLY events (created_at);
                CREATE INDEX CONCURRENTLY events_2024_created_at_idx ON events_2024 (created_at);
                ALTER INDEX events_created_at_idx ATTACH PARTITION events_2024_created_at_idx;
                """);
    }
}
