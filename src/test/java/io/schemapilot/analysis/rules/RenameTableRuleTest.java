package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class RenameTableRuleTest {
    private static final Hazard H = Hazard.RENAME_TABLE;

    @Test
    void flags_rename_table_with_a_compatibility_view_fix() {
        Finding f = flags(H, "ALTER TABLE customers RENAME TO accounts;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.customers", f.object());
        assertTrue(f.fix().contains("CREATE VIEW customers AS SELECT * FROM accounts;"), f.fix());
    }

    @Test
    void flags_when_the_later_view_has_another_name_or_is_materialized() {
        flags(H, """
                ALTER TABLE billing.customers RENAME TO accounts;
                CREATE VIEW public.customers AS SELECT * FROM billing.accounts;
                """);
        flags(H, """
                ALTER TABLE customers RENAME TO accounts;
                CREATE MATERIALIZED VIEW customers AS SELECT * FROM accounts;
                """);
    }

    @Test
    void allows_rename_followed_by_a_view_with_the_old_name() {
        allows(H, """
                BEGIN;
                ALTER TABLE customers RENAME TO accounts;
                CREATE VIEW customers AS SELECT * FROM accounts;
                COMMIT;
                """);
    }

    @Test
    void allows_renaming_a_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE accounts_new (id bigint);
                ALTER TABLE accounts_new RENAME TO accounts_v2;
                """);
    }
}
