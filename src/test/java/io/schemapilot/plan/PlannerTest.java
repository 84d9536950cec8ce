package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.report.LockMode;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's own logic: phases, ids, deploy points, raw pass-through, risk and rollback sections. No database. */
class PlannerTest {

    private static MigrationPlan plan(String sql) throws Exception {
        return new Planner().plan(PlanRequest.of("m.sql", sql).withCatalog(CatalogFixture.load(), "--schema"));
    }

    private static List<String> ups(MigrationPlan p) {
        return p.allSteps().stream().map(MigrationPlan.Step::up).toList();
    }

    @Test
    void phases_are_numbered_in_order_and_empty_phases_are_left_out() throws Exception {
        MigrationPlan p = plan("CREATE INDEX orders_status_idx ON orders (status);");
        assertEquals(1, p.phases().size());
        assertEquals("expand", p.phases().get(0).name());
        assertEquals("1.1", p.allSteps().get(0).id());
        MigrationPlan q = plan("ALTER TABLE orders ADD CONSTRAINT orders_amount_check CHECK (amount >= 0);");
        assertEquals(List.of("expand", "backfill"), q.phases().stream().map(MigrationPlan.Phase::name).toList());
        assertEquals(List.of("1.1", "2.1"), q.allSteps().stream().map(MigrationPlan.Step::id).toList());
    }

    @Test
    void deploy_point_is_on_the_phase_before_the_one_that_needs_it() throws Exception {
        MigrationPlan p = plan("ALTER TABLE users RENAME COLUMN name TO full_name;");
        MigrationPlan.Phase backfill = p.phases().get(1);
        assertTrue(backfill.deployNote().contains("full_name"), backfill.deployNote());
        assertNull(p.phases().get(2).deployNote());
        MigrationPlan d = plan("ALTER TABLE orders DROP COLUMN note;");
        assertEquals(1, d.phases().size());
        assertTrue(d.phases().get(0).deployNote().startsWith("Before this phase:"), d.phases().get(0).deployNote());
    }

    @Test
    void sql_without_a_recipe_passes_through_as_a_raw_step_with_a_down() throws Exception {
        MigrationPlan p = plan("""
                CREATE TABLE audit (id bigint PRIMARY KEY, what text);
                COMMENT ON TABLE audit IS 'who did what';
                """);
        assertEquals(2, p.allSteps().size());
        assertTrue(ups(p).get(0).contains("CREATE TABLE audit"));
        assertTrue(ups(p).get(1).contains("COMMENT ON TABLE audit"));
        assertEquals("SET lock_timeout = '2s';\nDROP TABLE IF EXISTS audit;", p.allSteps().get(0).down());
        assertEquals("raw", p.changes().get(1).recipe());
    }

    @Test
    void objects_created_in_the_migration_need_no_recipe() throws Exception {
        MigrationPlan p = plan("""
                CREATE TABLE audit (id bigint PRIMARY KEY, what text);
                CREATE INDEX audit_what_idx ON audit (what);
                ALTER TABLE audit ADD COLUMN at timestamptz NOT NULL;
                """);
        assertTrue(p.changes().stream().allMatch(c -> c.recipe().equals("raw")), p.changes().toString());
        assertEquals(3, p.allSteps().size());
    }

    @Test
    void an_alter_table_with_several_actions_is_split_between_recipes_and_raw() throws Exception {
        MigrationPlan p = plan("ALTER TABLE orders ADD COLUMN memo text, ADD CONSTRAINT orders_amount_check "
                + "CHECK (amount >= 0);");
        assertTrue(ups(p).get(0).contains("ALTER TABLE orders ADD COLUMN memo text;"), ups(p).get(0));
        assertTrue(ups(p).get(1).contains("ADD CONSTRAINT orders_amount_check CHECK (amount >= 0) NOT VALID"));
        assertTrue(ups(p).get(2).contains("VALIDATE CONSTRAINT orders_amount_check"));
    }

    @Test
    void transaction_control_and_timeouts_of_the_migration_are_left_to_the_plan() throws Exception {
        MigrationPlan p = plan("BEGIN;\nSET lock_timeout = '10s';\nALTER TABLE orders ADD COLUMN memo text;\nCOMMIT;");
        assertEquals(1, p.allSteps().size());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("BEGIN / COMMIT")));
    }

    @Test
    void recreating_a_dropped_column_runs_after_the_drop() throws Exception {
        MigrationPlan p = plan("ALTER TABLE orders DROP COLUMN note;\nALTER TABLE orders ADD COLUMN note jsonb;");
        List<String> up = ups(p);
        int drop = -1;
        int add = -1;
        for (int i = 0; i < up.size(); i++) {
            if (up.get(i).contains("DROP COLUMN IF EXISTS note")) {
                drop = i;
            }
            if (up.get(i).contains("ADD COLUMN note jsonb")) {
                add = i;
            }
        }
        assertTrue(drop >= 0 && add > drop, "add after drop: " + up);
    }

    @Test
    void findings_are_numbered_per_file() throws Exception {
        MigrationPlan p = new Planner().plan(new PlanRequest(List.of(
                new PlanRequest.MigrationSource("V1.sql", "CREATE TABLE t (id int);\nCREATE INDEX t_id ON t (id);"),
                new PlanRequest.MigrationSource("V2.sql", "\n\nALTER TABLE orders DROP COLUMN note;")),
                CatalogFixture.load(), "--schema", null, null, List.of(), null, null));
        assertEquals(2, p.sources().size());
        var f = p.findings().stream().filter(x -> x.hazard().equals("drop-column")).findFirst().orElseThrow();
        assertEquals(1, f.statement());
        assertEquals(3, f.line());
        assertEquals("V2.sql:1", p.changes().get(2).source());
        // t was created in V1: the index on it needs no recipe
        assertEquals("raw", p.changes().get(1).recipe());
    }

    @Test
    void risk_rollback_and_backup_sections_follow_the_steps() throws Exception {
        MigrationPlan p = plan("ALTER TABLE orders DROP COLUMN note;");
        assertEquals(Risk.CRITICAL, p.risk().overall());
        assertEquals(Risk.MEDIUM, p.risk().withPlan());
        assertEquals("destructive", p.risk().dataImpact());
        assertTrue(p.backup().required());
        assertEquals(List.of("schemapilot_backup.orders__note"), p.backup().tables());
        assertTrue(p.rollback().pointOfNoReturn().startsWith("none within the plan"));
        assertNull(p.rollback().pointOfNoReturnStep());
        assertTrue(p.rollback().steps().get(0).startsWith("1.2: "), "downs in reverse order");

        MigrationPlan t = plan("TRUNCATE orders;");
        assertEquals("1.1", t.rollback().pointOfNoReturnStep());
        assertEquals(Risk.CRITICAL, t.risk().withPlan());
        assertFalse(t.allSteps().get(0).reversible());
        assertTrue(t.allSteps().get(0).irreversible().startsWith("irreversible"));
    }

    @Test
    void estimates_come_from_catalog_sizes() throws Exception {
        MigrationPlan p = plan("CREATE INDEX orders_status_idx ON orders (status);");
        MigrationPlan.Step s = p.allSteps().get(0);
        assertNotNull(s.estimatedSeconds());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, s.lock());
        assertFalse(s.transactional());
        assertTrue(p.estimatedImpact().estimated());
        MigrationPlan none = new Planner().plan(PlanRequest.of("m.sql", "CREATE INDEX i ON orders (status);"));
        assertNull(none.allSteps().get(0).estimatedSeconds());
        assertFalse(none.estimatedImpact().estimated());
    }

    @Test
    void attaching_a_rehearsal_updates_the_checklist() throws Exception {
        MigrationPlan p = plan("CREATE INDEX orders_status_idx ON orders (status);");
        assertFalse(p.checklist().stream().filter(c -> c.item().startsWith("Rollback tested")).findFirst()
                .orElseThrow().done());
        Rehearsal r = new Rehearsal(true, true, true, true, true, List.of(), List.of(), List.of(), List.of(),
                List.of());
        MigrationPlan q = Planner.withRehearsal(p, r);
        assertTrue(q.checklist().stream().filter(c -> c.item().startsWith("Rollback tested")).findFirst()
                .orElseThrow().done());
        assertEquals(r, q.rehearsal());
    }

    @Test
    void a_file_that_cannot_be_split_is_an_input_error() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Planner().plan(PlanRequest.of("bad.sql", "SELECT 'unterminated")));
        assertTrue(e.getMessage().startsWith("bad.sql"), e.getMessage());
    }

    @Test
    void seed_data_is_offered_for_new_tables() throws Exception {
        MigrationPlan p = plan("CREATE TABLE coupons (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "code varchar(6) NOT NULL UNIQUE, percent int CHECK (percent BETWEEN 5 AND 90), status text "
                + "CHECK (status IN ('new', 'used')), kind mood);");
        assertEquals(1, p.seedData().size());
        MigrationPlan.SeedData s = p.seedData().get(0);
        assertEquals(List.of("code", "percent", "status", "kind"), s.columns());
        assertEquals(List.of("'SKU-00'", "5", "'new'", "'happy'::mood"), s.rows().get(0));
        assertEquals("'used'", s.rows().get(1).get(2));
    }
}
