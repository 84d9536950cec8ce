package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.checks.CheckService;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.report.CheckReport;
import io.schemapilot.report.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code check_migration}: the hazard analysis of {@code schemapilot check} ({@link CheckService}) on migration SQL
 * given inline or as project files, with the catalog of the current schema and, when there is data, the data
 * checks the findings call for. The result is the {@code check --format json} report.
 */
public final class CheckMigrationTool implements AgentTool {

    @Override
    public String name() {
        return "check_migration";
    }

    @Override
    public String description() {
        return "Check migration SQL for hazards, exactly like `schemapilot check`: for every statement the hazards"
                + " (id, risk low|medium|high|critical), the lock it takes and what that blocks, whether it rewrites"
                + " the table, and the safe alternative. Uses the current schema (--db / --schema) as context and,"
                + " when the database holds data, runs the data checks the findings need (nulls, duplicates,"
                + " orphans, failing casts). Give the SQL inline ('sql') or project files/folders ('paths').";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty(ToolRegistry.SCHEMA_FILE_ARG, ToolRegistry.SCHEMA_FILE_DOC)
                .addStringProperty("sql", "Migration SQL to check (one or more statements).")
                .addProperty("paths", JsonArraySchema.builder()
                        .description("Migration files or folders of *.sql files, relative to the project.")
                        .items(JsonStringSchema.builder().build()).build())
                .addEnumProperty("data_checks", List.of("exact", "estimate", "sample", "off"),
                        "How to run the data checks when there is data (default exact).")
                .addBooleanProperty("hygiene", "Also report style hazards (types, identifiers, timeouts).")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        List<MigrationInputs.Named> inputs = MigrationInputs.read(arguments, "sql", "paths", context);
        if (inputs.isEmpty()) {
            throw new ToolFailure("give the migration as 'sql' (the statements) or 'paths' (project files)");
        }
        List<CheckService.SourceText> files = new ArrayList<>();
        for (MigrationInputs.Named n : inputs) {
            files.add(CheckService.SourceText.of(n.name(), n.sql()));
        }
        CheckService.Input in = new CheckService.Input(files, context.target(), null, false,
                Args.flag(arguments, "hygiene", false), Set.of(), dataChecks(arguments, context), io.schemapilot.report.ToolInfo.VERSION);
        CheckService.Output out;
        try {
            out = new CheckService().check(in, null);
        } catch (CheckService.AnalysisFailure e) {
            Throwable c = e.getCause();
            throw new ToolFailure("internal error " + e.getMessage() + ": " + (c == null ? "" : c.getClass().getSimpleName()
                    + (c.getMessage() == null ? "" : ": " + c.getMessage())));
        }
        CheckReport report = out.report();
        if (out.inputError() && report.files().stream().allMatch(f -> f.error() != null)) {
            throw new ToolFailure(String.join("; ", out.messages()));
        }
        return ToolResult.json(Json.mapper().valueToTree(report));
    }

    static DataCheckRunner.Options dataChecks(JsonNode arguments, ToolContext context) throws ToolFailure {
        String mode = Args.text(arguments, "data_checks");
        if (mode != null && (mode.equalsIgnoreCase("off") || mode.equalsIgnoreCase("none"))) {
            return null;
        }
        CheckMode m;
        try {
            m = mode == null ? CheckMode.EXACT : CheckMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        return DataCheckRunner.Options.of(m);
    }
}
