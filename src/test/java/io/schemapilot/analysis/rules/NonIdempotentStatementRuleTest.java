package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonIdempotentStatementRuleTest {
    private static final Hazard H = Hazard.NON_IDEMPOTENT_STATEMENT;

    @Test
    void flags_unguarded_creates_adds_and_drops_that_a_retry_would_repeat() {
        List<Finding> all = flags(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text);
                ALTER TABLE orders ADD COLUMN shipment_id bigint;
                DROP INDEX orders_legacy_idx;
                ALTER TABLE orders DROP COLUMN legacy_code, ADD COLUMN region text;
                DROP TRIGGER orders_audit ON orders;
                SELECT 1;
                """);
        assertEquals(6, all.size(), all.toString());
        assertEquals("DROP TRIGGER IF EXISTS orders_audit ON orders;", all.get(5).fix());
        Finding create = all.get(0);
        assertEquals(Risk.LOW, create.risk());
        assertEquals("public.shipments", create.object());
        assertTrue(create.message().contains("IF NOT EXISTS"), create.message());
        assertEquals("CREATE TABLE IF NOT EXISTS shipments (id bigint PRIMARY KEY, carrier text);", create.fix());
        assertEquals("ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipment_id bigint;", all.get(1).fix());
        assertEquals("DROP INDEX IF EXISTS orders_legacy_idx;", all.get(2).fix());
        assertNull(all.get(3).fix(), "no mechanical fix for a statement with several actions");
    }

    @Test
    void flags_concurrent_index_without_a_leftover_drop_even_as_the_last_statement() {
        Finding f = flags(H, "CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);").get(0);
        assertEquals("public.orders_created_idx", f.object());
        assertTrue(f.message().contains("INVALID"), f.message());
        assertEquals("""
                DROP INDEX CONCURRENTLY IF EXISTS public.orders_created_idx;
                CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);""", f.fix());
    }

    @Test
    void allows_guarded_statements_and_the_drop_then_build_idiom() {
        allows(H, """
                CREATE TABLE IF NOT EXISTS shipments (id bigint PRIMARY KEY, carrier text);
                ALTER TABLE orders ADD COLUMN IF NOT EXISTS shipment_id bigint;
                DROP INDEX CONCURRENTLY IF EXISTS orders_created_idx;
                CREATE INDEX CONCURRENTLY orders_created_idx ON orders (created_at);
                ALTER TABLE orders DROP COLUMN IF EXISTS legacy_code;
                DROP TABLE IF EXISTS legacy_shipments;
                """);
    }

    @Test
    void allows_statements_inside_a_transaction() {
        allows(H, """
                BEGIN;
                CREATE TABLE shipments (id bigint PRIMARY KEY);
                ALTER TABLE orders ADD COLUMN shipment_id bigint;
                COMMIT;
                """);
        allows(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY);
                ALTER TABLE orders ADD COLUMN shipment_id bigint;
                """, settings().withAssumeInTransaction(true), null);
    }

    @Test
    void allows_a_last_statement_since_a_failed_statement_rolls_back_on_its_own() {
        allows(H, """
                SET lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN shipment_id bigint;
                RESET lock_timeout;
                """);
    }
}
