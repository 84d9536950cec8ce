package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruncateTableRuleTest {
    private static final Hazard H = Hazard.TRUNCATE_TABLE;

    @Test
    void flags_truncate_of_an_existing_table() {
        Finding f = flags(H, "TRUNCATE TABLE audit_events RESTART IDENTITY;").get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.audit_events", f.object());
    }

    @Test
    void flags_only_the_pre_existing_tables_with_the_catalog_row_estimate() {
        List<Finding> fs = flags(H, """
                CREATE TABLE staging (id bigint);
                TRUNCATE staging, audit_events;
                """, settings(), catalog().table("audit_events", 42_000).build());
        assertEquals(1, fs.size());
        assertEquals("public.audit_events", fs.get(0).object());
        assertEquals(Risk.CRITICAL, fs.get(0).risk());
        assertTrue(fs.get(0).message().contains("42,000 rows"), fs.get(0).message());
    }

    @Test
    void allows_truncate_of_a_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE audit_import (id bigint);
                INSERT INTO audit_import SELECT id FROM audit_events;
                TRUNCATE audit_import;
                """);
    }

    @Test
    void allows_batched_deletes() {
        allows(H, "DELETE FROM audit_events WHERE id <= 100000;");
    }
}
