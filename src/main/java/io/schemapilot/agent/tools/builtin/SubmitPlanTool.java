package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import java.util.List;

/**
 * {@code submit_plan}: the terminal tool. Its argument is the MigrationPlan JSON (or the last plan
 * {@code plan_migration} made); it is checked against the contract ({@link PlanContract}) and, when valid, becomes
 * the run's result. An invalid plan is refused with every problem listed, so the model can fix it and submit again.
 */
public final class SubmitPlanTool implements AgentTool {

    /** The most problems listed in one answer. */
    static final int MAX_PROBLEMS = 20;

    private final PlanMemory memory;

    public SubmitPlanTool(PlanMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "submit_plan";
    }

    @Override
    public String description() {
        return "Finish: submit the final migration plan. Pass use_last_plan: true to submit the plan the last"
                + " plan_migration call returned, or 'plan': the MigrationPlan JSON (title, summary, target, risk,"
                + " changes, findings, data_checks, phases with steps that each have up, down or an irreversible"
                + " note, and verify; rollback, backup, checklist, deployment, estimated_impact). An invalid plan is"
                + " refused with the list of problems; fix them and submit again. Call it once, at the end.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addProperty("plan", JsonObjectSchema.builder()
                        .description("The MigrationPlan JSON object.").additionalProperties(true).build())
                .addBooleanProperty("use_last_plan", "Submit the plan of the last plan_migration call unchanged.")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        boolean useLast = Args.flag(arguments, "use_last_plan", false);
        JsonNode plan = useLast ? null : arguments.get("plan");
        if (plan == null || plan.isNull()) {
            if (!useLast) {
                throw new ToolFailure("give the plan: 'plan' (the MigrationPlan JSON) or use_last_plan: true");
            }
            plan = memory.last();
            if (plan == null) {
                throw new ToolFailure("there is no last plan: call plan_migration first, or pass 'plan'");
            }
        }
        List<String> problems = PlanContract.problems(plan);
        if (!problems.isEmpty()) {
            StringBuilder sb = new StringBuilder("the plan is not valid (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "): ");
            for (int i = 0; i < Math.min(problems.size(), MAX_PROBLEMS); i++) {
                sb.append(i == 0 ? "" : "; ").append(i + 1).append(") ").append(problems.get(i));
            }
            if (problems.size() > MAX_PROBLEMS) {
                sb.append("; and ").append(problems.size() - MAX_PROBLEMS).append(" more");
            }
            sb.append(". Fix them and call submit_plan again.");
            throw new ToolFailure(sb.toString());
        }
        int steps = 0;
        for (JsonNode ph : plan.get("phases")) {
            steps += ph.path("steps").size();
        }
        String text = "plan accepted: " + plan.get("title").asText() + " (risk " + plan.path("risk").path("overall")
                .asText() + ", " + plan.get("phases").size() + " phase(s), " + steps + " step(s))";
        return new ToolResult(text, plan);
    }
}
