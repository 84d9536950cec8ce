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
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class RenameEnumValueRuleTest {
    private static final Hazard H = Hazard.RENAME_ENUM_VALUE;

    @Test
    void flags_rename_value() {
        Finding f = flags(H, "ALTER TYPE order_status RENAME VALUE 'pending' TO 'awaiting_payment';").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertNull(f.lock());
        assertEquals("public.order_status", f.object());
    }

    @Test
    void flags_and_says_it_fails_before_pg10() {
        Finding f = flags(H, "ALTER TYPE order_status RENAME VALUE 'pending' TO 'waiting';",
                settings().withPgVersion(PgVersion.parse("9.6")), null).get(0);
        assertTrue(f.message().contains("before PostgreSQL 10"), f.message());
    }

    @Test
    void allows_renaming_in_a_type_created_in_the_same_migration() {
        allows(H, """
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';
                """);
    }

    @Test
    void allows_a_label_the_catalog_does_not_have() {
        var cat = catalog().enumType("order_status", "new", "paid").build();
        allows(H, "ALTER TYPE order_status RENAME VALUE 'pending' TO 'waiting';", settings(), cat);
    }
}
