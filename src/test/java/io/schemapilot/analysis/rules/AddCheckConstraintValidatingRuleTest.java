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

class AddCheckConstraintValidatingRuleTest {
    private static final Hazard H = Hazard.ADD_CHECK_CONSTRAINT_VALIDATING;

    @Test
    void flags_a_validating_check_with_the_not_valid_pair() {
        Finding f = flags(H, "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0);").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("orders_total_positive"), f.message());
        assertTrue(f.fix().startsWith(
                "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;"), f.fix());
        assertTrue(f.fix().endsWith("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;"), f.fix());
        flags(H, "ALTER TABLE orders ADD CHECK (status IN ('new', 'paid'));");
    }

    @Test
    void flags_an_inline_check_on_add_column() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN qty integer DEFAULT 1 CHECK (qty > 0) NOT NULL;").get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertTrue(f.message().contains("inline CHECK"), f.message());
        assertTrue(f.fix().startsWith("ALTER TABLE orders ADD COLUMN qty integer DEFAULT 1 NOT NULL;\n"), f.fix());
        assertTrue(f.fix().contains("ADD CONSTRAINT orders_qty_check CHECK (qty > 0) NOT VALID;"), f.fix());
    }

    @Test
    void allows_not_valid_then_validate() {
        allows(H, """
                ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
                """);
    }

    @Test
    void allows_checks_on_new_tables() {
        allows(H, """
                CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric CHECK (amount > 0));
                ALTER TABLE refunds ADD CONSTRAINT refunds_amount_small CHECK (amount < 10000);
                ALTER TABLE refunds ADD COLUMN fee numeric CHECK (fee >= 0);
                """);
    }
}
