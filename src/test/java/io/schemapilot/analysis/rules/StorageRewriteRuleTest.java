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
import org.junit.jupiter.api.Test;

class StorageRewriteRuleTest {
    private static final Hazard H = Hazard.STORAGE_REWRITE;

    @Test
    void flags_set_tablespace_as_a_rewrite() {
        Finding f = flags(H, "ALTER TABLE events SET TABLESPACE fast_ssd;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertTrue(f.rewrite());
        assertEquals("public.events", f.object());
    }

    @Test
    void flags_unlogged_access_method_and_all_in_tablespace() {
        assertTrue(flags(H, "ALTER TABLE events SET UNLOGGED;").get(0).message().contains("emptied after a crash"));
        Finding am = flags(H, "ALTER TABLE events SET ACCESS METHOD heap2;",
                settings().withPgVersion(PgVersion.parse("14")), null).get(0);
        assertTrue(am.message().contains("needs PostgreSQL 15"), am.message());
        assertEquals("tablespace pg_default",
                flags(H, "ALTER TABLE ALL IN TABLESPACE pg_default SET TABLESPACE fast_ssd;").get(0).object());
    }

    @Test
    void flags_with_the_catalog_row_estimate() {
        Finding f = flags(H, "ALTER TABLE events SET UNLOGGED;", settings(),
                catalog().table("events", 8_000_000).build()).get(0);
        assertTrue(f.message().contains("8,000,000 rows"), f.message());
    }

    @Test
    void allows_new_tables_and_partitioned_parents() {
        allows(H, """
                CREATE UNLOGGED TABLE events_import (id bigint);
                ALTER TABLE events_import SET LOGGED;
                CREATE TABLE metrics (at date) PARTITION BY RANGE (at);
                ALTER TABLE metrics SET TABLESPACE fast_ssd;
                """);
    }

    @Test
    void allows_a_persistence_change_the_catalog_shows_is_a_no_op() {
        allows(H, "ALTER TABLE events SET LOGGED;", settings(), catalog().table("events", 8_000_000).build());
    }
}
