package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddColumnDefaultPrePg11RuleTest {
    private static final Hazard H = Hazard.ADD_COLUMN_DEFAULT_PRE_PG11;
    private static final AnalysisSettings PG10 = settings().withPgVersion(PgVersion.parse("10"));

    @Test
    void flags_a_constant_default_on_postgresql_10() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';", PG10, null).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.rewrite());
        assertTrue(f.message().contains("PostgreSQL 10"), f.message());
        assertTrue(f.fix().contains("ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';"), f.fix());
    }

    @Test
    void flags_now_and_not_null_defaults_on_9_6() {
        AnalysisSettings pg96 = settings().withPgVersion(PgVersion.parse("9.6"));
        flags(H, "ALTER TABLE orders ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();", pg96, null);
        flags(H, "ALTER TABLE app.orders ADD COLUMN flag boolean DEFAULT false;", pg96, null);
    }

    @Test
    void allows_defaults_on_postgresql_11_and_later() {
        allows(H, "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';");
        allows(H, "ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';",
                settings().withPgVersion(PgVersion.parse("11")), null);
    }

    @Test
    void allows_null_defaults_bare_columns_and_new_tables_on_10() {
        allows(H, """
                ALTER TABLE orders ADD COLUMN note text DEFAULT NULL;
                ALTER TABLE orders ADD COLUMN status text;
                ALTER TABLE orders ALTER COLUMN status SET DEFAULT 'new';
                CREATE TABLE refunds (id bigint PRIMARY KEY);
                ALTER TABLE refunds ADD COLUMN state text DEFAULT 'open';
                """, PG10, null);
    }
}
