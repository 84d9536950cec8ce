package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddColumnJsonRuleTest {
    private static final Hazard H = Hazard.ADD_COLUMN_JSON;

    @Test
    void flags_a_json_column_and_offers_jsonb() {
        Finding f = flags(H, "ALTER TABLE events ADD COLUMN payload json NOT NULL DEFAULT '{}';").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.events", f.object());
        assertTrue(f.message().contains("no equality operator"), f.message());
        assertEquals("ALTER TABLE events ADD COLUMN payload jsonb NOT NULL DEFAULT '{}';", f.fix());
    }

    @Test
    void flags_json_columns_of_new_tables_too() {
        Finding f = flags(H, "CREATE TABLE webhooks (id bigint PRIMARY KEY, json_body json, headers json[]);").get(0);
        assertNull(f.lock(), "CREATE TABLE locks nothing anyone waits for");
        assertTrue(f.message().startsWith("Column public.webhooks.json_body is json"), f.message());
        assertEquals(2, flags(H, "CREATE TABLE webhooks (id bigint PRIMARY KEY, json_body json, headers json[]);").size());
    }

    @Test
    void allows_jsonb() {
        allows(H, """
                ALTER TABLE events ADD COLUMN payload jsonb;
                CREATE TABLE webhooks (id bigint PRIMARY KEY, body jsonb NOT NULL);
                """);
    }

    @Test
    void allows_columns_merely_named_json() {
        allows(H, "ALTER TABLE events ADD COLUMN json text;");
    }
}
