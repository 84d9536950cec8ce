package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class TypeTimestampWithoutTzRuleTest {
    private static final Hazard H = Hazard.TYPE_TIMESTAMP_WITHOUT_TZ;

    @Test
    void flags_timestamp_columns_of_a_new_table_with_a_fix() {
        List<Finding> all = flags(H, """
                CREATE TABLE events (
                    id bigint PRIMARY KEY,
                    created_at timestamp NOT NULL DEFAULT now(),
                    processed_at timestamp(3) without time zone
                )""");
        assertEquals(2, all.size());
        Finding f = all.get(0);
        assertEquals(Risk.LOW, f.risk());
        assertEquals("public.events.created_at", f.object());
        assertTrue(f.fix().contains("created_at timestamptz NOT NULL") && f.fix().contains("processed_at timestamp(3)"),
                f.fix());
        assertTrue(all.get(1).fix().contains("processed_at timestamptz(3)\n"), all.get(1).fix());
    }

    @Test
    void flags_add_column_and_alter_column_type() {
        Finding add = flags(H, "ALTER TABLE orders ADD COLUMN shipped_at TIMESTAMP;").get(0);
        assertEquals("ALTER TABLE orders ADD COLUMN shipped_at timestamptz;", add.fix());
        Finding alter = flags(H, "ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamp without time zone;").get(0);
        assertEquals("ALTER TABLE orders ALTER COLUMN shipped_at TYPE timestamptz;", alter.fix());
    }

    @Test
    void allows_timestamptz_in_both_spellings() {
        allows(H, """
                CREATE TABLE events (id bigint PRIMARY KEY, created_at timestamptz, seen_at timestamp with time zone);
                ALTER TABLE orders ADD COLUMN shipped_at timestamptz(0);
                """);
    }

    @Test
    void allows_dates_and_times_of_day() {
        allows(H, "CREATE TABLE shifts (id bigint PRIMARY KEY, day date, starts time, timestamp_note text);");
    }
}
