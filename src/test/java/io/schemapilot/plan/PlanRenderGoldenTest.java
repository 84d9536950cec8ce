package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Json;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.render.PlanMarkdownRenderer;
import io.schemapilot.report.render.PlanTextRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden files for the plan's three renderings (JSON, Markdown, text), from a fixed catalog: no database. */
class PlanRenderGoldenTest {

    static final String MIGRATION = """
            -- V7__orders_and_coupons.sql
            ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';
            ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);
            CREATE INDEX orders_status_idx ON orders (status);
            ALTER TABLE users RENAME COLUMN name TO full_name;
            ALTER TABLE orders DROP COLUMN note;
            CREATE TABLE coupons (
              id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              code text NOT NULL UNIQUE,
              percent integer NOT NULL CHECK (percent BETWEEN 1 AND 90),
              user_id bigint REFERENCES users (id),
              kind mood NOT NULL,
              created_at timestamptz NOT NULL DEFAULT now()
            );
            """;

    static MigrationPlan plan() throws Exception {
        DataCheck orphans = new DataCheck("orphans-orders-user_id", "orphans", "public.orders.user_id",
                "SELECT count(*) FROM orders o WHERE o.user_id IS NOT NULL AND NOT EXISTS "
                        + "(SELECT 1 FROM users u WHERE u.id = o.user_id)",
                new DataCheck.Result(0, List.of(), null), true, true);
        return new Planner().plan(PlanRequest.of("migrations/V7__orders_and_coupons.sql", MIGRATION)
                .withCatalog(CatalogFixture.load(), "--schema").withDataChecks(List.of(orphans)));
    }

    @Test
    void json_matches_golden_and_round_trips() throws Exception {
        MigrationPlan p = plan();
        String json = Json.write(p);
        io.schemapilot.testing.GoldenFiles.assertMatches("plan", "plan.json", json + "\n");
        MigrationPlan back = MigrationPlan.fromJson(json);
        assertEquals(p, back, "the JSON reads back into the same plan");
    }

    @Test
    void json_has_the_contract_fields_in_snake_case() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = Json.mapper().readValue(Json.write(plan()), Map.class);
        for (String k : List.of("title", "summary", "target", "risk", "changes", "findings", "data_checks", "phases",
                "rollback", "backup", "rehearsal", "checklist", "deployment", "estimated_impact")) {
            assertTrue(m.containsKey(k), "missing " + k);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> step = (Map<String, Object>) ((List<Map<String, Object>>) ((List<Map<String, Object>>)
                m.get("phases")).get(0).get("steps")).get(0);
        for (String k : List.of("id", "description", "up", "down", "verify", "transactional", "lock",
                "lock_timeout_ms", "destructive", "reversible", "batched", "estimated_seconds")) {
            assertTrue(step.containsKey(k), "step misses " + k);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rollback = (Map<String, Object>) m.get("rollback");
        assertTrue(rollback.containsKey("steps") && rollback.containsKey("point_of_no_return"));
    }

    @Test
    void markdown_matches_golden_with_sections_in_contract_order() throws Exception {
        String md = new PlanMarkdownRenderer().render(plan());
        io.schemapilot.testing.GoldenFiles.assertMatches("plan", "plan.md", md);
        int last = -1;
        for (String h : List.of("# ", "## Summary", "## Risk Assessment", "## Changes", "## Findings",
                "## Data Checks", "## Execution Steps", "## Rollback Plan", "## Rehearsal", "## Safety Checklist",
                "## Deployment Steps", "## Estimated Impact")) {
            int at = md.indexOf(h);
            assertTrue(at > last, h + " out of order");
            last = at;
        }
        assertTrue(md.contains("Point of no return"));
    }

    @Test
    void text_matches_golden() throws Exception {
        io.schemapilot.testing.GoldenFiles.assertMatches("plan", "plan.txt", new PlanTextRenderer().render(plan()));
    }
}
