package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class IdentifierTooLongRuleTest {
    private static final Hazard H = Hazard.IDENTIFIER_TOO_LONG;
    private static final String LONG = "orders_customer_id_created_at_status_shipping_country_partial_idx"; // 65

    @Test
    void flags_a_long_index_name_with_its_truncation() {
        assertEquals(65, LONG.length());
        Finding f = flags(H, "CREATE INDEX CONCURRENTLY " + LONG + " ON orders (customer_id, created_at);\n"
                + "COMMENT ON INDEX " + LONG + " IS 'for the dashboard';").get(0);
        assertEquals(Risk.LOW, f.risk());
        assertEquals(LONG, f.object());
        assertTrue(f.message().contains("65 bytes") && f.message().contains('"' + LONG.substring(0, 63) + '"'),
                f.message());
    }

    @Test
    void flags_multibyte_names_by_bytes_and_cuts_at_a_character_boundary() {
        String name = "é".repeat(32); // 32 characters, 64 bytes
        Finding f = flags(H, "GRANT SELECT ON \"" + name + "\" TO reporting;").get(0);
        assertTrue(f.message().contains("64 bytes") && f.message().contains('"' + "é".repeat(31) + "\" (62 bytes)"),
                f.message());
    }

    @Test
    void allows_names_of_exactly_63_bytes() {
        allows(H, "CREATE TABLE " + "t".repeat(63) + " (id bigint PRIMARY KEY);");
    }

    @Test
    void allows_long_string_literals_and_comments() {
        allows(H, "COMMENT ON TABLE orders IS '" + "x".repeat(200) + "'; -- " + "y".repeat(100));
    }
}
