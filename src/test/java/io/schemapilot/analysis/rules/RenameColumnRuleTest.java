package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class RenameColumnRuleTest {
    private static final Hazard H = Hazard.RENAME_COLUMN;

    @Test
    void flags_rename_column() {
        Finding f = flags(H, "ALTER TABLE users RENAME COLUMN email TO email_address;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.users.email", f.object());
    }

    @Test
    void flags_rename_without_the_column_keyword_when_the_catalog_has_the_column() {
        var cat = catalog().table("users", 10).column("email", "text", "text", false).build();
        Finding f = flags(H, "ALTER TABLE users RENAME email TO email_address;", settings(), cat).get(0);
        assertEquals("public.users.email", f.object());
    }

    @Test
    void allows_renames_on_new_tables_and_new_columns() {
        allows(H, """
                CREATE TABLE invites (id bigint, mail text);
                ALTER TABLE invites RENAME COLUMN mail TO email;
                ALTER TABLE users ADD COLUMN nick text;
                ALTER TABLE users RENAME COLUMN nick TO nickname;
                """);
    }

    @Test
    void allows_a_column_the_catalog_does_not_have() {
        var cat = catalog().table("users", 10).column("email", "text", "text", false).build();
        allows(H, "ALTER TABLE users RENAME COLUMN mail TO email2;", settings(), cat);
    }
}
