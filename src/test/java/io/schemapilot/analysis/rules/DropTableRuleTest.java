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
import java.util.List;
import org.junit.jupiter.api.Test;

class DropTableRuleTest {
    private static final Hazard H = Hazard.DROP_TABLE;

    private static CatalogSnapshot invoices() {
        return catalog().table("legacy_invoices", 350_000).column("id", "bigint", "int8", true).build();
    }

    @Test
    void flags_drop_table_with_one_finding_per_table() {
        List<Finding> fs = flags(H, "DROP TABLE legacy_invoices, s.old_payments;");
        assertEquals(2, fs.size());
        assertEquals(Risk.CRITICAL, fs.get(0).risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, fs.get(0).lock());
        assertEquals("public.legacy_invoices", fs.get(0).object());
        assertEquals("s.old_payments", fs.get(1).object());
    }

    @Test
    void flags_with_the_catalog_row_estimate_and_drop_and_recreate() {
        Finding f = flags(H, """
                DROP TABLE legacy_invoices;
                CREATE TABLE legacy_invoices (id bigint);
                """, settings(), invoices()).get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertTrue(f.message().contains("350,000 rows"), f.message());
        assertTrue(f.message().contains("does not bring them back"), f.message());
    }

    @Test
    void allows_dropping_a_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE import_staging (id bigint);
                DROP TABLE import_staging;
                """);
    }

    @Test
    void allows_drop_if_exists_of_a_table_the_catalog_does_not_have() {
        allows(H, "DROP TABLE IF EXISTS never_created;", settings(), invoices());
    }
}
