package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class DropNotNullRuleTest {
    private static final Hazard H = Hazard.DROP_NOT_NULL;

    private static CatalogSnapshot orders() {
        return catalog().table("orders", 3_000_000)
                .column("shipped_at", "timestamp with time zone", "timestamptz", true)
                .column("note", "text", "text", false)
                .build();
    }

    @Test
    void flags_drop_not_null_on_an_existing_table() {
        Finding f = flags(H, "ALTER TABLE orders ALTER COLUMN shipped_at DROP NOT NULL;").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertFalse(f.rewrite());
        assertTrue(f.message().contains("public.orders.shipped_at"), f.message());
    }

    @Test
    void flags_a_not_null_column_known_from_the_catalog() {
        flags(H, "ALTER TABLE orders ALTER shipped_at DROP NOT NULL, ALTER note SET DEFAULT '';", settings(), orders());
    }

    @Test
    void allows_a_column_the_catalog_shows_is_already_nullable() {
        allows(H, "ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;", settings(), orders());
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY, carrier text NOT NULL);
                ALTER TABLE shipments ALTER COLUMN carrier DROP NOT NULL;
                """);
    }
}
