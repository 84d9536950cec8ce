package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ProjectPaths;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.plan.PlanRequest;
import io.schemapilot.plan.PlanService;
import io.schemapilot.report.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan_migration}: the migration plan of {@code schemapilot plan} ({@link PlanService}) for migration SQL
 * (inline and/or project files) or for the difference between two schema files, with the catalog and data of the
 * current schema. The result's data is the MigrationPlan JSON; the plan is also remembered for
 * {@code write_migration_files} and {@code submit_plan} ({@code "use_last_plan": true}).
 */
public final class PlanMigrationTool implements AgentTool {

    private final PlanMemory memory;

    public PlanMigrationTool(PlanMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "plan_migration";
    }

    @Override
    public String description() {
        return "Make the safe migration plan, exactly like `schemapilot plan`: phases (expand, backfill, contract)"
                + " of steps, each with up SQL, down SQL (or how to recover), a verification query, its lock and"
                + " lock_timeout; risk assessment, data checks on the current data, rollback plan with the point of"
                + " no return, backup, checklist and estimated impact. Input: the migration as 'sql' and/or 'paths'"
                + " (project files), or 'from' and 'to' (two schema files to diff). The result is the MigrationPlan"
                + " JSON; submit it with submit_plan {\"use_last_plan\": true} or write it with write_migration_files.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return MigrationInputs.parameters("The migration SQL to plan.")
                .addStringProperty("from", "Schema file as it is now (with 'to'): plan the difference.")
                .addStringProperty("to", "Schema file as it should be (with 'from').")
                .addProperty("renames", Args.textList("With from/to: renames as table.old:table.new or old:new"
                        + " (else a rename is a drop plus an add)."))
                .addEnumProperty(CheckMigrationTool.DATA_CHECKS_ARG, CheckMigrationTool.DATA_CHECKS_VALUES,
                        CheckMigrationTool.DATA_CHECKS_DOC)
                .addBooleanProperty("rehearse", "Also rehearse the plan on a shadow database (needs --schema).")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        String from = Args.text(arguments, "from");
        String to = Args.text(arguments, "to");
        List<PlanRequest.MigrationSource> sources = new ArrayList<>();
        for (MigrationInputs.Named n : MigrationInputs.read(arguments, context)) {
            sources.add(new PlanRequest.MigrationSource(n.name(), n.sql()));
        }
        if ((from == null) != (to == null)) {
            throw new ToolFailure("'from' and 'to' go together: the schema file as it is and as it should be");
        }
        if (from != null && !sources.isEmpty()) {
            throw new ToolFailure("give either the migration ('sql' / 'paths') or 'from' and 'to', not both");
        }
        if (from == null && sources.isEmpty()) {
            throw new ToolFailure("give the migration as 'sql' or 'paths', or two schema files as 'from' and 'to'");
        }
        Path fromPath = from == null ? null : ProjectPaths.existingFile(context, from);
        Path toPath = to == null ? null : ProjectPaths.existingFile(context, to);
        boolean rehearse = Args.flag(arguments, "rehearse", false);
        if (rehearse && context.target().schemaFile() == null && fromPath == null) {
            throw new ToolFailure("rehearse: true needs the current schema as a file (--schema); with --db, call the"
                    + " rehearse tool on the migration instead");
        }
        PlanService.Input in = new PlanService.Input(sources, fromPath, toPath, Args.list(arguments, "renames"),
                context.target(), null, false, CheckMigrationTool.dataChecks(arguments, context), rehearse);
        PlanService.Output out;
        try {
            out = new PlanService().plan(in, null);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        JsonNode plan = Json.mapper().valueToTree(out.plan());
        memory.remember(plan);

        ObjectNode text = Json.mapper().createObjectNode();
        text.put("hint", "this is the MigrationPlan; submit it unchanged with submit_plan {\"use_last_plan\": true}");
        text.setAll((ObjectNode) plan);
        if (!out.notes().isEmpty()) {
            ArrayNode notes = text.putArray("planning_notes");
            out.notes().forEach(notes::add);
        }
        return new ToolResult(text.toString(), plan);
    }
}
