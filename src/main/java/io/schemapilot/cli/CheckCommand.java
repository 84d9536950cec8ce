package io.schemapilot.cli;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.DataCheckSuite;
import io.schemapilot.report.DataCheck;
import io.schemapilot.cli.SourceFiles.Loaded;
import io.schemapilot.cli.SourceFiles.Source;
import io.schemapilot.cli.SourceFiles.Unreadable;
import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Risk;
import io.schemapilot.report.render.JsonRenderer;
import io.schemapilot.report.render.MarkdownRenderer;
import io.schemapilot.report.render.SarifRenderer;
import io.schemapilot.report.render.TextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

        SourceFiles reader = new SourceFiles(maxFileSize, root.env().stdin());
        List<Source> sources = new ArrayList<>();
        for (String arg : files) {
            sources.addAll(reader.expand(arg));
        }

        DataCheckRunner.Options checkOptions = checkOptions();
        try (CatalogTarget context = sources.stream().anyMatch(s -> s instanceof Loaded)
                ? CatalogTarget.open(database.source(), checkOptions != null, common.verbose() ? err : null)
                : CatalogTarget.none()) {
            return check(sources, context, checkOptions, disabled, failOn, err, started);
        }
    }

    private int check(List<Source> sources, CatalogTarget context, DataCheckRunner.Options checkOptions,
                      Set<Hazard> disabled, Risk failOn, PrintWriter err, long started) {
        CatalogSnapshot catalog = context.catalog();
        PgVersion pgVersion = database.pgVersion();
        boolean versionFromServer = false;
        if (pgVersion == null && catalog != null && database.hasDb() && catalog.serverVersionNum() > 0) {
            pgVersion = PgVersion.parse(Integer.toString(catalog.serverVersionNum()));
            versionFromServer = true;
        }
        if (pgVersion == null) {
            pgVersion = PgVersion.DEFAULT;
        }
        AnalysisSettings settings = new AnalysisSettings(pgVersion, database.assumeInTransaction(), hygiene, disabled);

        Analyzer analyzer = new Analyzer();
        List<FileReport> reports = new ArrayList<>();

        boolean inputError = false;
        int statements = 0;
        for (Source source : sources) {
            if (source instanceof Unreadable u) {
                err.println("error: " + u.path() + ": " + u.problem());
                reports.add(FileReport.failed(u.path(), u.problem()));
                inputError = true;
                continue;
            }
            Loaded file = (Loaded) source;
            if (common.verbose()) {
                err.println("checking " + file.path() + " (" + SourceFiles.size(file.bytes()) + ")");
            }
            FileReport report = analyze(analyzer, file, settings, catalog);
            if (report.error() != null) {
                err.println("error: " + file.path() + ": " + report.error()
                        + "; fix it and run again (nothing in this file was checked)");
                inputError = true;
            } else if (report.statements() == 0) {
                err.println("note: " + file.path() + ": " + (file.text().isBlank() ? "empty file" : "no SQL statements")
                        + ", 0 statements checked");
            }
            statements += report.statements();
            reports.add(report);
        }

        List<DataCheck> dataChecks = List.of();
        if (context.data() != null && checkOptions != null) {
            if (common.verbose()) {
                err.println("running data checks (" + checkOptions.mode().id() + ") ...");
            }
            Map<String, String> texts = new HashMap<>();
            sources.stream().filter(s -> s instanceof Loaded).map(s -> (Loaded) s)
                    .forEach(l -> texts.put(l.path(), l.text()));
            DataCheckSuite.Result checked = DataCheckSuite.run(context.data(), reports, texts, catalog, checkOptions);
            dataChecks = checked.checks();
            reports = checked.reports();
        }
        CheckReport report = CheckReport.of(Cli.VERSION, pgVersion.toString(), reports,
                assumptions(catalog, pgVersion, versionFromServer), dataChecks);
        write(render(report));

        if (common.verbose()) {
            err.printf("checked %d file(s), %d statement(s) in %d ms%n", reports.size(), statements,
                    (System.nanoTime() - started) / 1_000_000);
        }
        return outcome(report, failOn, inputError).code();
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

    private static FileReport analyze(Analyzer analyzer, Loaded file, AnalysisSettings settings, CatalogSnapshot catalog) {
        try {
            return analyzer.analyze(file.path(), file.text(), settings, catalog);
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.INTERNAL, "while checking " + file.path(), e);
        }
    }

    private List<String> assumptions(CatalogSnapshot catalog, PgVersion pgVersion, boolean versionFromServer) {
        List<String> out = new ArrayList<>();
        if (catalog == null) {
            out.add("no catalog given (--schema or --db): every table mentioned is assumed to exist, be large and busy");
        } else if (database.schema() != null) {
            out.add("catalog from --schema " + database.schema()
                    + ": existing tables are assumed to be large and busy (a schema file has no production sizes)");
        } else {
            out.add("catalog read from the --db database" + (catalog.database() == null ? "" : " " + catalog.database()));
        }
        if (versionFromServer) {
            out.add("PostgreSQL " + pgVersion + " (the server's version)");
        } else if (database.pgVersion() == null) {
            out.add("PostgreSQL " + pgVersion + " (the default; pass --pg-version to match your server)");
        }
        out.add(database.assumeInTransaction()
                ? "each file runs in one transaction (--assume-in-transaction)"
                : "statements run in autocommit except inside explicit BEGIN ... COMMIT"
                        + " (pass --assume-in-transaction if your migration tool wraps each file in a transaction)");
        return out;
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
