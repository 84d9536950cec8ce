package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class CreateIndexNonConcurrentRuleTest {
    private static final Hazard H = Hazard.CREATE_INDEX_NON_CONCURRENT;

    @Test
    void flags_plain_index_on_existing_table() {
        Finding f = flags(H, "CREATE INDEX idx ON orders (created_at);").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.SHARE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.fix().contains("CONCURRENTLY"));
    }

    @Test
    void flags_unique_index_and_index_built_from_a_do_block() {
        flags(H, "CREATE UNIQUE INDEX ON s.orders (lower(email));");
        flags(H, "DO $$ BEGIN EXECUTE 'CREATE INDEX i ON orders (a)'; END $$;");
    }

    @Test
    void allows_on_only_partitioned_parent_but_not_on_only_plain_table() {
        allows(H, "CREATE INDEX events_at_idx ON ONLY events (at);");
        flags(H, "CREATE INDEX orders_at_idx ON ONLY orders (at);", io.schemapilot.analysis.RuleTesting.settings(),
                io.schemapilot.analysis.RuleTesting.catalog().table("orders", 1_000_000)
                        .column("at", "timestamp with time zone", "timestamptz", false).build());
    }

    @Test
    void allows_concurrently() {
        allows(H, "CREATE INDEX CONCURRENTLY idx ON orders (created_at);");
    }

    @Test
    void allows_index_on_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE t (id bigint, a int);
                CREATE INDEX t_a ON t (a);
                """);
    }
}
