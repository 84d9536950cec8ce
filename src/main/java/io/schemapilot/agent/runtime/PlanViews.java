package io.schemapilot.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemapilot.report.Json;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.render.PlanMarkdownRenderer;
import io.schemapilot.report.render.PlanTextRenderer;

/**
 * A submitted plan (the MigrationPlan JSON a model passed to {@code submit_plan}) rendered like {@code plan} renders
 * it. A plan that validated but does not map onto the model (a model added fields in odd shapes) is shown as JSON.
 */
public final class PlanViews {

    private PlanViews() {
    }

    public static String text(JsonNode plan) {
        MigrationPlan p = read(plan);
        return p == null ? plan.toPrettyString() + "\n" : new PlanTextRenderer().render(p);
    }

    public static String markdown(JsonNode plan) {
        MigrationPlan p = read(plan);
        return p == null ? "```json\n" + plan.toPrettyString() + "\n```\n" : new PlanMarkdownRenderer().render(p);
    }

    /** The plan as the report model, or null when it does not map. */
    public static MigrationPlan read(JsonNode plan) {
        try {
            return Json.mapper().treeToValue(plan, MigrationPlan.class);
        } catch (Exception e) {
            return null;
        }
    }
}
