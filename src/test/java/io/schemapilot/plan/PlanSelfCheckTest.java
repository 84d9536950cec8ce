package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A plan's own up SQL, fed back to the analyzer, has no high or critical finding except on steps marked
 * destructive: for every recipe, with the catalog (--schema) and without it. No database.
 */
class PlanSelfCheckTest {

    static Stream<Arguments> cases() throws Exception {
        CatalogSnapshot catalog = CatalogFixture.load();
        return PlanScenarios.all().stream().flatMap(sc -> Stream.of(
                Arguments.of(sc, catalog, "with catalog"), Arguments.of(sc, null, "without catalog")));
    }

    @ParameterizedTest(name = "{0} ({2})")
    @MethodSource("cases")
    void plan_sql_has_no_high_finding_outside_destructive_steps(PlanScenarios.Scenario sc, CatalogSnapshot catalog,
                                                                 String label) {
        MigrationPlan plan = new Planner().plan(PlanRequest.of("m.sql", sc.sql()).withCatalog(catalog, "--schema")
                .withOptions(PlanCorrectnessTest.testOptions()));
        if (catalog != null) {
            assertTrue(plan.changes().stream().anyMatch(c -> c.recipe().contains(sc.recipe())),
                    "recipe " + sc.recipe() + " expected: " + plan.changes());
        }
        PlanCheck.Result r = PlanCheck.run(plan, AnalysisSettings.defaults(), catalog);
        assertEquals(List.of(), r.violations(), "high/critical findings on non-destructive steps");
        assertTrue(plan.checklist().get(0).done(), "the plan's own check item");
        for (MigrationPlan.Step s : plan.allSteps()) {
            assertTrue(s.up().startsWith("SET lock_timeout = '"), "step " + s.id() + " sets lock_timeout first");
            assertTrue(s.verify() != null && !s.verify().isBlank(), "step " + s.id() + " has a verify query");
            assertTrue(s.down() != null || s.irreversible() != null, "step " + s.id() + " has a down or says why not");
            if (PlanScript.of(List.of(s), false).sql().contains("CONCURRENTLY")) {
                assertTrue(!s.transactional(), "step " + s.id() + " runs CONCURRENTLY, outside a transaction");
            }
        }
        for (PlanCheck.StepFinding f : r.findings()) {
            if (f.finding().risk().atLeast(io.schemapilot.report.Risk.HIGH)) {
                assertTrue(f.destructive(), "high finding only on destructive steps: " + f);
            }
        }
    }
}
