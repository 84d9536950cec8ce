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

class Pg14ConcurrentIndexCorruptionRuleTest {
    private static final Hazard H = Hazard.PG14_CONCURRENT_INDEX_CORRUPTION;
    private static final String CIC = "CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);";

    private static AnalysisSettings pg(String v) {
        return settings().withPgVersion(PgVersion.parse(v));
    }

    @Test
    void flags_create_index_concurrently_on_14_2() {
        Finding f = flags(H, CIC, pg("14.2"), null).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.message().contains("PostgreSQL 14.2"), f.message());
        assertTrue(f.help().contains("14.4"), f.help());
    }

    @Test
    void flags_reindex_concurrently_on_a_bare_14_saying_the_minor_was_assumed() {
        Finding f = flags(H, "REINDEX TABLE CONCURRENTLY orders;", pg("14"), null).get(0);
        assertTrue(f.message().contains("no minor version given"), f.message());
    }

    @Test
    void allows_14_4_and_later() {
        allows(H, CIC, pg("14.4"), null);
        allows(H, CIC, pg("16"), null);
        allows(H, CIC, pg("13.9"), null);
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE invoices (id bigint PRIMARY KEY, issued_at timestamptz);
                CREATE INDEX CONCURRENTLY invoices_issued_at_idx ON invoices (issued_at);
                """, pg("14.1"), null);
    }
}
