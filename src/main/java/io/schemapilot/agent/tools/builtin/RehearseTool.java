package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ProjectPaths;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.rehearsal.Rehearser;
import io.schemapilot.rehearsal.ShadowBuilder;
import io.schemapilot.report.Json;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.report.render.RehearsalRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code rehearse}: {@code schemapilot rehearse} as a tool ({@link Rehearser}): the migration runs on a shadow
 * database built from the current schema (never on the target), with its locks and rewrites traced; then the down,
 * a comparison of the catalog with the one before, and the up again.
 */
public final class RehearseTool implements AgentTool {

    static final int MAX_SAMPLE_ROWS = 10_000;

    @Override
    public String name() {
        return "rehearse";
    }

    @Override
    public String description() {
        return "Rehearse a migration on a throw-away shadow copy of the current schema (never on the real database):"
                + " run the up statement by statement while tracing the locks each takes (pg_locks) and the tables"
                + " it rewrites, run the down, check the schema is restored exactly, and run the up again. Give the"
                + " up as 'sql' or 'path' and the down as 'down_sql' or 'down_path' (without a down the rollback is"
                + " not tested). Returns passed plus the rehearsal (locks, rewrites, differences, each statement).";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty(ToolRegistry.SCHEMA_FILE_ARG, ToolRegistry.SCHEMA_FILE_DOC)
                .addStringProperty("sql", "The migration (up) SQL.")
                .addStringProperty("path", "The migration (up) file, relative to the project.")
                .addStringProperty("down_sql", "The down (rollback) SQL.")
                .addStringProperty("down_path", "The down file, relative to the project.")
                .addIntegerProperty("sample_rows", "With --db: copy up to this many rows per table into the shadow"
                        + " (default 0: schema only).")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        MigrationInputs.Named up = source(arguments, "sql", "path", context, true);
        MigrationInputs.Named down = source(arguments, "down_sql", "down_path", context, false);
        Targets.require(context);
        Integer sample = Args.integer(arguments, "sample_rows");
        int sampleRows = sample == null ? 0 : sample;
        if (sampleRows < 0 || sampleRows > MAX_SAMPLE_ROWS) {
            throw new ToolFailure("'sample_rows' must be between 0 and " + MAX_SAMPLE_ROWS);
        }
        AnalysisSettings settings = new AnalysisSettings(PgVersion.DEFAULT, false, false, Set.of());
        CatalogTarget.Source target = context.target();
        Rehearser rehearser = new Rehearser(EmbeddedPostgresServer::get); // started only if the shadow needs it
        Rehearsal result;
        if (target.schemaFile() != null) {
            Path schema = target.schemaFile();
            String schemaSql;
            try {
                schemaSql = Files.readString(schema, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ToolFailure("cannot read the --schema file " + schema.getFileName());
            }
            result = rehearser.rehearse(new Rehearser.Input(schemaSql, schema.toString(), up.sql(),
                    up.name(), down == null ? null : down.sql(), down == null ? null : down.name(), settings));
        } else {
            result = rehearser.rehearse(Connections.resolve(target.url()),
                    ShadowBuilder.Options.defaults().withSampleRows(sampleRows),
                    new Rehearser.Input(null, "--db", up.sql(), up.name(), down == null ? null : down.sql(),
                            down == null ? null : down.name(), settings));
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("passed", RehearsalRenderer.passed(result));
        out.put("shadow_from", target.schemaFile() != null ? "--schema" : "--db");
        out.set("rehearsal", Json.mapper().valueToTree(result));
        return ToolResult.json(out);
    }

    private static MigrationInputs.Named source(JsonNode args, String sqlArg, String pathArg, ToolContext ctx, boolean required)
            throws ToolFailure {
        String sql = Args.text(args, sqlArg);
        String path = Args.text(args, pathArg);
        if (sql != null && path != null) {
            throw new ToolFailure("give either '" + sqlArg + "' or '" + pathArg + "', not both");
        }
        if (sql != null) {
            return new MigrationInputs.Named(sqlArg.startsWith("down") ? "down.sql" : MigrationInputs.INLINE, sql);
        }
        if (path != null) {
            Path p = ProjectPaths.existingFile(ctx, path);
            return new MigrationInputs.Named(ProjectPaths.relative(ctx, p), MigrationInputs.readText(p, path));
        }
        if (required) {
            throw new ToolFailure("give the migration as '" + sqlArg + "' (the statements) or '" + pathArg
                    + "' (a project file)");
        }
        return null;
    }
}
