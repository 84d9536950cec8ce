package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.report.render.PlanMarkdownRenderer;
import io.schemapilot.report.render.PlanTextRenderer;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plan rehearsal traces the first run of the ups like {@code rehearse} traces a file: locks from {@code pg_locks}
 * (held until the step's COMMIT), the lock model's for steps that run outside a transaction, rewrites from
 * {@code relfilenode}; all labelled by plan step id, locks named by the analyzer's hazard ids.
 */
class PlanRehearsalTraceTest {

    /** A plan of {@code sql} on the sample schema with data, and its rehearsal, on each test server. */
    @FunctionalInterface
    private interface Check {
        void check(MigrationPlan plan, Rehearsal r);
    }

    private static void rehearse(String sql, Check check) throws Exception {
        rehearse("", sql, check);
    }

    /** As above, with {@code extraSchema} loaded after the sample schema. */
    private static void rehearse(String extraSchema, String sql, Check check) throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, PlanScenarios.SCHEMA + extraSchema, "schema.sql");
                MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql", sql)
                        .withCatalog(new CatalogReader().read(c), "--schema")
                        .withOptions(PlanCorrectnessTest.testOptions()));
                Rehearsal r = new PlanRehearser().rehearse(c, plan);
                assertTrue(r.ran());
                assertTrue(r.upOk(), () -> "up failed: " + r.notes() + " " + r.statements());
                check.check(plan, r);
            }
        });
    }

    /** A second UNIQUE constraint on legacy's key: its type change passes through as written. */
    private static final String UNIQUE_ON_KEY = "ALTER TABLE legacy ADD CONSTRAINT legacy_id_key UNIQUE (id);\n";

    private static MigrationPlan.Step onlyStep(MigrationPlan plan) {
        assertEquals(1, plan.allSteps().size(), () -> "steps: " + plan.allSteps());
        return plan.allSteps().get(0);
    }

    private static List<Rehearsal.Lock> locksOf(Rehearsal r, String step, String object) {
        return r.locks().stream().filter(l -> l.step().equals(step) && l.object().equals(object)).toList();
    }

    @Test
    void a_rewriting_step_reports_its_rewrite_and_its_access_exclusive_lock_with_the_hazard() throws Exception {
        // a primary key's type change the key swap cannot move (a second UNIQUE constraint on the column) passes
        // through as written: one raw step that rewrites the table
        rehearse(UNIQUE_ON_KEY, "ALTER TABLE legacy ALTER COLUMN id TYPE bigint;", (plan, r) -> {
            MigrationPlan.Step step = onlyStep(plan);
            assertEquals("raw", step.recipe());
            assertTrue(step.transactional());
            assertTrue(r.rewrites().contains(new Rehearsal.Rewrite(step.id(), "public.legacy")),
                    () -> "rewrites: " + r.rewrites());
            List<Rehearsal.Lock> locks = locksOf(r, step.id(), "public.legacy");
            assertEquals(1, locks.size(), () -> "one lock per table and step: " + r.locks());
            Rehearsal.Lock l = locks.get(0);
            assertEquals(LockMode.ACCESS_EXCLUSIVE, l.lock());
            assertTrue(l.observed(), "a transactional step's lock is seen in pg_locks");
            assertTrue(l.hazards().contains("alter-column-type-rewrite"), () -> "hazards: " + l.hazards());
            assertTrue(l.heldMs() >= 0);
            // the statements keep the untraced shape: labelled by step, no BEGIN / COMMIT of the wrapper
            List<Rehearsal.StatementRun> up = r.statements().stream().filter(s -> s.phase().equals("up")).toList();
            assertFalse(up.isEmpty());
            assertTrue(up.stream().allMatch(s -> s.step().equals(step.id()) && s.ok()), up::toString);
            assertFalse(up.stream().anyMatch(s -> s.sql().equalsIgnoreCase("BEGIN") || s.sql().startsWith("COMMIT")),
                    up::toString);
            assertEquals(1, up.get(0).line(), "lines count in the step's own up");
        });
    }

    @Test
    void every_transactional_step_of_a_recipe_is_traced_and_the_batched_backfill_runs_outside_a_transaction()
            throws Exception {
        rehearse("ALTER TABLE orders ALTER COLUMN qty TYPE bigint;", (plan, r) -> {
            assertEquals(Boolean.TRUE, r.downOk(), r.notes()::toString);
            // the round trip moves qty to the end of the table (PlanScenarios: orderChanges); nothing else differs
            assertTrue(r.differences().stream().allMatch(d -> d.contains("column order changed")),
                    r.differences()::toString);
            assertEquals(Boolean.TRUE, r.reapplyOk(), r.notes()::toString);
            assertTrue(r.rewrites().isEmpty(), () -> "the recipe avoids the rewrite: " + r.rewrites());
            for (MigrationPlan.Step s : plan.allSteps()) {
                if (s.transactional() && s.lock() == LockMode.ACCESS_EXCLUSIVE && s.object() != null
                        && s.object().startsWith("public.orders")) {
                    assertTrue(locksOf(r, s.id(), "public.orders").stream().anyMatch(l -> l.observed()
                                    && l.lock() == LockMode.ACCESS_EXCLUSIVE),
                            () -> "step " + s.id() + " takes ACCESS EXCLUSIVE on orders: " + r.locks());
                }
                if (s.batched()) {
                    assertFalse(s.transactional());
                    assertTrue(locksOf(r, s.id(), "public.orders").stream().allMatch(l -> !l.observed()),
                            () -> "a batched step commits inside its DO block: model locks only: " + r.locks());
                }
            }
            assertTrue(plan.allSteps().stream().anyMatch(MigrationPlan.Step::batched), "the recipe backfills");
            assertTrue(r.locks().stream().noneMatch(l -> l.object().startsWith("schemapilot_backup.")),
                    () -> "tables the plan creates are not reported: " + r.locks());
            // the destructive swap is flagged by the analyzer on the plan's own SQL, and its lock says so
            MigrationPlan.Step swap = plan.allSteps().stream().filter(MigrationPlan.Step::destructive)
                    .reduce((a, b) -> b).orElseThrow();
            assertTrue(locksOf(r, swap.id(), "public.orders").stream().anyMatch(l -> !l.hazards().isEmpty()),
                    () -> "swap " + swap.id() + ": " + r.locks());
        });
    }

    @Test
    void a_concurrent_index_step_reports_the_lock_model_lock_as_not_observed() throws Exception {
        rehearse("CREATE INDEX orders_status_idx ON orders (status);", (plan, r) -> {
            MigrationPlan.Step step = onlyStep(plan);
            assertFalse(step.transactional());
            assertTrue(step.up().contains("CONCURRENTLY"));
            List<Rehearsal.Lock> locks = locksOf(r, step.id(), "public.orders");
            assertFalse(locks.isEmpty(), () -> "locks: " + r.locks());
            assertTrue(locks.stream().allMatch(l -> !l.observed()), () -> "locks: " + locks);
            assertTrue(locks.stream().anyMatch(l -> l.lock() == LockMode.SHARE_UPDATE_EXCLUSIVE), locks::toString);
            assertTrue(r.rewrites().isEmpty(), r.rewrites()::toString);
            assertEquals(Boolean.TRUE, r.schemaRestored(), r.differences()::toString);
        });
    }

    @Test
    void the_plan_renderers_show_the_traced_locks_and_rewrites() throws Exception {
        rehearse(UNIQUE_ON_KEY, "ALTER TABLE legacy ALTER COLUMN id TYPE bigint;", (plan, r) -> {
            MigrationPlan attached = Planner.withRehearsal(plan, r);
            String id = onlyStep(plan).id();
            String md = new PlanMarkdownRenderer().render(attached);
            assertTrue(md.contains("- lock: step " + id + " held ACCESS EXCLUSIVE (blocks reads and writes) on "
                    + "`public.legacy`"), md);
            assertTrue(md.contains("alter-column-type-rewrite"), md);
            assertTrue(md.contains("- rewrite: step " + id + " rewrote `public.legacy`"), md);
            String text = new PlanTextRenderer().render(attached);
            assertTrue(text.contains("lock: step " + id + " held ACCESS EXCLUSIVE"), text);
            assertTrue(text.contains("rewrite: step " + id + " rewrote public.legacy"), text);
        });
    }
}
