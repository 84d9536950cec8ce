package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class DropColumnRuleTest {
    private static final Hazard H = Hazard.DROP_COLUMN;

    private static CatalogSnapshot orders() {
        return catalog().table("orders", 1_200_000)
                .column("id", "bigint", "int8", true)
                .column("legacy_status", "text", "text", false)
                .build();
    }

    @Test
    void flags_drop_column_on_existing_table() {
        Finding f = flags(H, "ALTER TABLE orders DROP COLUMN legacy_status;").get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders.legacy_status", f.object());
    }

    @Test
    void flags_with_the_catalog_row_estimate_and_stays_critical() {
        Finding f = flags(H, "ALTER TABLE orders DROP COLUMN legacy_status;", settings(), orders()).get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertTrue(f.message().contains("1,200,000 rows"), f.message());
    }

    @Test
    void flags_each_dropped_column_of_one_statement() {
        assertEquals(2, flags(H, "ALTER TABLE s.orders DROP COLUMN a, DROP COLUMN IF EXISTS b CASCADE;").size());
    }

    @Test
    void allows_dropping_a_column_of_a_new_table_or_a_column_just_added() {
        allows(H, """
                CREATE TABLE t (id bigint, a int);
                ALTER TABLE t DROP COLUMN a;
                ALTER TABLE orders ADD COLUMN tmp boolean;
                ALTER TABLE orders DROP COLUMN tmp;
                """);
    }

    @Test
    void allows_drop_column_if_exists_of_a_column_the_catalog_does_not_have() {
        allows(H, "ALTER TABLE orders DROP COLUMN IF EXISTS gone;", settings(), orders());
    }
}
