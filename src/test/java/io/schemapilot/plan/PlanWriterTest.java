package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogDiff;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.StatementSplitter;
import io.schemapilot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code plan --write DIR --style ...}: the files per tool (golden), and the raw files run on PostgreSQL. */
class PlanWriterTest {

    private static final PlanWriter.Options OPTIONS = new PlanWriter.Options("20250101120000",
            "2025-01-01T12:00:00Z");

    private static String listing(List<PlanWriter.FileOut> files) {
        StringBuilder sb = new StringBuilder();
        for (PlanWriter.FileOut f : files) {
            sb.append("==> ").append(f.path()).append('\n').append(f.content()).append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest
    @EnumSource(PlanWriter.Style.class)
    void files_match_golden(PlanWriter.Style style) throws Exception {
        List<PlanWriter.FileOut> files = PlanWriter.render(PlanRenderGoldenTest.plan(), style, OPTIONS);
        io.schemapilot.testing.GoldenFiles.assertMatches("plan", "write-" + style.name().toLowerCase(java.util.Locale.ROOT) + ".txt", listing(files));
    }

    @Test
    void files_are_numbered_after_the_projects_own_migrations(@TempDir Path dir) throws Exception {
        MigrationPlan plan = PlanRenderGoldenTest.plan();
        Files.writeString(dir.resolve("V2__users.sql"), "CREATE TABLE users (id int);\n");
        Files.writeString(dir.resolve("V10__orders.sql"), "CREATE TABLE orders (id int);\n");
        Files.writeString(dir.resolve("R__views.sql"), "CREATE OR REPLACE VIEW v AS SELECT 1;\n");
        PlanWriter.Options o = PlanWriter.Options.after(dir, PlanWriter.Style.FLYWAY);
        assertEquals("11", o.version());
        List<Path> written = PlanWriter.write(plan, PlanWriter.Style.FLYWAY, dir, o);
        assertTrue(written.stream().allMatch(p -> p.getFileName().toString().matches("[VU]11_\\d+__.*")), written.toString());
        // written again: its own files do not count, so the names (and contents) stay the same
        assertEquals("11", PlanWriter.Options.after(dir, PlanWriter.Style.FLYWAY).version());
        // timestamps of knex: the highest plus one; an empty or missing folder keeps the defaults
        Path knex = Files.createDirectories(dir.resolve("knex"));
        Files.writeString(knex.resolve("20240101120000_init.js"), "exports.up = () => {};\n");
        assertEquals("20240101120001", PlanWriter.Options.after(knex, PlanWriter.Style.KNEX).version());
        assertNull(PlanWriter.Options.after(dir.resolve("nope"), PlanWriter.Style.FLYWAY).version());
    }

    @Test
    void alembic_files_revise_the_projects_head_revision(@TempDir Path dir) throws Exception {
        Path versions = Files.createDirectories(dir.resolve("versions"));
        Files.writeString(versions.resolve("a1_init.py"), "revision = 'a1'\ndown_revision = None\n");
        Files.writeString(versions.resolve("b2_users.py"), "revision: str = \"b2\"\ndown_revision: Union[str, None] = 'a1'\n");
        PlanWriter.Options o = PlanWriter.Options.after(dir, PlanWriter.Style.ALEMBIC);
        assertEquals("b2", o.revises());
        MigrationPlan plan = PlanRenderGoldenTest.plan();
        List<Path> written = PlanWriter.write(plan, PlanWriter.Style.ALEMBIC, dir, o);
        String first = Files.readString(written.get(0));
        assertTrue(first.contains("down_revision = \"b2\"\n"), first);
        // its own files do not count: written again, the first file still revises b2
        assertEquals("b2", PlanWriter.Options.after(dir, PlanWriter.Style.ALEMBIC).revises());
        // two heads (a branch): no guess, a new base as before
        Files.writeString(versions.resolve("c3_branch.py"), "revision = 'c3'\ndown_revision = 'a1'\n");
        assertNull(PlanWriter.Options.after(dir, PlanWriter.Style.ALEMBIC).revises());
    }

    @Test
    void non_transactional_steps_get_files_of_their_own() throws Exception {
        MigrationPlan plan = PlanRenderGoldenTest.plan();
        List<PlanWriter.FileOut> flyway = PlanWriter.render(plan, PlanWriter.Style.FLYWAY, OPTIONS);
        List<String> confs = flyway.stream().map(PlanWriter.FileOut::path).filter(p -> p.endsWith(".conf")).toList();
        long nonTx = plan.allSteps().stream().filter(s -> !s.transactional()).count();
        assertEquals(nonTx, confs.stream().filter(p -> p.startsWith("V")).count(), confs.toString());
        for (PlanWriter.FileOut f : flyway) {
            if (f.path().endsWith(".sql") && f.content().contains("CONCURRENTLY")) {
                assertTrue(flyway.stream().anyMatch(x -> x.path().equals(f.path() + ".conf")), f.path());
            }
        }
        List<PlanWriter.FileOut> knex = PlanWriter.render(plan, PlanWriter.Style.KNEX, OPTIONS);
        assertTrue(knex.stream().anyMatch(f -> f.content().contains("exports.config = { transaction: false };")));
        List<PlanWriter.FileOut> raw = PlanWriter.render(plan, PlanWriter.Style.RAW, OPTIONS);
        assertTrue(raw.get(0).path().startsWith("01_expand_"), raw.get(0).path());
        assertTrue(raw.stream().anyMatch(f -> f.content().contains("-- DEPLOY POINT:")));
    }

    @Test
    void raw_files_run_up_and_down_on_postgresql(@TempDir Path dir) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            CatalogSnapshot before = new CatalogReader().read(c);
            MigrationPlan plan = PlanRenderGoldenTest.plan();
            List<Path> written = PlanWriter.write(plan, PlanWriter.Style.RAW, dir, OPTIONS);
            List<Path> ups = written.stream().filter(p -> p.toString().endsWith(".up.sql")).sorted().toList();
            List<Path> downs = new ArrayList<>(written.stream().filter(p -> p.toString().endsWith(".down.sql"))
                    .sorted().toList());
            java.util.Collections.reverse(downs);
            for (Path p : ups) {
                run(c, Files.readString(p));
            }
            assertEquals("t", one(c, "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = 'users'::regclass "
                    + "AND attname = 'full_name' AND NOT attisdropped)"));
            List<PlanWriter.FileOut> sqitch = PlanWriter.render(plan, PlanWriter.Style.SQITCH, OPTIONS);
            for (PlanWriter.FileOut f : sqitch) {
                if (f.path().startsWith("verify/") && !f.path().contains("_expand_") && !f.path().contains("_backfill_")) {
                    run(c, f.content()); // the last phase's checks still hold after the whole deploy
                }
            }
            for (Path p : downs) {
                run(c, Files.readString(p));
            }
            List<String> diff = CatalogDiff.diff(before, new CatalogReader().read(c)).stream()
                    .map(CatalogDiff.Difference::description)
                    .filter(d -> !d.contains("column order changed")).toList();
            assertEquals(List.of(), diff);
        }
    }

    @Test
    void a_step_whose_down_must_run_outside_a_transaction_keeps_its_up_in_one(@TempDir Path dir) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            CatalogSnapshot before = new CatalogReader().read(c);
            MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql", "ALTER TABLE legacy ALTER COLUMN id TYPE "
                    + "bigint;").withCatalog(before, "--schema").withOptions(PlanCorrectnessTest.testOptions()));
            MigrationPlan.Step swap = plan.allSteps().stream().filter(s -> s.transactional() && !s.downTransactional())
                    .findFirst().orElseThrow(() -> new AssertionError("the key swap: " + plan.allSteps()));
            PlanWriter.Unit unit = PlanWriter.units(plan).stream().filter(u -> u.steps().contains(swap)).findFirst()
                    .orElseThrow();
            assertEquals(List.of(swap), unit.steps());
            String slug = unit.slug().substring(3);
            List<PlanWriter.FileOut> flyway = PlanWriter.render(plan, PlanWriter.Style.FLYWAY, OPTIONS);
            List<String> paths = flyway.stream().map(PlanWriter.FileOut::path).toList();
            assertTrue(paths.stream().noneMatch(p -> p.startsWith("V") && p.endsWith(slug + ".sql.conf")),
                    paths::toString);
            assertTrue(paths.stream().anyMatch(p -> p.startsWith("U") && p.endsWith(slug + ".sql.conf")),
                    paths::toString);
            String knex = PlanWriter.render(plan, PlanWriter.Style.KNEX, OPTIONS).stream()
                    .filter(f -> f.path().contains(slug)).findFirst().orElseThrow().content();
            assertTrue(knex.contains("exports.config = { transaction: false };"), knex);
            String up = knex.substring(knex.indexOf("exports.up"), knex.indexOf("exports.down"));
            String down = knex.substring(knex.indexOf("exports.down"));
            assertTrue(up.contains("await knex.transaction(async (trx) => {"), up);
            assertTrue(!down.contains("knex.transaction("), down);

            // the raw files, up then down, on PostgreSQL: the swap is atomic, its down runs statement by statement
            List<Path> written = PlanWriter.write(plan, PlanWriter.Style.RAW, dir, OPTIONS);
            String swapUp = Files.readString(written.stream().filter(p -> p.toString().endsWith(slug + ".up.sql"))
                    .findFirst().orElseThrow());
            assertTrue(swapUp.contains("BEGIN;") && swapUp.contains("COMMIT;"), swapUp);
            List<Path> ups = written.stream().filter(p -> p.toString().endsWith(".up.sql")).sorted().toList();
            List<Path> downs = new ArrayList<>(written.stream().filter(p -> p.toString().endsWith(".down.sql"))
                    .sorted().toList());
            java.util.Collections.reverse(downs);
            for (Path p : ups) {
                run(c, Files.readString(p));
            }
            assertEquals("bigint", one(c, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid "
                    + "= 'legacy'::regclass AND attname = 'id'"));
            for (Path p : downs) {
                run(c, Files.readString(p));
            }
            assertEquals(List.of(), CatalogDiff.diff(before, new CatalogReader().read(c)).stream()
                    .map(CatalogDiff.Difference::description).filter(d -> !d.contains("column order changed"))
                    .toList());
        }
    }

    private static void run(Connection c, String script) throws Exception {
        for (SqlStatement s : StatementSplitter.split(script).statements()) {
            try (Statement st = c.createStatement()) {
                st.execute(s.text());
            }
        }
    }

    private static String one(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
