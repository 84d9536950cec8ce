package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionNestingRuleTest {
    private static final Hazard H = Hazard.TRANSACTION_NESTING;

    @Test
    void flags_begin_inside_begin() {
        Finding f = flags(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                BEGIN;
                UPDATE orders SET shipped_at = now() WHERE id = 1;
                COMMIT;
                COMMIT;
                """).get(0);
        assertEquals(Risk.LOW, f.risk());
        assertEquals(3, f.statement());
        assertTrue(f.message().contains("statement 1"), f.message());
    }

    @Test
    void flags_a_stray_commit_and_savepoint_outside_a_transaction() {
        List<Finding> all = flags(H, """
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                SAVEPOINT before_backfill;
                """);
        assertEquals(2, all.size());
        assertEquals(2, all.get(0).statement());
        assertTrue(all.get(0).message().startsWith("COMMIT with no open transaction"), all.get(0).message());
        assertEquals(3, all.get(1).statement());
    }

    @Test
    void flags_explicit_transaction_control_when_the_tool_owns_the_transaction() {
        List<Finding> all = flags(H, """
                -- assume-in-transaction
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                """, settings().withAssumeInTransaction(true), null);
        assertEquals(1, all.size(), "the BEGIN only, not its COMMIT as well");
        assertEquals(1, all.get(0).statement());
        assertTrue(all.get(0).help().contains("migration tool own"), all.get(0).help());
        Finding commit = flags(H, "ALTER TABLE orders ADD COLUMN a int;\nCOMMIT;", settings()
                .withAssumeInTransaction(true), null).get(0);
        assertEquals(2, commit.statement());
    }

    @Test
    void allows_consecutive_transactions_and_savepoints_inside_one() {
        allows(H, """
                BEGIN;
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                SAVEPOINT s1;
                ROLLBACK TO SAVEPOINT s1;
                RELEASE SAVEPOINT s1;
                COMMIT;
                START TRANSACTION;
                ALTER TABLE customers ADD COLUMN region text;
                END;
                """);
    }

    @Test
    void allows_a_tool_wrapped_file_without_transaction_control() {
        allows(H, """
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                SAVEPOINT s1;
                """, settings().withAssumeInTransaction(true), null);
    }
}
