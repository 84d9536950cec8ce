package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.run;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class MissingStatementTimeoutRuleTest {
    private static final Hazard H = Hazard.MISSING_STATEMENT_TIMEOUT;

    @Test
    void flags_the_first_statement_on_an_existing_table_once_per_file() {
        List<Finding> all = flags(H, """
                SET lock_timeout = '2s';
                CREATE TABLE shipments (id bigint PRIMARY KEY);
                UPDATE orders SET status = 'archived' WHERE created_at < '2020-01-01';
                CREATE INDEX CONCURRENTLY orders_status_idx ON orders (status);
                """);
        assertEquals(1, all.size());
        Finding f = all.get(0);
        assertEquals(Risk.LOW, f.risk());
        assertEquals(3, f.statement());
        assertEquals("public.orders", f.object());
        assertTrue(f.fix().startsWith("SET statement_timeout"), f.fix());
    }

    @Test
    void flags_maintenance_commands_and_work_after_a_local_timeout_expired() {
        assertNull(flags(H, "REINDEX SCHEMA CONCURRENTLY app;").get(0).object(), "a schema is not a table");
        Finding f = flags(H, """
                BEGIN;
                SET LOCAL statement_timeout = '30s';
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                COMMIT;
                VACUUM ANALYZE orders;
                """).get(0);
        assertEquals(5, f.statement());
    }

    @Test
    void allows_statement_timeout_set_first_or_in_the_catalog() {
        allows(H, """
                SET statement_timeout = '10min';
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz;
                """);
        allows(H, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;", settings(),
                catalog().setting("statement_timeout", "15min").table("orders", 1000).build());
    }

    @Test
    void allows_a_migration_that_only_creates_new_objects() {
        allows(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text);
                CREATE INDEX shipments_carrier_idx ON shipments (carrier);
                INSERT INTO shipments (id, carrier) VALUES (1, 'dhl');
                """);
    }

    @Test
    void allows_everything_when_hygiene_is_off() {
        AnalysisSettings off = settings().withHygiene(false);
        assertTrue(run("ALTER TABLE orders ADD COLUMN shipped_at timestamptz;", off, null).stream()
                .noneMatch(f -> f.hazard().equals(H.id())));
    }
}
