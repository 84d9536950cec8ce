package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.run;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeBoundedCharRuleTest {
    private static final Hazard H = Hazard.TYPE_BOUNDED_CHAR;

    @Test
    void flags_varchar_and_char_columns_of_a_new_table() {
        List<Finding> all = flags(H, """
                CREATE TABLE customers (
                    id bigint PRIMARY KEY,
                    email character varying(255) NOT NULL,
                    country char(2),
                    flag character,
                    notes text
                );
                """);
        assertEquals(3, all.size());
        Finding email = all.get(0);
        assertEquals(Risk.LOW, email.risk());
        assertEquals("public.customers.email", email.object());
        assertTrue(email.message().contains("varchar(255)"), email.message());
        assertTrue(email.help().contains("char_length(email) <= 255"), email.help());
        assertTrue(all.get(1).message().contains("pads"), all.get(1).message());
        assertTrue(all.get(2).message().contains("char(1)"), all.get(2).message());
    }

    @Test
    void flags_add_column_and_alter_column_type() {
        assertEquals("public.orders.coupon", flags(H, "ALTER TABLE orders ADD COLUMN coupon varchar(20);")
                .get(0).object());
        Finding f = flags(H, "ALTER TABLE orders ALTER COLUMN coupon TYPE varchar(40);").get(0);
        assertTrue(f.message().contains("is changed to varchar(40)"), f.message());
    }

    @Test
    void allows_text_and_unbounded_varchar() {
        allows(H, """
                CREATE TABLE customers (id bigint PRIMARY KEY, email text CHECK (char_length(email) <= 255), nick varchar);
                ALTER TABLE orders ALTER COLUMN coupon TYPE text;
                """);
    }

    @Test
    void allows_everything_without_hygiene() {
        assertTrue(run("CREATE TABLE c (code char(2));", settings().withHygiene(false), null).stream()
                .noneMatch(f -> f.hazard().equals(H.id())));
    }
}
