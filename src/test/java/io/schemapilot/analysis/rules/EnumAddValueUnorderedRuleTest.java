package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class EnumAddValueUnorderedRuleTest {
    private static final Hazard H = Hazard.ENUM_ADD_VALUE_UNORDERED;

    @Test
    void flags_add_value_without_position() {
        Finding f = flags(H, "ALTER TYPE order_status ADD VALUE 'packed';").get(0);
        assertEquals(Risk.LOW, f.risk());
        assertNull(f.lock());
        assertEquals("public.order_status", f.object());
        assertNull(f.fix());
    }

    @Test
    void flags_with_the_catalog_naming_the_last_label_and_offering_after() {
        var cat = catalog().enumType("order_status", "new", "paid", "delivered").build();
        Finding f = flags(H, "ALTER TYPE order_status ADD VALUE 'packed';", settings(), cat).get(0);
        assertTrue(f.message().contains("'delivered'"), f.message());
        assertEquals("ALTER TYPE order_status ADD VALUE 'packed' AFTER 'delivered';", f.fix());
    }

    @Test
    void allows_before_and_after() {
        allows(H, """
                ALTER TYPE order_status ADD VALUE 'packed' AFTER 'paid';
                ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'draft' BEFORE 'new';
                """);
    }

    @Test
    void allows_if_not_exists_of_a_label_the_catalog_already_has() {
        var cat = catalog().enumType("order_status", "new", "paid").build();
        allows(H, "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'paid';", settings(), cat);
    }
}
