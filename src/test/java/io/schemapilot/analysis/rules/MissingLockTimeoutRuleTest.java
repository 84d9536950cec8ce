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
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingLockTimeoutRuleTest {
    private static final Hazard H = Hazard.MISSING_LOCK_TIMEOUT;

    @Test
    void flags_the_first_blocking_lock_once_per_file() {
        List<Finding> all = flags(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY);
                UPDATE orders SET status = 'new' WHERE id = 1;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                CREATE INDEX customers_email_idx ON customers (email);
                """);
        assertEquals(1, all.size());
        Finding f = all.get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(3, f.statement());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("ACCESS EXCLUSIVE") && f.message().contains("public.orders"), f.message());
        assertEquals("SET lock_timeout = '2s';", f.fix());
        Finding share = flags(H, "CREATE INDEX customers_email_idx ON customers (email);").get(0);
        assertEquals(LockMode.SHARE, share.lock());
    }

    @Test
    void flags_after_set_local_lock_timeout_ends_with_its_transaction() {
        Finding f = flags(H, """
                BEGIN;
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                ALTER TABLE customers ADD CONSTRAINT customers_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID;
                """).get(0);
        assertEquals(5, f.statement());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, f.lock());
        assertEquals("public.customers", f.object());
    }

    @Test
    void flags_set_local_outside_a_transaction_and_a_zero_timeout() {
        assertEquals(2, flags(H, """
                SET LOCAL lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                """).get(0).statement());
        assertEquals(3, flags(H, """
                SET lock_timeout = '2s';
                SET lock_timeout = 0;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                """).get(0).statement());
    }

    @Test
    void allows_lock_timeout_set_first_including_a_session_value_outliving_set_local() {
        allows(H, """
                SET lock_timeout = '2s';
                BEGIN;
                SET LOCAL lock_timeout = '5s';
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                ALTER TABLE customers ADD COLUMN region text;
                """);
    }

    @Test
    void allows_lock_timeout_from_the_catalog_settings() {
        allows(H, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;", settings(),
                catalog().setting("lock_timeout", "3s").table("orders", 1000).build());
        flags(H, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;", settings(),
                catalog().setting("lock_timeout", "0").table("orders", 1000).build());
    }

    @Test
    void allows_new_tables_and_locks_that_do_not_block_writes() {
        allows(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint);
                CREATE INDEX shipments_order_idx ON shipments (order_id);
                ALTER TABLE shipments ADD COLUMN carrier text;
                CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
                ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
                UPDATE orders SET status = 'new' WHERE id = 1;
                """);
    }
}
