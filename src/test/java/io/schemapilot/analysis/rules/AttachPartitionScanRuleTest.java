package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttachPartitionScanRuleTest {
    private static final Hazard H = Hazard.ATTACH_PARTITION_SCAN;
    private static final String ATTACH = """
            ALTER TABLE measurements ATTACH PARTITION measurements_2024
                FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            """;

    @Test
    void flags_attach_without_a_check() {
        Finding f = flags(H, ATTACH).get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.measurements_2024", f.object());
    }

    @Test
    void flags_high_before_pg12_where_the_parent_is_locked_too() {
        Finding f = flags(H, ATTACH, settings().withPgVersion(PgVersion.parse("11")), null).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("parent public.measurements"), f.message());
    }

    @Test
    void flags_when_only_a_not_valid_or_not_null_check_exists() {
        flags(H, """
                ALTER TABLE measurements_2024 ADD CONSTRAINT b CHECK (logged_at >= '2024-01-01') NOT VALID;
                ALTER TABLE measurements_2024 ADD CONSTRAINT nn CHECK (logged_at IS NOT NULL);
                """ + ATTACH);
    }

    @Test
    void allows_attach_after_a_validated_check() {
        allows(H, """
                ALTER TABLE measurements_2024 ADD CONSTRAINT b
                    CHECK (logged_at >= '2024-01-01' AND logged_at < '2025-01-01') NOT VALID;
                ALTER TABLE measurements_2024 VALIDATE CONSTRAINT b;
                """ + ATTACH);
    }

    @Test
    void allows_attach_when_the_catalog_shows_a_validated_check_or_the_table_is_new() {
        var cat = catalog().table("measurements_2024", 5_000_000)
                .constraint("b", 'c', List.of("logged_at"), true,
                        "CHECK (logged_at >= '2024-01-01' AND logged_at < '2025-01-01')")
                .build();
        allows(H, ATTACH, settings(), cat);
        allows(H, "CREATE TABLE measurements_2024 (LIKE measurements);\n" + ATTACH);
    }
}
