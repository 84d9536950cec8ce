package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ProjectPaths;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.project.ProjectDetector;
import io.schemapilot.project.ProjectInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code detect_project}: what the project uses for its database — ORM and migration tool, engine, schema files,
 * migration folders, each with the file that shows it — from {@link ProjectDetector}. Paths in the result are
 * relative to the project root, so the model can pass them on to {@code read_file}.
 */
public final class DetectProjectTool implements AgentTool {

    /** The most schema files listed one by one; the rest are counted. */
    static final int MAX_SCHEMA_FILES = 40;

    @Override
    public String name() {
        return "detect_project";
    }

    @Override
    public String description() {
        return "Find out what the project uses for its database: the ORM / migration tool (Prisma, Drizzle, TypeORM,"
                + " Knex, Sequelize, MikroORM, Django, Alembic/SQLAlchemy, Flyway, Liquibase, Rails ActiveRecord,"
                + " golang-migrate, Sqitch, InstantDB, Supabase, plain SQL files), the database engine (PostgreSQL,"
                + " MySQL, SQLite, InstantDB, ...), the schema files and the migration folders, each with the file"
                + " that shows it. Call it first. Database URLs are reduced to their engine.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("path", "A folder inside the project to look at, relative to the project root"
                        + " (e.g. apps/api). Omit for the whole project.")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        String path = Args.stripped(arguments, "path");
        Path dir = path == null || path.equals(".") ? context.projectRoot() : ProjectPaths.existing(context, path);
        if (!Files.isDirectory(dir)) {
            throw new ToolFailure("'" + path + "' is not a folder; give a folder of the project, or omit 'path'");
        }
        ProjectInfo info;
        try {
            info = new ProjectDetector().detect(dir);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        String prefix = ProjectPaths.relative(context, dir);
        return ToolResult.json(toJson(info, prefix.equals(".") ? "" : prefix + "/"));
    }

    /** The detection as JSON, every path prefixed with {@code prefix} (the looked-at folder within the project). */
    static ObjectNode toJson(ProjectInfo info, String prefix) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode out = f.objectNode();
        out.put("summary", info.summary());
        out.put("path", prefix.isEmpty() ? "." : prefix.substring(0, prefix.length() - 1));
        out.set("tools", detections(info.tools(), prefix, true));
        out.set("engines", detections(info.engines(), prefix, false));
        ArrayNode schemas = out.putArray("schema_files");
        List<ProjectInfo.SchemaFile> files = info.schemaFiles();
        for (ProjectInfo.SchemaFile s : files.subList(0, Math.min(files.size(), MAX_SCHEMA_FILES))) {
            ObjectNode o = schemas.addObject();
            o.put("path", prefix + s.path());
            o.put("kind", s.kind().label());
            o.put("format", s.format());
            if (s.tool() != null) {
                o.put("tool", s.tool());
            }
            o.put("why", s.why());
        }
        if (files.size() > MAX_SCHEMA_FILES) {
            out.put("schema_files_not_listed", files.size() - MAX_SCHEMA_FILES);
        }
        ArrayNode dirs = out.putArray("migration_dirs");
        for (ProjectInfo.MigrationDir d : info.migrationDirs()) {
            ObjectNode o = dirs.addObject();
            o.put("path", prefix + d.path());
            if (d.tool() != null) {
                o.put("tool", d.tool());
            }
            o.put("files", d.files());
            o.put("why", d.why());
        }
        out.put("files_scanned", info.filesScanned());
        out.put("truncated", info.truncated());
        return out;
    }

    private static ArrayNode detections(List<ProjectInfo.Detection> list, String prefix, boolean tools) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        for (ProjectInfo.Detection d : list) {
            ObjectNode o = a.addObject();
            o.put("id", d.id());
            o.put("name", d.name());
            if (tools && d.category() != null) {
                o.put("category", d.category().label());
            }
            ArrayNode ev = o.putArray("evidence");
            for (ProjectInfo.Evidence e : d.evidence()) {
                ev.addObject().put("file", prefix + e.file()).put("why", e.why());
            }
        }
        return a;
    }
}
