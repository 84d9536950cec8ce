package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogDiff;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The correctness gate: for every recipe, on a real database with data, run every up (non-transactional steps
 * outside a transaction), check every verification returns no rows, run every down in reverse, check the schema is
 * restored (catalog diff) and no row or value was lost (row counts and checksums), then run every up again.
 */
class PlanCorrectnessTest {

    static Stream<PlanScenarios.Scenario> scenarios() {
        return PlanScenarios.all().stream();
    }

    static PlanOptions testOptions() {
        return PlanOptions.defaults().withBatchSize(7).withBatchPauseMs(0).withLargeTableRows(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void up_verify_down_restores_schema_and_data_then_up_again(PlanScenarios.Scenario sc) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            CatalogReader reader = new CatalogReader();
            CatalogSnapshot before = reader.read(c);
            MigrationPlan plan = new Planner().plan(PlanRequest.of("migration.sql", sc.sql())
                    .withCatalog(before, "--schema").withOptions(testOptions()));
            assertTrue(plan.changes().stream().anyMatch(ch -> ch.recipe().contains(sc.recipe())),
                    "recipe " + sc.recipe() + " expected, got " + plan.changes());
            Map<String, String> data = checksums(c, before);

            PlanRehearser runner = new PlanRehearser();
            for (MigrationPlan.Step s : plan.allSteps()) {
                runner.up(c, s);
                List<String> failed = runner.verify(c, s);
                assertTrue(failed.isEmpty(), "verify of step " + s.id() + " returned " + failed);
            }
            List<MigrationPlan.Step> reversed = new ArrayList<>(plan.allSteps());
            java.util.Collections.reverse(reversed);
            for (MigrationPlan.Step s : reversed) {
                runner.down(c, s);
            }
            CatalogSnapshot after = reader.read(c);
            List<String> diff = CatalogDiff.diff(before, after).stream().map(CatalogDiff.Difference::description)
                    .filter(d -> !(sc.orderChanges() && d.contains("column order changed"))).toList();
            assertEquals(List.of(), diff, "the downs did not restore the schema");
            assertEquals(data, checksums(c, before), "the downs did not restore every row and value");

            for (MigrationPlan.Step s : plan.allSteps()) {
                runner.up(c, s);
                assertEquals(List.of(), runner.verify(c, s), "verify of step " + s.id() + " after re-apply");
            }
        }
    }

    /**
     * Without a catalog (no --schema / --db) the plans know less (types are read at run time, the key is assumed to
     * be {@code id}, defaults and indexes of a dropped column are not restored), but every up still runs and
     * verifies, and every down still brings back every row and value.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void without_a_catalog_up_verify_and_down_keep_every_value(PlanScenarios.Scenario sc) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
            CatalogSnapshot before = new CatalogReader().read(c);
            MigrationPlan plan = new Planner().plan(PlanRequest.of("migration.sql", sc.sql())
                    .withOptions(testOptions()));
            Map<String, String> data = checksums(c, before);
            PlanRehearser runner = new PlanRehearser();
            for (MigrationPlan.Step s : plan.allSteps()) {
                runner.up(c, s);
                assertEquals(List.of(), runner.verify(c, s), "verify of step " + s.id());
            }
            if (plan.allSteps().stream().anyMatch(s -> !s.reversible())) {
                return; // e.g. an enum label: without the catalog the old labels are unknown
            }
            List<MigrationPlan.Step> reversed = new ArrayList<>(plan.allSteps());
            java.util.Collections.reverse(reversed);
            for (MigrationPlan.Step s : reversed) {
                runner.down(c, s);
            }
            assertEquals(data, checksums(c, before), "the downs did not restore every row and value");
        }
    }

    /** Row count and an md5 of every table's rows (named columns, so column order does not matter). */
    static Map<String, String> checksums(Connection c, CatalogSnapshot catalog) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (CatalogSnapshot.Table t : catalog.tables()) {
            if (t.isView() || t.schema().equals(PlanOptions.DEFAULT_BACKUP_SCHEMA)) {
                continue;
            }
            List<String> cols = t.columns().stream().map(x -> Sql.ident(x.name())).toList();
            String q = "SELECT count(*) || ':' || coalesce(md5(string_agg(row(" + String.join(", ", cols)
                    + ")::text, ',' ORDER BY row(" + String.join(", ", cols) + ")::text)), '') FROM "
                    + Sql.name(t.schema(), t.name());
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
                rs.next();
                out.put(t.schema() + "." + t.name(), rs.getString(1));
            }
        }
        return out;
    }
}
