package io.schemapilot.cli;

import io.schemapilot.checks.CheckService;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.cli.SourceFiles.Loaded;
import io.schemapilot.cli.SourceFiles.Source;
import io.schemapilot.cli.SourceFiles.Unreadable;
import io.schemapilot.report.CheckReport;
import io.schemapilot.report.Risk;
import io.schemapilot.report.render.JsonRenderer;
import io.schemapilot.report.render.MarkdownRenderer;
import io.schemapilot.report.render.SarifRenderer;
import io.schemapilot.report.render.TextRenderer;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot check [opts] FILE...}: lints migration files and reports every hazard per statement. A file
 * that cannot be read gets one line on stderr and the run goes on with the others; the exit code is 2 when any
 * input could not be checked, else 1 when a finding is at or above {@code --fail-on}, else 0.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Lint PostgreSQL migration files: for every statement, the hazards it has, the lock it takes,"
                    + " what that blocks, and the safe alternative.",
            "A directory stands for its *.sql files (not recursive, in natural order: V2 before V10);"
                    + " - reads standard input."
        },
        footerHeading = "%n",
        footer = {
            "Suppress a finding with a comment on the line before the statement:",
            "  -- schemapilot:ignore <hazard-id> <reason>",
            "or for the whole file: -- schemapilot:ignore-file <hazard-id>. An ignore that suppresses nothing is reported.",
            "",
            "Exit codes: 0 nothing at or above --fail-on; 1 findings at or above --fail-on;",
            "2 usage or input error (any file not checked); 3 database unreachable; 4 internal error."
        })
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "Migration files, directories of *.sql files, or - for standard input.")
    List<String> files = new ArrayList<>();

    @Mixin
    DatabaseOptions database;

    @Mixin
    OutputOptions output;

    @Option(names = "--hygiene", description = "Also report the hygiene hazards (style: types, identifiers, timeouts).")
    boolean hygiene;

    @Option(names = "--disable", paramLabel = "ID", split = ",",
            description = "Do not report these hazard ids (comma-separated; repeatable).")
    List<String> disable = new ArrayList<>();

    @Option(names = "--max-file-size", paramLabel = "SIZE", defaultValue = "10MB",
            converter = Converters.SizeConverter.class,
            description = "Refuse larger files (default: ${DEFAULT-VALUE}; e.g. 32MB).")
    long maxFileSize;

    @Option(names = "--data-checks", paramLabel = "MODE", defaultValue = "exact",
            description = "With --db (or a --schema file that holds data): run the data checks the findings call for"
                    + " (nulls, duplicates, orphans, failing casts, CHECK violations, data lost): exact (default,"
                    + " within --check-budget, else the estimate), estimate (pg_stats, milliseconds), sample, or off.")
    String dataChecks;

    @Option(names = "--check-budget", paramLabel = "DURATION", defaultValue = "30s",
            description = "Time allowed per data-check query in exact mode before falling back to the estimate"
                    + " (default: ${DEFAULT-VALUE}; e.g. 500ms, 10s, 2m).")
    String checkBudget;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        PrintWriter err = spec.commandLine().getErr();
        String misread = database.takeMisreadFile();
        if (misread != null) {
            files.add(0, misread);
        }
        Set<Hazard> disabled = disabledHazards();
        if (database.hasDb() && database.schema() != null) {
            throw new CliException(ExitCode.USAGE,
                    "--db and --schema both give the current schema; pass only one of them");
        }
        Risk failOn = output.failOn(Risk.HIGH);

        CommandIo.requireReadable(database.schema(), "--schema");
        SourceFiles reader = new SourceFiles(maxFileSize, root.env().stdin());
        List<Source> sources = new ArrayList<>();
        for (String arg : files) {
            sources.addAll(reader.expand(arg));
        }
        List<java.nio.file.Path> inputs = new ArrayList<>();
        for (Source s : sources) {
            if (!s.path().equals(SourceFiles.STDIN_PATH)) {
                inputs.add(java.nio.file.Path.of(s.path()));
            }
        }
        inputs.add(database.schema());
        CommandIo.checkOutput(output.output(), inputs);

        DataCheckRunner.Options checkOptions = checkOptions();
        List<CheckService.SourceText> texts = new ArrayList<>();
        for (Source source : sources) {
            if (source instanceof Unreadable u) {
                texts.add(CheckService.SourceText.unreadable(u.path(), u.problem()));
            } else {
                Loaded l = (Loaded) source;
                texts.add(new CheckService.SourceText(l.path(), l.text(), null, l.bytes()));
            }
        }
        CheckService.Output out;
        try {
            out = new CheckService().check(new CheckService.Input(texts, database.source(), database.pgVersion(),
                    database.assumeInTransaction(), hygiene, disabled, checkOptions, Cli.VERSION),
                    common.verbose() ? err : null);
        } catch (CheckService.AnalysisFailure e) {
            throw new CliException(ExitCode.INTERNAL, e.getMessage(), e.getCause());
        }
        out.messages().forEach(err::println);
        CheckReport report = out.report();
        write(render(report));

        if (common.verbose()) {
            err.printf("checked %d file(s), %d statement(s) in %d ms%n", report.files().size(), out.statements(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return outcome(report, failOn, out.inputError()).code();
    }

    /** 2 when any input could not be checked, else 1 when a finding is at or above {@code failOn}, else 0. */
    static ExitCode outcome(CheckReport report, Risk failOn, boolean inputError) {
        if (inputError || report.hasFileErrors()) {
            return ExitCode.USAGE;
        }
        boolean failing = report.files().stream().flatMap(f -> f.findings().stream())
                .anyMatch(f -> f.risk().atLeast(failOn));
        return failing ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private Set<Hazard> disabledHazards() {
        Set<Hazard> out = EnumSet.noneOf(Hazard.class);
        for (String id : disable) {
            if (id.isBlank()) {
                continue;
            }
            Hazard h = Hazard.byId(id);
            if (h == null) {
                throw new CliException(ExitCode.USAGE, "--disable: unknown hazard id '" + id.strip()
                        + "'; use the ids the reports show, e.g. create-index-non-concurrent");
            }
            out.add(h);
        }
        return out;
    }

    /** The data-check options, or null for {@code --data-checks off}. */
    private DataCheckRunner.Options checkOptions() {
        String mode = dataChecks == null ? "exact" : dataChecks.strip();
        if (mode.equalsIgnoreCase("off") || mode.equalsIgnoreCase("none")) {
            return null;
        }
        CheckMode m;
        try {
            m = CheckMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--data-checks: unknown mode '" + mode
                    + "'; use exact, estimate, sample or off");
        }
        return DataCheckRunner.Options.of(m).withBudget(Converters.duration("--check-budget", checkBudget));
    }

    private String render(CheckReport report) {
        return switch (output.format()) {
            case TEXT -> new TextRenderer(color()).render(report);
            case JSON -> new JsonRenderer().render(report);
            case MARKDOWN -> new MarkdownRenderer().render(report);
            case SARIF -> new SarifRenderer(HazardDocs::info).render(report);
        };
    }

    private boolean color() {
        boolean toStdout = output.output() == null || output.output().toString().equals("-");
        return toStdout && !common.noColor() && root.env().colorAllowed();
    }

    private void write(String text) {
        CommandIo.write(text, output.output(), spec.commandLine().getOut());
        if (common.verbose() && output.output() != null && !output.output().toString().equals("-")) {
            spec.commandLine().getErr().println("wrote " + output.output());
        }
    }
}
