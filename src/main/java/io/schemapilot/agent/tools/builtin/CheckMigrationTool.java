package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
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

    /** The argument that says how to run the data checks ({@link #dataChecks}), here and in plan_migration. */
    static final String DATA_CHECKS_ARG = "data_checks";
    static final List<String> DATA_CHECKS_VALUES = List.of("exact", "estimate", "sample", "off");
    static final String DATA_CHECKS_DOC = "How to run the data checks when there is data (default exact).";

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
        return MigrationInputs.parameters("Migration SQL to check (one or more statements).")
                .addEnumProperty(DATA_CHECKS_ARG, DATA_CHECKS_VALUES, DATA_CHECKS_DOC)
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
        List<CheckService.SourceText> files = new ArrayList<>();
        for (MigrationInputs.Named n : MigrationInputs.required(arguments, context)) {
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

    /** The data checks {@code data_checks} asks for: null for off (or none), else the options of its mode. */
    static DataCheckRunner.Options dataChecks(JsonNode arguments, ToolContext context) throws ToolFailure {
        String mode = Args.text(arguments, DATA_CHECKS_ARG);
        if (mode != null && (mode.equalsIgnoreCase("off") || mode.equalsIgnoreCase("none"))) {
            return null;
        }
        return DataCheckRunner.Options.of(checkMode(mode));
    }

    /** A check mode's name as {@link CheckMode#parse} reads it; null stands for exact. */
    static CheckMode checkMode(String mode) throws ToolFailure {
        try {
            return mode == null ? CheckMode.EXACT : CheckMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
    }
}
