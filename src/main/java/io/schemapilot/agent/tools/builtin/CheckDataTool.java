package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.checks.DataCheckPlanner;
import io.schemapilot.checks.DataCheckRun;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.PlannedCheck;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Json;
import io.schemapilot.sql.SqlSyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code check_data}: the data checks a migration needs ({@link DataCheckPlanner}: nulls before NOT NULL, duplicates
 * before UNIQUE, orphans before a foreign key, failing casts, CHECK violations, data a DROP would lose), run read-only
 * against the current database's data ({@link DataCheckRunner}) in exact, estimate or sample mode. Samples show row
 * keys only, never values of secret-looking columns.
 */
public final class CheckDataTool implements AgentTool {

    @Override
    public String name() {
        return "check_data";
    }

    @Override
    public String description() {
        return "Count the rows that would make a migration fail or lose data, on the real data of --db (or a --schema"
                + " file that holds rows): NULLs before SET NOT NULL, duplicates before UNIQUE/PRIMARY KEY, orphans"
                + " before a FOREIGN KEY, values a type change cannot cast, CHECK violations, enum labels in use, rows"
                + " a DROP/DELETE would lose. Read-only. mode: exact (real counts within a time budget, default),"
                + " estimate (pg_stats, instant), sample (TABLESAMPLE, scaled). Give the migration as 'sql' or 'paths'.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return MigrationInputs.parameters("The migration SQL whose data preconditions to check.")
                .addEnumProperty("mode", List.of("exact", "estimate", "sample"), "How to count (default exact).")
                .addIntegerProperty("sample_rows", "sample mode: about how many rows to read per table"
                        + " (default 100000).")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        List<MigrationInputs.Named> inputs = MigrationInputs.required(arguments, context);
        CheckMode mode = CheckMigrationTool.checkMode(Args.text(arguments, "mode"));
        DataCheckRunner.Options options = DataCheckRunner.Options.of(mode).withBudget(context.limits().queryTimeout());
        Integer sampleRows = Args.integer(arguments, "sample_rows");
        if (sampleRows != null) {
            if (sampleRows <= 0) {
                throw new ToolFailure("'sample_rows' must be more than 0");
            }
            options = options.withSample(sampleRows, DataCheckRunner.SampleMethod.SYSTEM);
        }
        try (CatalogTarget target = Targets.open(context, true)) {
            if (target.data() == null) {
                // not a failure: there is nothing to count, and the plan says so in its checklist
                String why = "no data checks ran: the current schema comes from a --schema file without rows; data"
                        + " checks need --db (a live database) or a schema file that inserts rows";
                ObjectNode none = JsonNodeFactory.instance.objectNode();
                none.put("ran", false);
                none.put("planned", 0);
                none.putArray("checks");
                none.put("note", why);
                return new ToolResult(why, none);
            }
            List<PlannedCheck> planned = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (MigrationInputs.Named n : inputs) {
                try {
                    for (PlannedCheck p : DataCheckPlanner.plan(n.sql(), target.catalog())) {
                        if (ids.add(p.id())) {
                            planned.add(p);
                        }
                    }
                } catch (SqlSyntaxException e) {
                    throw new ToolFailure(n.name() + ": the SQL cannot be split into statements: " + e.located());
                }
            }
            JsonNodeFactory f = JsonNodeFactory.instance;
            ObjectNode out = f.objectNode();
            out.put("mode", mode.id());
            if (planned.isEmpty()) {
                out.put("planned", 0);
                out.putArray("checks");
                out.put("note", "no data checks apply: nothing in this SQL depends on the rows already in the"
                        + " database (no NOT NULL, UNIQUE, foreign key, CHECK, type change or drop of existing data)");
                return ToolResult.json(out);
            }
            DataCheckRun run = new DataCheckRunner(options).run(target.data(), planned);
            int failed = 0;
            for (DataCheck c : run.checks()) {
                if (!c.passed()) {
                    failed++;
                }
            }
            out.put("planned", planned.size());
            out.put("failed", failed);
            out.put("took_ms", run.took().toMillis());
            ArrayNode checks = out.putArray("checks");
            for (DataCheck c : run.checks()) {
                checks.add(Json.mapper().valueToTree(c));
            }
            return ToolResult.json(out);
        }
    }
}
