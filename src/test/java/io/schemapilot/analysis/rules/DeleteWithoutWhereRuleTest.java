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

class DeleteWithoutWhereRuleTest {
    private static final Hazard H = Hazard.DELETE_WITHOUT_WHERE;

    @Test
    void flags_delete_without_where() {
        Finding f = flags(H, "DELETE FROM sessions;").get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertEquals(LockMode.ROW_EXCLUSIVE, f.lock());
        assertEquals("public.sessions", f.object());
    }

    @Test
    void flags_a_data_modifying_cte_with_the_catalog_row_estimate() {
        Finding f = flags(H, "WITH moved AS (DELETE FROM sessions RETURNING *) INSERT INTO sessions_archive "
                + "SELECT * FROM moved;", settings(), catalog().table("sessions", 75_000).build()).get(0);
        assertEquals(Risk.CRITICAL, f.risk());
        assertTrue(f.message().contains("75,000 rows"), f.message());
    }

    @Test
    void allows_delete_with_where() {
        allows(H, "DELETE FROM sessions WHERE expires_at < now();");
    }

    @Test
    void allows_delete_from_a_table_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE tmp_ids (id bigint);
                DELETE FROM tmp_ids;
                """);
    }
}
