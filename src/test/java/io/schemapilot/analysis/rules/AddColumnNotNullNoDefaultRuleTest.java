package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddColumnNotNullNoDefaultRuleTest {
    private static final Hazard H = Hazard.ADD_COLUMN_NOT_NULL_NO_DEFAULT;

    @Test
    void flags_not_null_without_default_on_an_existing_table() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN priority integer NOT NULL;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertFalse(f.rewrite());
        assertTrue(f.help().contains("constant DEFAULT"), f.help());
        flags(H, "ALTER TABLE orders ADD COLUMN code text DEFAULT NULL NOT NULL;");
        flags(H, "ALTER TABLE orders ADD COLUMN ext_id bigint PRIMARY KEY;");
        Finding old = flags(H, "ALTER TABLE orders ADD COLUMN priority integer NOT NULL;",
                settings().withPgVersion(PgVersion.parse("10")), null).get(0);
        assertTrue(old.help().startsWith("Add the column nullable"), old.help());
    }

    @Test
    void flags_an_empty_table_from_the_catalog_but_says_why_it_still_matters() {
        CatalogSnapshot cat = catalog().table("orders", 0).column("id", "bigint", "int8", true).build();
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN priority integer NOT NULL;", settings(), cat).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("estimates it empty"), f.message());
    }

    @Test
    void allows_defaults_identity_serial_and_generated_columns() {
        allows(H, """
                ALTER TABLE orders ADD COLUMN priority integer NOT NULL DEFAULT 0;
                ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY NOT NULL;
                ALTER TABLE orders ADD COLUMN n bigserial NOT NULL;
                ALTER TABLE orders ADD COLUMN total numeric NOT NULL GENERATED ALWAYS AS (a + b) STORED;
                ALTER TABLE orders ADD COLUMN note text;
                """);
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE shipments (id bigint PRIMARY KEY);
                ALTER TABLE shipments ADD COLUMN carrier text NOT NULL;
                """);
    }
}
