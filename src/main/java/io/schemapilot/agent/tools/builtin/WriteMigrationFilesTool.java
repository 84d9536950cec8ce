package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.GatedTool;
import io.schemapilot.agent.tools.ProjectPaths;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.plan.PlanWriter;
import io.schemapilot.report.Json;
import io.schemapilot.report.MigrationPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code write_migration_files}: a plan's steps as migration files of the project's tool ({@link PlanWriter}: raw,
 * flyway, knex, prisma, alembic, sqitch), up and down, into a folder of the project. Effect {@code write}: it runs
 * only after the confirmation gate said yes for the folder (its path relative to the project is the name to
 * confirm). It never overwrites an existing file.
 */
public final class WriteMigrationFilesTool implements GatedTool {

    private final PlanMemory memory;

    public WriteMigrationFilesTool(PlanMemory memory) {
        this.memory = memory;
    }

    @Override
    public String name() {
        return "write_migration_files";
    }

    @Override
    public String description() {
        return "Write a migration plan as migration files for the project's tool (style raw, flyway, knex, prisma,"
                + " alembic or sqitch), up and down, into a folder of the project. Writes files, so the user must"
                + " confirm (they type the folder path). Takes the plan from the last plan_migration call"
                + " (use_last_plan, the default) or as 'plan' (the MigrationPlan JSON). Never overwrites a file.";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addProperty("plan", JsonObjectSchema.builder()
                        .description("The MigrationPlan JSON; omit to use the last plan_migration result.")
                        .additionalProperties(true).build())
                .addBooleanProperty("use_last_plan", "Use the plan of the last plan_migration call (default when"
                        + " 'plan' is not given).")
                .addStringProperty("dir", "The folder to write into, relative to the project (e.g. db/migrations).")
                .addEnumProperty("style", List.of("raw", "flyway", "knex", "prisma", "alembic", "sqitch"),
                        "The migration tool's file format (default raw).")
                .addStringProperty("version", "A prefix that orders the files after the existing migrations: a Flyway"
                        + " version (7) or a timestamp (20250101120000).")
                .required("dir")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.WRITE;
    }

    private record Prepared(MigrationPlan plan, PlanWriter.Style style, Path dir, String dirName,
                            PlanWriter.Options options, List<PlanWriter.FileOut> files) {
    }

    private Prepared prepare(JsonNode arguments, ToolContext context) throws ToolFailure {
        String dirArg = Args.required(arguments, "dir");
        Path dir = ProjectPaths.forWrite(context, dirArg);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ToolFailure("'" + dirArg + "' exists and is not a folder");
        }
        if (dir.equals(context.projectRoot())) {
            throw new ToolFailure("give a folder inside the project for the migration files, not the project root");
        }
        PlanWriter.Style style;
        try {
            style = PlanWriter.Style.parse(Args.text(arguments, "style") == null ? "raw" : Args.text(arguments, "style"));
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        JsonNode planJson = Args.flag(arguments, "use_last_plan", false) ? null : arguments.get("plan");
        if (planJson == null || planJson.isNull()) {
            planJson = memory.last();
            if (planJson == null) {
                throw new ToolFailure("no plan yet: call plan_migration first, or pass the plan as 'plan'");
            }
        }
        MigrationPlan plan = PlanContract.read(planJson);
        String version = Args.text(arguments, "version");
        if (version != null && !version.matches("[0-9][0-9._]{0,31}")) {
            throw new ToolFailure("'version' must be digits (a Flyway version such as 7, or a timestamp)");
        }
        PlanWriter.Options options = version != null ? new PlanWriter.Options(version, null)
                : PlanWriter.Options.after(dir, style); // after the project's own migrations
        List<PlanWriter.FileOut> files;
        try {
            files = PlanWriter.render(plan, style, options);
        } catch (RuntimeException e) {
            throw new ToolFailure("cannot write this plan as " + style.name().toLowerCase(Locale.ROOT) + " files: "
                    + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new ToolFailure("the plan has no steps to write");
        }
        return new Prepared(plan, style, dir, ProjectPaths.relative(context, dir), options, files);
    }

    @Override
    public ConfirmationGate.Request confirmation(JsonNode arguments, ToolContext context) throws ToolFailure {
        Prepared p = prepare(arguments, context);
        List<String> names = new ArrayList<>();
        p.files().forEach(f -> names.add(f.path()));
        return new ConfirmationGate.Request("write " + p.files().size() + " "
                + p.style().name().toLowerCase(Locale.ROOT) + " migration file(s) to " + p.dirName() + ": "
                + String.join(", ", names), p.dirName(), ConfirmationGate.Kind.WRITE);
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        Prepared p = prepare(arguments, context);
        for (PlanWriter.FileOut f : p.files()) {
            Path target = p.dir().resolve(f.path()).normalize();
            if (!target.startsWith(p.dir())) {
                throw new ToolFailure("refused: the file name " + f.path() + " leaves the folder");
            }
            if (Files.exists(target)) {
                throw new ToolFailure(p.dirName() + "/" + f.path() + " already exists; nothing was written (choose"
                        + " another folder or a 'version' that orders after the existing files)");
            }
        }
        List<Path> written;
        try {
            written = PlanWriter.write(p.plan(), p.style(), p.dir(), p.options());
        } catch (IOException e) {
            throw new ToolFailure("cannot write to " + p.dirName() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("dir", p.dirName());
        out.put("style", p.style().name().toLowerCase(Locale.ROOT));
        ArrayNode files = out.putArray("files");
        written.forEach(w -> files.add(ProjectPaths.relative(context, w)));
        return ToolResult.json(out);
    }
}
