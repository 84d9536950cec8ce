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
import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CascadeToDependentsRuleTest {
    private static final Hazard H = Hazard.CASCADE_TO_DEPENDENTS;

    private static CatalogSnapshot.Table table(String name, long rows, List<CatalogSnapshot.Constraint> constraints,
                                               List<String> views) {
        return new CatalogSnapshot.Table("public", name, 'r', false, null, rows, rows * 100, List.of(), constraints,
                List.of(), List.of(), views);
    }

    /** customers <- orders (FK) <- order_items (FK); view customer_summary on customers. */
    private static CatalogSnapshot shop() {
        CatalogSnapshot.Constraint ordersFk = new CatalogSnapshot.Constraint("orders_customer_id_fkey", 'f',
                List.of("customer_id"), true, "FOREIGN KEY (customer_id) REFERENCES customers(id)",
                new QualifiedName("public", "customers"), null);
        CatalogSnapshot.Constraint itemsFk = new CatalogSnapshot.Constraint("order_items_order_id_fkey", 'f',
                List.of("order_id"), true, "FOREIGN KEY (order_id) REFERENCES orders(id)",
                new QualifiedName("public", "orders"), null);
        return new CatalogSnapshot("shop", "16.4", 160004, Map.of("search_path", "public"), List.of("public"),
                List.of(table("customers", 80_000, List.of(), List.of("public.customer_summary")),
                        table("orders", 2_000_000, List.of(ordersFk), List.of()),
                        table("order_items", 9_000_000, List.of(itemsFk), List.of()),
                        new CatalogSnapshot.Table("public", "customer_summary", 'v', false, null, 0, 0, List.of(),
                                List.of(), List.of(), List.of(), List.of()),
                        table("notes", 10, List.of(), List.of())),
                List.of(), List.of());
    }

    @Test
    void flags_drop_table_cascade_with_a_restrict_fix() {
        Finding f = flags(H, "DROP TABLE customers CASCADE;").get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.customers", f.object());
        assertEquals("DROP TABLE customers RESTRICT;", f.fix());
    }

    @Test
    void flags_with_the_catalog_listing_dependent_views_and_foreign_keys() {
        Finding f = flags(H, "DROP TABLE customers CASCADE;", settings(), shop()).get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertTrue(f.message().contains("view public.customer_summary"), f.message());
        assertTrue(f.message().contains("foreign keys of public.orders"), f.message());
    }

    @Test
    void flags_truncate_cascade_with_the_tables_it_empties_recursively() {
        Finding f = flags(H, "TRUNCATE customers CASCADE;", settings(), shop()).get(0);
        assertTrue(f.message().contains("public.orders (~2,000,000 rows"), f.message());
        assertTrue(f.message().contains("public.order_items (~9,000,000 rows"), f.message());
    }

    @Test
    void flags_drop_type_column_schema_and_function_cascade() {
        flags(H, "DROP TYPE order_status CASCADE;");
        flags(H, "ALTER TABLE orders DROP COLUMN customer_id CASCADE;");
        flags(H, "DROP SCHEMA reporting CASCADE;");
        flags(H, "DROP FUNCTION refresh_totals() CASCADE;");
    }

    @Test
    void flags_at_medium_when_the_catalog_shows_no_dependents() {
        Finding f = flags(H, "DROP TABLE notes CASCADE;", settings(), shop()).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
    }

    @Test
    void allows_restrict_and_the_default() {
        allows(H, """
                DROP VIEW customer_summary;
                DROP TABLE customers RESTRICT;
                TRUNCATE orders;
                ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
                """);
    }

    @Test
    void allows_cascade_on_objects_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE staging (id bigint);
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                DROP TABLE staging CASCADE;
                DROP TYPE mood CASCADE;
                """);
    }

    @Test
    void allows_drop_if_exists_cascade_of_a_table_the_catalog_does_not_have() {
        allows(H, "DROP TABLE IF EXISTS never_created CASCADE;", settings(), catalog().table("x", 1).build());
    }
}
