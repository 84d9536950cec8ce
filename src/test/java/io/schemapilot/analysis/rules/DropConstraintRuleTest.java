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

class DropConstraintRuleTest {
    private static final Hazard H = Hazard.DROP_CONSTRAINT;

    private static CatalogSnapshot orders() {
        return catalog().table("orders", 3_000_000)
                .column("id", "bigint", "int8", true)
                .column("customer_id", "bigint", "int8", true)
                .constraint("orders_pkey", 'p', List.of("id"), true, "PRIMARY KEY (id)")
                .constraint("fk_orders_customer", 'f', List.of("customer_id"), true,
                        "FOREIGN KEY (customer_id) REFERENCES customers(id)")
                .constraint("positive_total", 'c', List.of("total"), true, "CHECK ((total > 0))")
                .build();
    }

    @Test
    void flags_a_foreign_key_recognised_by_its_name() {
        Finding f = flags(H, "ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("foreign key orders_customer_id_fkey (by its name)"), f.message());
        assertTrue(f.message().contains("the table it references"), f.message());
    }

    @Test
    void flags_with_the_kind_and_referenced_table_from_the_catalog() {
        Finding fk = flags(H, "ALTER TABLE orders DROP CONSTRAINT fk_orders_customer;", settings(), orders()).get(0);
        assertTrue(fk.message().contains("foreign key fk_orders_customer (per the catalog)"), fk.message());
        assertTrue(fk.message().contains("referenced table customers"), fk.message());
        Finding check = flags(H, "ALTER TABLE orders DROP CONSTRAINT positive_total;", settings(), orders()).get(0);
        assertTrue(check.message().contains("check constraint positive_total (per the catalog)"), check.message());
        Finding pk = flags(H, "ALTER TABLE orders DROP CONSTRAINT orders_pkey;", settings(), orders()).get(0);
        assertTrue(pk.message().contains("drops the index"), pk.message());
        assertTrue(pk.help().contains("CONCURRENTLY"), pk.help());
    }

    @Test
    void flags_an_unknown_kind_mentioning_foreign_keys() {
        Finding f = flags(H, "ALTER TABLE orders DROP CONSTRAINT legacy_rule;").get(0);
        assertTrue(f.message().contains("referenced table too"), f.message());
    }

    @Test
    void allows_if_exists_of_a_constraint_the_catalog_does_not_have() {
        allows(H, "ALTER TABLE orders DROP CONSTRAINT IF EXISTS orders_status_check;", settings(), orders());
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE coupons (id bigint PRIMARY KEY, code text CONSTRAINT coupons_code_check CHECK (code <> ''));
                ALTER TABLE coupons DROP CONSTRAINT coupons_code_check;
                """);
    }
}
