package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class DetachPartitionNonConcurrentRuleTest {
    private static final Hazard H = Hazard.DETACH_PARTITION_NON_CONCURRENT;

    @Test
    void flags_plain_detach_with_a_concurrently_fix_on_pg14() {
        Finding f = flags(H, "ALTER TABLE measurements DETACH PARTITION measurements_2022;").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.measurements", f.object());
        assertEquals("ALTER TABLE measurements DETACH PARTITION measurements_2022 CONCURRENTLY;", f.fix());
    }

    @Test
    void flags_without_a_fix_before_pg14() {
        Finding f = flags(H, "ALTER TABLE measurements DETACH PARTITION measurements_2022;",
                settings().withPgVersion(PgVersion.parse("13")), null).get(0);
        assertNull(f.fix());
        assertTrue(f.message().contains("no concurrent form"), f.message());
    }

    @Test
    void allows_concurrently_and_finalize() {
        allows(H, """
                ALTER TABLE measurements DETACH PARTITION measurements_2022 CONCURRENTLY;
                ALTER TABLE measurements DETACH PARTITION measurements_2021 FINALIZE;
                """);
    }

    @Test
    void allows_detaching_from_a_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
                CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                ALTER TABLE events DETACH PARTITION events_2024;
                """);
    }
}
