package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class UncommittedTransactionRuleTest {
    private static final Hazard H = Hazard.UNCOMMITTED_TRANSACTION;

    @Test
    void flags_begin_without_commit_at_the_begin_statement() {
        Finding f = flags(H, """
                SET lock_timeout = '2s';

                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                """).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(2, f.statement());
        assertEquals(3, f.line());
        assertEquals("public.orders", f.object());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("COMMIT;", f.fix());
    }

    @Test
    void flags_a_second_transaction_left_open() {
        Finding f = flags(H, """
                BEGIN;
                CREATE TABLE shipments (id bigint PRIMARY KEY);
                COMMIT;
                START TRANSACTION;
                INSERT INTO shipments (id) VALUES (1);
                """).get(0);
        assertEquals(4, f.statement());
        assertNull(f.object(), "no lock on an existing table");
        assertTrue(f.message().contains("line 4"), f.message());
    }

    @Test
    void allows_committed_and_rolled_back_transactions() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                BEGIN;
                ALTER TABLE orders DROP COLUMN shipped_at;
                ROLLBACK;
                """);
    }

    @Test
    void allows_a_stray_begin_when_the_tool_owns_the_transaction() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                """, settings().withAssumeInTransaction(true), null);
    }
}
