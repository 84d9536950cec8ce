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

class AddExclusionConstraintRuleTest {
    private static final Hazard H = Hazard.ADD_EXCLUSION_CONSTRAINT;

    @Test
    void flags_an_exclusion_constraint_on_an_existing_table() {
        Finding f = flags(H, "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap "
                + "EXCLUDE USING gist (room_id WITH =, during WITH &&);").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.bookings", f.object());
        assertTrue(f.message().contains("bookings_no_overlap"), f.message());
        assertNull(f.fix(), "there is no mechanical safe rewrite");
    }

    @Test
    void flags_unnamed_and_partial_exclusion_constraints() {
        Finding f = flags(H, "ALTER TABLE ops.shifts ADD EXCLUDE USING gist (worker_id WITH =, period WITH &&) "
                + "WHERE (cancelled IS FALSE);").get(0);
        assertEquals("ops.shifts", f.object());
        assertTrue(f.message().startsWith("Adding an exclusion constraint"), f.message());
    }

    @Test
    void allows_exclusion_constraints_on_new_tables() {
        allows(H, """
                CREATE TABLE room_bookings (id bigint PRIMARY KEY, room_id bigint, during tstzrange);
                ALTER TABLE room_bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&);
                """);
    }

    @Test
    void allows_other_constraints() {
        allows(H, "ALTER TABLE bookings ADD CONSTRAINT bookings_during_ok CHECK (NOT isempty(during)) NOT VALID;");
    }
}
