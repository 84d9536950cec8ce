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
import org.junit.jupiter.api.Test;

class CreateTriggerLockRuleTest {
    private static final Hazard H = Hazard.CREATE_TRIGGER_LOCK;

    @Test
    void flags_trigger_on_existing_table() {
        Finding f = flags(H, """
                CREATE TRIGGER orders_audit AFTER INSERT OR UPDATE ON orders
                    FOR EACH ROW EXECUTE FUNCTION audit_row();
                """).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("orders_audit") && f.message().contains("blocks all writes"), f.message());
        assertTrue(f.fix().startsWith("SET lock_timeout"), f.fix());
        flags(H, "CREATE OR REPLACE TRIGGER orders_audit AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audit_row();");
    }

    @Test
    void flags_trigger_in_a_transaction_that_already_holds_a_lock_even_with_lock_timeout() {
        Finding f = flags(H, """
                SET lock_timeout = '2s';
                BEGIN;
                ALTER TABLE billing.invoices ADD COLUMN updated_by bigint;
                CREATE CONSTRAINT TRIGGER invoices_check AFTER UPDATE ON billing.invoices
                    FOR EACH ROW EXECUTE FUNCTION check_invoice();
                COMMIT;
                """).get(0);
        assertEquals("billing.invoices", f.object());
        assertTrue(f.message().contains("until the transaction commits"), f.message());
        assertEquals(null, f.fix(), "lock_timeout is already set");
    }

    @Test
    void allows_trigger_on_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE audit_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, payload jsonb);
                CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events
                    FOR EACH ROW EXECUTE FUNCTION notify_audit();
                """);
    }

    @Test
    void flags_trigger_under_lock_timeout_as_low_since_the_wait_is_bounded() {
        Finding f = flags(H, """
                SET lock_timeout = '2s';
                CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION audit_row();
                """).get(0);
        assertEquals(Risk.LOW, f.risk());
        assertTrue(f.message().contains("at most lock_timeout"), f.message());
        assertEquals(null, f.fix());
    }

    @Test
    void allows_instead_of_trigger_on_a_view_the_catalog_knows() {
        allows(H, "CREATE TRIGGER v_ins INSTEAD OF INSERT ON active_orders FOR EACH ROW EXECUTE FUNCTION ins();",
                settings(), catalog().table("active_orders", 'v', 0).build());
        flags(H, "CREATE TRIGGER t_ins BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION ins();",
                settings(), catalog().table("orders", 1_000_000).build());
    }
}
