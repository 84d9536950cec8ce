package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Running plans on a real database in tests: plan with the database's catalog, run steps up and down, read back. */
final class PlanDb {
    private PlanDb() {
    }

    static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static void exec(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** The plan of {@code sql} with the catalog of {@code c} and the test options. */
    static MigrationPlan plan(Connection c, String sql) {
        return new Planner().plan(PlanRequest.of("m.sql", sql).withCatalog(new CatalogReader().read(c), "--schema")
                .withOptions(PlanCorrectnessTest.testOptions()));
    }

    /** Runs the steps' ups in order; each step's verify query must then return nothing. */
    static void up(Connection c, PlanRehearser r, List<MigrationPlan.Step> steps) throws Exception {
        for (MigrationPlan.Step s : steps) {
            r.up(c, s);
            assertEquals(List.of(), r.verify(c, s), "verify " + s.id());
        }
    }

    /** Runs the steps' downs, last step first. */
    static void down(Connection c, PlanRehearser r, List<MigrationPlan.Step> steps) throws Exception {
        List<MigrationPlan.Step> reversed = new ArrayList<>(steps);
        Collections.reverse(reversed);
        for (MigrationPlan.Step s : reversed) {
            r.down(c, s);
        }
    }

    /** The column's type as PostgreSQL writes it, e.g. {@code bigint}. */
    static String type(Connection c, String table, String column) throws SQLException {
        return one(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = '" + table
                + "'::regclass AND attname = '" + column + "' AND NOT attisdropped");
    }

    /** A full rehearsal of the plan: up, down, schema restored, up again, and no table rewritten. */
    static Rehearsal assertRehearsed(Connection c, MigrationPlan plan) {
        Rehearsal r = new PlanRehearser().rehearse(c, plan);
        assertTrue(r.upOk(), () -> "up: " + r.notes());
        assertEquals(Boolean.TRUE, r.downOk(), () -> "down: " + r.notes());
        assertEquals(List.of(), r.differences());
        assertEquals(Boolean.TRUE, r.schemaRestored());
        assertEquals(Boolean.TRUE, r.reapplyOk(), () -> "re-apply: " + r.notes());
        assertEquals(List.of(), r.rewrites());
        return r;
    }
}
