package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenameSchemaRuleTest {
    private static final Hazard H = Hazard.RENAME_SCHEMA;

    private static CatalogSnapshot billing() {
        return new CatalogSnapshot("shop", "16.4", 160004, Map.of(), List.of("public", "billing"),
                List.of(new CatalogSnapshot.Table("billing", "invoices", 'r', false, null, 10, 0, List.of(),
                        List.of(), List.of(), List.of(), List.of())), List.of(), List.of());
    }

    @Test
    void flags_rename_schema_without_a_table_lock() {
        Finding f = flags(H, "ALTER SCHEMA billing RENAME TO finance;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertNull(f.lock());
        assertEquals("billing", f.object());
    }

    @Test
    void flags_with_the_catalog_counting_what_the_schema_holds() {
        Finding f = flags(H, "ALTER SCHEMA billing RENAME TO finance;", settings(), billing()).get(0);
        assertTrue(f.message().contains("1 table(s)"), f.message());
    }

    @Test
    void allows_renaming_a_schema_created_in_the_same_migration() {
        allows(H, """
                CREATE SCHEMA finance_tmp;
                ALTER SCHEMA finance_tmp RENAME TO finance;
                """);
    }

    @Test
    void allows_a_schema_the_catalog_does_not_have() {
        allows(H, "ALTER SCHEMA nope RENAME TO finance;", settings(), billing());
    }
}
