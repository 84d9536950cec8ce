package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class BackfillInDdlTransactionRuleTest {
    private static final Hazard H = Hazard.BACKFILL_IN_DDL_TRANSACTION;

    @Test
    void flags_update_after_add_column_in_one_transaction() {
        Finding f = flags(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN currency text;
                UPDATE orders SET currency = 'EUR' WHERE currency IS NULL;
                COMMIT;
                """).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("statement 2"), f.message());
    }

    @Test
    void flags_insert_select_after_a_foreign_key_in_a_tool_wrapped_transaction() {
        Finding f = flags(H, """
                ALTER TABLE payments ADD CONSTRAINT payments_order_fk FOREIGN KEY (order_id) REFERENCES orders (id);
                INSERT INTO payments_archive SELECT * FROM payments WHERE created_at < '2020-01-01';
                """, settings().withAssumeInTransaction(true), null).get(0);
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, f.lock());
        assertEquals("public.payments_archive", f.object());
    }

    @Test
    void allows_the_backfill_after_the_ddl_committed() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN currency text;
                COMMIT;
                UPDATE orders SET currency = 'EUR' WHERE id < 5000;
                """);
    }

    @Test
    void allows_backfills_after_ddl_on_new_tables_and_plain_inserts() {
        allows(H, """
                BEGIN;
                CREATE TABLE currencies (code text PRIMARY KEY);
                ALTER TABLE currencies ADD COLUMN name text;
                INSERT INTO currencies SELECT DISTINCT currency, currency FROM orders;
                COMMIT;
                BEGIN;
                ALTER TABLE orders ADD COLUMN note text;
                INSERT INTO audit_log (event) VALUES ('note column added');
                COMMIT;
                """);
    }
}
