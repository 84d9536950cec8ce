package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplicitLockTableRuleTest {
    private static final Hazard H = Hazard.EXPLICIT_LOCK_TABLE;

    @Test
    void flags_access_exclusive_lock_as_high() {
        Finding f = flags(H, """
                BEGIN;
                LOCK TABLE orders;
                UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01';
                COMMIT;
                """).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertEquals(2, f.statement());
        assertTrue(f.message().contains("blocks reads and writes"), f.message());
    }

    @Test
    void flags_each_table_and_rates_modes_that_let_writes_through_medium() {
        List<Finding> share = flags(H, "BEGIN; LOCK TABLE orders, order_items IN SHARE MODE; COMMIT;");
        assertEquals(2, share.size());
        assertEquals(Risk.HIGH, share.get(0).risk());
        assertEquals(LockMode.SHARE, share.get(0).lock());
        assertEquals("public.order_items", share.get(1).object());
        Finding sue = flags(H, "BEGIN; LOCK TABLE orders IN SHARE UPDATE EXCLUSIVE MODE; COMMIT;").get(0);
        assertEquals(Risk.MEDIUM, sue.risk());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, sue.lock());
    }

    @Test
    void flags_lock_outside_a_transaction_as_an_error() {
        Finding f = flags(H, "LOCK TABLE orders IN EXCLUSIVE MODE;").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertTrue(f.message().contains("can only be used in transaction blocks"), f.message());
        Finding inDo = flags(H, "DO $$ BEGIN LOCK TABLE orders IN EXCLUSIVE MODE; PERFORM pg_sleep(1); END $$;").get(0);
        assertEquals(Risk.HIGH, inDo.risk(), "a DO block runs in a transaction of its own");
    }

    @Test
    void allows_lock_on_table_created_in_the_same_migration() {
        allows(H, """
                BEGIN;
                CREATE TABLE import_batches (id bigint PRIMARY KEY, loaded_at timestamptz);
                LOCK TABLE import_batches IN ACCESS EXCLUSIVE MODE;
                COMMIT;
                """);
    }

    @Test
    void allows_ddl_that_takes_its_own_lock() {
        allows(H, """
                SET lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN note text;
                """);
    }
}
