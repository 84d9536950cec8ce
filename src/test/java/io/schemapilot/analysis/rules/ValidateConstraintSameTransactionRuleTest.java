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

class ValidateConstraintSameTransactionRuleTest {
    private static final Hazard H = Hazard.VALIDATE_CONSTRAINT_SAME_TRANSACTION;

    @Test
    void flags_a_foreign_key_validated_inside_the_same_begin_commit() {
        Finding f = flags(H, """
                BEGIN;
                ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
                COMMIT;
                """).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertEquals(3, f.statement());
        assertTrue(f.message().contains("blocking writes until COMMIT"), f.message());
        assertTrue(f.fix().startsWith("COMMIT;\n"), f.fix());
    }

    @Test
    void flags_a_check_in_a_tool_wrapped_file_and_in_one_statement() {
        Finding f = flags(H, """
                ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
                """, settings().withAssumeInTransaction(true), null).get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertTrue(f.fix().startsWith("-- in the next migration"), f.fix());
        Finding same = flags(H, "ALTER TABLE orders ADD CONSTRAINT c CHECK (total > 0) NOT VALID, VALIDATE CONSTRAINT c;")
                .get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, same.lock());
    }

    @Test
    void allows_validation_after_commit() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                COMMIT;
                BEGIN;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
                COMMIT;
                """);
    }

    @Test
    void allows_autocommit_statements_and_new_tables() {
        allows(H, """
                ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
                """);
        allows(H, """
                BEGIN;
                CREATE TABLE refunds (id bigint PRIMARY KEY, amount numeric);
                ALTER TABLE refunds ADD CONSTRAINT refunds_amount_positive CHECK (amount > 0) NOT VALID;
                ALTER TABLE refunds VALIDATE CONSTRAINT refunds_amount_positive;
                COMMIT;
                """);
    }
}
