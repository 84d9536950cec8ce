package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddForeignKeyValidatingRuleTest {
    private static final Hazard H = Hazard.ADD_FOREIGN_KEY_VALIDATING;

    @Test
    void flags_add_constraint_foreign_key_naming_both_tables() {
        Finding f = flags(H, "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE CASCADE;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.SHARE_ROW_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("public.orders and public.users"), f.message());
        assertTrue(f.fix().startsWith("ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) "
                + "REFERENCES users (id) ON DELETE CASCADE NOT VALID;"), f.fix());
        assertTrue(f.fix().endsWith("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;"), f.fix());
        Finding unnamed = flags(H, "ALTER TABLE orders ADD FOREIGN KEY (shop_id) REFERENCES shops;").get(0);
        assertTrue(unnamed.message().contains("orders_shop_id_fkey"), unnamed.message());
    }

    @Test
    void flags_add_column_references_under_access_exclusive() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE SET NULL;")
                .get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertTrue(f.message().contains("public.users"), f.message());
        assertTrue(f.fix().startsWith("ALTER TABLE orders ADD COLUMN user_id bigint;\n"
                + "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) "
                + "ON DELETE SET NULL NOT VALID;"), f.fix());
    }

    @Test
    void flags_a_partitioned_table_before_18_without_the_not_valid_fix() {
        CatalogSnapshot cat = catalog().partitionedTable("events").column("user_id", "bigint", "int8", false).build();
        String sql = "ALTER TABLE events ADD CONSTRAINT events_user_fk FOREIGN KEY (user_id) REFERENCES users;";
        Finding f = flags(H, sql, settings(), cat).get(0);
        assertTrue(f.help().startsWith("Before PostgreSQL 18 a partitioned table cannot take NOT VALID"), f.help());
        assertNull(f.fix());
        Finding pg18 = flags(H, sql, settings().withPgVersion(PgVersion.parse("18")), cat).get(0);
        assertTrue(pg18.fix().contains("NOT VALID;"), pg18.fix());
    }

    @Test
    void allows_not_valid_then_validate_in_separate_transactions() {
        allows(H, """
                ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;
                """);
    }

    @Test
    void allows_a_new_referencing_table() {
        allows(H, """
                CREATE TABLE order_notes (id bigint PRIMARY KEY, order_id bigint REFERENCES orders (id));
                ALTER TABLE order_notes ADD CONSTRAINT order_notes_author_fkey FOREIGN KEY (author_id) REFERENCES users;
                ALTER TABLE order_notes ADD COLUMN editor_id bigint REFERENCES users (id);
                """);
    }
}
