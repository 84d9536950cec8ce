package io.schemapilot.cli;

import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.cli.SourceFiles.Loaded;
import io.schemapilot.cli.SourceFiles.Source;
import io.schemapilot.cli.SourceFiles.Unreadable;
import io.schemapilot.plan.PlanRequest;
import io.schemapilot.plan.PlanService;
import io.schemapilot.plan.PlanWriter;
import io.schemapilot.report.Json;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Risk;
import io.schemapilot.report.render.PlanMarkdownRenderer;
import io.schemapilot.report.render.PlanTextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot plan FILE... | --from OLD.sql --to NEW.sql}: the migration-plan report — risk, data checks,
 * the change rewritten into safe phases with up, down and verification SQL per step, the rollback plan and its
 * point of no return, checklist, deployment steps and estimated impact. Never executes anything on the target.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Plan a schema change safely: findings, data checks, safe phased steps (up, down, verify),"
                    + " rollback plan with its point of no return, checklist, deployment steps.",
            "Input: migration files, or a desired-state change with --from OLD.sql --to NEW.sql."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 plan written (risk below --fail-on, when given); 1 risk at or above --fail-on, or the"
                + " --rehearse run failed; 2 usage or input error; 3 database unreachable; 4 internal error.")
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Migration files (or directories of *.sql).")
    List<String> files = new ArrayList<>();

    @Option(names = "--from", paramLabel = "OLD.sql", description = "The schema as it is (with --to).")
    Path from;

    @Option(names = "--to", paramLabel = "NEW.sql", description = "The schema as it should be (with --from).")
    Path to;

    @Option(names = "--rename", paramLabel = "OLD:NEW", split = ",",
            description = "With --from/--to: table.old:table.new (a column) or old:new (a table) is a rename,"
                    + " not a drop and an add.")
    List<String> renames = new ArrayList<>();

    @Option(names = "--rehearse", description = "Rehearse the plan's steps (up, verify, down, up) on a shadow database"
            + " built from --schema or --db, and attach the result.")
    boolean rehearse;

    @Option(names = "--data-checks", paramLabel = "MODE", defaultValue = "exact",
            description = "With --db (or a --schema file holding data): exact (default), estimate, sample or off.")
    String dataChecks;

    @Option(names = "--write", paramLabel = "DIR", description = "Also write the steps as migration files into DIR.")
    Path writeDir;

    @Option(names = "--style", paramLabel = "STYLE", defaultValue = "raw",
            description = "With --write: raw, flyway, knex, prisma, alembic or sqitch (default: ${DEFAULT-VALUE}).")
    String style;

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "10MB",
            converter = Converters.SizeConverter.class, description = "Refuse larger files (default: ${DEFAULT-VALUE}).")
    long maxFileSize;

    @Mixin
    DatabaseOptions database;

    @Mixin
    OutputOptions output;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String misread = database.takeMisreadFile();
        if (misread != null) {
            files.add(0, misread);
        }
        PlanWriter.Style writeStyle = writeDir == null ? null : parseStyle();
        List<PlanRequest.MigrationSource> sources = new ArrayList<>();
        SourceFiles reader = new SourceFiles(maxFileSize, root.env().stdin());
        for (String arg : files) {
            for (Source s : reader.expand(arg)) {
                if (s instanceof Unreadable u) {
                    throw new CliException(ExitCode.USAGE, u.path() + ": " + u.problem());
                }
                Loaded l = (Loaded) s;
                sources.add(new PlanRequest.MigrationSource(l.path(), l.text()));
            }
        }
        PlanService.Input input = new PlanService.Input(sources, from, to, renames, database.source(),
                database.pgVersion(), database.assumeInTransaction(), checkOptions(), rehearse);
        PlanService.Output result = new PlanService().plan(input, common.verbose() ? err : null);
        result.notes().forEach(n -> err.println("note: " + n));
        MigrationPlan plan = result.plan();

        if (writeDir != null) {
            try {
                List<Path> written = PlanWriter.write(plan, writeStyle, writeDir, PlanWriter.Options.defaults());
                err.println("wrote " + written.size() + " " + writeStyle.name().toLowerCase(java.util.Locale.ROOT)
                        + " migration file(s) to " + writeDir);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "--write " + writeDir + ": cannot write (" + e.getMessage() + ")");
            }
        }
        CommandIo.write(switch (output.format()) {
            case JSON -> Json.write(plan) + "\n";
            case MARKDOWN -> new PlanMarkdownRenderer().render(plan);
            case TEXT -> new PlanTextRenderer().render(plan);
            case SARIF -> throw new CliException(ExitCode.USAGE, "plan: --format sarif is for check; use text, json or markdown");
        }, output.output(), spec.commandLine().getOut());
        if (plan.rehearsal() != null && plan.rehearsal().ran() && !plan.rehearsal().upOk()) {
            return ExitCode.FINDINGS.code();
        }
        Risk failOn = output.failOn(null);
        return failOn != null && plan.risk().overall().atLeast(failOn) ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
    }

    private DataCheckRunner.Options checkOptions() {
        String mode = dataChecks == null ? "exact" : dataChecks.strip();
        if (mode.equalsIgnoreCase("off") || mode.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return DataCheckRunner.Options.of(CheckMode.parse(mode));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--data-checks: unknown mode '" + mode + "'; use exact, estimate, sample or off");
        }
    }

    private PlanWriter.Style parseStyle() {
        try {
            return PlanWriter.Style.parse(style);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--style: unknown style '" + style
                    + "'; use raw, flyway, knex, prisma, alembic or sqitch");
        }
    }

}
