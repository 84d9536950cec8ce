package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetNotNullFullScanRuleTest {
    private static final Hazard H = Hazard.SET_NOT_NULL_FULL_SCAN;
    private static final String RECIPE = """
            ALTER TABLE orders ADD CONSTRAINT orders_customer_id_nn CHECK (customer_id IS NOT NULL) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_nn;
            ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
            """;

    @Test
    void flags_set_not_null_with_the_check_recipe() {
        Finding f = flags(H, "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("public.orders.customer_id"), f.message());
        assertTrue(f.fix().contains("CHECK (customer_id IS NOT NULL) NOT VALID"), f.fix());
        assertTrue(f.fix().contains("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;"), f.fix());
        Finding pg18 = flags(H, "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;",
                settings().withPgVersion(PgVersion.parse("18")), null).get(0);
        assertTrue(pg18.fix().startsWith(
                "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null NOT NULL customer_id NOT VALID;"),
                pg18.fix());
        flags(H, "ALTER TABLE orders ADD CONSTRAINT orders_customer_id_nn NOT NULL customer_id;",
                settings().withPgVersion(PgVersion.parse("18")), null);
    }

    @Test
    void flags_the_recipe_before_postgresql_12_and_a_not_valid_check_that_was_never_validated() {
        AnalysisSettings pg11 = settings().withPgVersion(PgVersion.parse("11"));
        Finding f = flags(H, RECIPE, pg11, null).get(0);
        assertTrue(f.message().contains("PostgreSQL 11 does not use the validated CHECK"), f.message());
        flags(H, """
                ALTER TABLE orders ADD CONSTRAINT orders_customer_id_nn CHECK (customer_id IS NOT NULL) NOT VALID;
                ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
                """);
    }

    @Test
    void allows_the_check_recipe_on_postgresql_12_and_later() {
        allows(H, RECIPE);
        allows(H, """
                ALTER TABLE orders ADD CONSTRAINT orders_customer_id_nn NOT NULL customer_id NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_nn;
                ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
                """, settings().withPgVersion(PgVersion.parse("18")), null);
    }

    @Test
    void allows_what_the_catalog_proves_and_new_tables() {
        CatalogSnapshot cat = catalog().table("orders", 5_000_000)
                .column("customer_id", "bigint", "int8", false)
                .column("id", "bigint", "int8", true)
                .constraint("orders_customer_id_nn", 'c', List.of("customer_id"), true,
                        "CHECK ((customer_id IS NOT NULL))")
                .build();
        allows(H, "ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;", settings(), cat);
        allows(H, "ALTER TABLE orders ALTER COLUMN id SET NOT NULL;", settings().withPgVersion(PgVersion.parse("10")),
                cat);
        allows(H, """
                CREATE TABLE refunds (id bigint PRIMARY KEY, reason text);
                ALTER TABLE refunds ALTER COLUMN reason SET NOT NULL;
                """);
    }
}
