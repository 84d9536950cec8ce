package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LockHeldAcrossStatementsRuleTest {
    private static final Hazard H = Hazard.LOCK_HELD_ACROSS_STATEMENTS;

    @Test
    void flags_the_first_statement_that_runs_under_an_access_exclusive_lock_once_per_transaction() {
        List<Finding> all = flags(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN customer_tier text;
                UPDATE orders SET customer_tier = 'gold' WHERE id BETWEEN 1 AND 1000;
                ALTER TABLE customers ADD COLUMN tier text;
                ALTER TABLE customers ADD COLUMN tier_since date;
                COMMIT;
                BEGIN;
                ALTER TABLE customers DROP COLUMN legacy_code;
                ALTER TABLE customers ADD COLUMN region text;
                COMMIT;
                """);
        assertEquals(2, all.size(), "once per transaction");
        Finding f = all.get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(4, f.statement(), "the UPDATE is backfill-in-ddl-transaction's finding");
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("statement 2"), f.message());
        assertEquals(9, all.get(1).statement());
        assertEquals("public.customers", all.get(1).object());
    }

    @Test
    void flags_a_backfill_under_a_share_lock_or_when_backfill_in_ddl_transaction_is_off() {
        Finding share = flags(H, """
                BEGIN;
                CREATE INDEX orders_tier_idx ON orders (customer_tier);
                UPDATE orders SET customer_tier = 'gold' WHERE id BETWEEN 1 AND 1000;
                COMMIT;
                """).get(0);
        assertEquals(LockMode.SHARE, share.lock());
        assertEquals(3, share.statement());
        AnalysisSettings noBackfill = new AnalysisSettings(PgVersion.DEFAULT, false, true,
                Set.of(Hazard.BACKFILL_IN_DDL_TRANSACTION));
        assertEquals(3, flags(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN customer_tier text;
                UPDATE orders SET customer_tier = 'gold' WHERE id BETWEEN 1 AND 1000;
                COMMIT;
                """, noBackfill, null).get(0).statement());
    }

    @Test
    void flags_a_referenced_table_kept_write_locked_in_a_tool_wrapped_migration() {
        Finding f = flags(H, """
                CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id), body text);
                ALTER TABLE customers ADD COLUMN notes_count integer;
                """, settings().withAssumeInTransaction(true), null).get(0);
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertEquals(2, f.statement());
    }

    @Test
    void flags_a_do_block_that_loops_over_alter_table() {
        Finding f = flags(H, """
                DO $$
                DECLARE t text;
                BEGIN
                  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
                    EXECUTE format('ALTER TABLE %I ADD COLUMN tenant_id bigint', t);
                  END LOOP;
                END $$;
                """).get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertNull(f.object(), "the tables are only known at run time");
        assertTrue(f.message().contains("loops"), f.message());
    }

    @Test
    void allows_set_select_and_commit_after_the_lock() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                SET LOCAL statement_timeout = '5s';
                SELECT count(*) FROM pg_stat_activity;
                COMMIT;
                """);
    }

    @Test
    void allows_work_on_new_tables_and_locks_that_do_not_block_writes() {
        allows(H, """
                BEGIN;
                CREATE TABLE shipments (id bigint PRIMARY KEY, order_id bigint NOT NULL);
                CREATE INDEX shipments_order_id_idx ON shipments (order_id);
                INSERT INTO shipments (id, order_id) VALUES (1, 1);
                COMMIT;
                BEGIN;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
                UPDATE orders SET status = 'new' WHERE id = 1;
                COMMIT;
                """);
    }

    @Test
    void allows_one_blocking_statement_per_transaction() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                BEGIN;
                ALTER TABLE customers ADD COLUMN region text;
                COMMIT;
                """);
    }
}
