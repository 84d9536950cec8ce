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
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class EnumAddValueInTransactionRuleTest {
    private static final Hazard H = Hazard.ENUM_ADD_VALUE_IN_TRANSACTION;

    private static AnalysisSettings pg(String v) {
        return settings().withPgVersion(PgVersion.parse(v));
    }

    @Test
    void flags_add_value_in_a_transaction_naming_the_statement_that_uses_it() {
        Finding f = flags(H, """
                BEGIN;
                ALTER TYPE order_status ADD VALUE 'refunded' AFTER 'paid';
                UPDATE orders SET status = 'refunded' WHERE refund_id IS NOT NULL;
                COMMIT;
                """).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertNull(f.lock());
        assertEquals("public.order_status", f.object());
        assertTrue(f.message().contains("statement 3"), f.message());
    }

    @Test
    void flags_add_value_in_a_tool_wrapped_transaction_as_an_error_before_pg12() {
        Finding f = flags(H, "ALTER TYPE order_status ADD VALUE 'refunded';",
                pg("11").withAssumeInTransaction(true), null).get(0);
        assertTrue(f.message().contains("fails on PostgreSQL 11"), f.message());
    }

    @Test
    void flags_a_new_type_on_pg12_to_16_only_when_the_label_is_used_before_commit() {
        String sql = """
                BEGIN;
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';
                CREATE TABLE people (name text, current mood DEFAULT 'happy');
                COMMIT;
                """;
        flags(H, sql, pg("15"), null);
        allows(H, sql, pg("17"), null);
        allows(H, sql, pg("11"), null);
    }

    @Test
    void allows_add_value_outside_a_transaction() {
        allows(H, """
                ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'paid';
                UPDATE orders SET status = 'refunded' WHERE refund_id IS NOT NULL;
                """);
    }

    @Test
    void allows_a_new_type_whose_new_label_is_not_used_in_the_transaction() {
        allows(H, """
                BEGIN;
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';
                COMMIT;
                """);
    }
}
