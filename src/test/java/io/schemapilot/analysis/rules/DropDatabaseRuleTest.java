package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class DropDatabaseRuleTest {
    private static final Hazard H = Hazard.DROP_DATABASE;

    @Test
    void flags_drop_database() {
        Finding f = flags(H, "DROP DATABASE IF EXISTS analytics_old;").get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("analytics_old", f.object());
        assertTrue(f.message().contains("nobody else is connected"), f.message());
    }

    @Test
    void flags_force_and_the_database_the_catalog_was_read_from() {
        Finding f = flags(H, "DROP DATABASE test WITH (FORCE);", settings(), catalog().build()).get(0);
        assertTrue(f.message().contains("terminating every connected session"), f.message());
        assertTrue(f.message().contains("the database this migration runs against"), f.message());
    }

    @Test
    void allows_blocking_connections_instead() {
        allows(H, "ALTER DATABASE analytics_old ALLOW_CONNECTIONS false;");
    }

    @Test
    void allows_dropping_other_objects() {
        allows(H, "DROP TABLE legacy; DROP SCHEMA old CASCADE;");
    }
}
