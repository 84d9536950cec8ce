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
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropSchemaRuleTest {
    private static final Hazard H = Hazard.DROP_SCHEMA;

    private static CatalogSnapshot reporting() {
        List<CatalogSnapshot.Table> tables = List.of(
                new CatalogSnapshot.Table("reporting", "daily", 'r', false, null, 1_000, 0, List.of(), List.of(),
                        List.of(), List.of(), List.of()),
                new CatalogSnapshot.Table("reporting", "monthly", 'r', false, null, 500, 0, List.of(), List.of(),
                        List.of(), List.of(), List.of()));
        return new CatalogSnapshot("shop", "16.4", 160004, Map.of(), List.of("public", "reporting"), tables,
                List.of(), List.of());
    }

    @Test
    void flags_drop_schema_cascade() {
        Finding f = flags(H, "DROP SCHEMA reporting CASCADE;").get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("reporting", f.object());
    }

    @Test
    void flags_with_the_catalog_counting_tables_and_rows() {
        Finding f = flags(H, "DROP SCHEMA reporting CASCADE;", settings(), reporting()).get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertTrue(f.message().contains("2 table(s) holding ~1,500 rows"), f.message());
        Finding restrict = flags(H, "DROP SCHEMA reporting;", settings(), reporting()).get(0);
        assertTrue(restrict.message().contains("without CASCADE it fails"), restrict.message());
    }

    @Test
    void allows_a_schema_created_in_the_same_migration() {
        allows(H, """
                CREATE SCHEMA IF NOT EXISTS scratch;
                DROP SCHEMA scratch CASCADE;
                """);
    }

    @Test
    void allows_drop_if_exists_of_a_schema_the_catalog_does_not_have() {
        allows(H, "DROP SCHEMA IF EXISTS old_stuff;", settings(), reporting());
    }
}
