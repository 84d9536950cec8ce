package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddColumnGeneratedStoredRuleTest {
    private static final Hazard H = Hazard.ADD_COLUMN_GENERATED_STORED;
    private static final AnalysisSettings PG18 = settings().withPgVersion(PgVersion.parse("18"));

    @Test
    void flags_a_stored_generated_column() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) STORED;")
                .get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.rewrite());
        assertNull(f.fix(), "no VIRTUAL before PostgreSQL 18");
        assertTrue(f.help().contains("trigger"), f.help());
    }

    @Test
    void flags_on_postgresql_18_with_the_virtual_alternative() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) STORED;",
                PG18, null).get(0);
        assertTrue(f.help().startsWith("Make it VIRTUAL"), f.help());
        assertEquals("ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL;", f.fix());
    }

    @Test
    void allows_virtual_generated_columns() {
        allows(H, "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price) VIRTUAL;", PG18, null);
        allows(H, "ALTER TABLE orders ADD COLUMN total numeric GENERATED ALWAYS AS (qty * price);", PG18, null);
    }

    @Test
    void allows_plain_columns_and_new_tables() {
        allows(H, """
                ALTER TABLE orders ADD COLUMN total numeric;
                CREATE TABLE invoices (id bigint PRIMARY KEY, net numeric, tax numeric);
                ALTER TABLE invoices ADD COLUMN gross numeric GENERATED ALWAYS AS (net + tax) STORED;
                """);
    }
}
