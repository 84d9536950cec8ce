package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrentlyInTransactionRuleTest {
    private static final Hazard H = Hazard.CONCURRENTLY_IN_TRANSACTION;

    @Test
    void flags_create_index_concurrently_inside_begin() {
        Finding f = flags(H, """
                BEGIN;
                CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
                COMMIT;
                """).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertNull(f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("BEGIN at statement 1"), f.message());
    }

    @Test
    void flags_every_non_transactional_command_when_the_tool_wraps_the_file() {
        List<Finding> all = flags(H, """
                DROP INDEX CONCURRENTLY orders_status_idx;
                REINDEX INDEX CONCURRENTLY orders_pkey;
                ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;
                VACUUM orders;
                REINDEX SCHEMA sales;
                """, settings().withAssumeInTransaction(true), null);
        assertEquals(5, all.size());
        assertTrue(all.get(0).message().contains("--assume-in-transaction"), all.get(0).message());
        assertEquals("sales", all.get(4).object());
    }

    @Test
    void flags_concurrently_inside_a_do_block() {
        Finding f = flags(H, "DO $$ BEGIN EXECUTE 'CREATE INDEX CONCURRENTLY i ON orders (a)'; END $$;").get(0);
        assertTrue(f.message().contains("DO block"), f.message());
    }

    @Test
    void allows_concurrent_commands_outside_a_transaction() {
        allows(H, """
                CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
                VACUUM (ANALYZE) orders;
                ALTER TABLE events DETACH PARTITION events_2020 FINALIZE;
                """);
    }

    @Test
    void allows_after_the_transaction_commits_and_transactional_forms_inside_it() {
        allows(H, """
                BEGIN;
                CREATE INDEX orders_status_idx ON orders (status);
                REINDEX TABLE orders;
                COMMIT;
                CREATE INDEX CONCURRENTLY orders_customer_id_idx ON orders (customer_id);
                """);
    }
}
