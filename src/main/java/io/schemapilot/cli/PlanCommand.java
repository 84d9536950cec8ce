package io.schemapilot.cli;

import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.CheckMode;
import io.schemapilot.cli.SourceFiles.Loaded;
import io.schemapilot.cli.SourceFiles.Source;
import io.schemapilot.cli.SourceFiles.Unreadable;
import io.schemapilot.plan.PlanRequest;
import io.schemapilot.plan.PlanService;
import io.schemapilot.plan.PlanWriter;
import io.schemapilot.project.ChangedFile;
import io.schemapilot.project.GitChangeSet;
import io.schemapilot.project.GitChanges;
import io.schemapilot.project.GitPlanSelection;
import io.schemapilot.project.ProjectDetector;
import io.schemapilot.project.ProjectInfo;
import io.schemapilot.report.Json;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Risk;
import io.schemapilot.report.render.PlanMarkdownRenderer;
import io.schemapilot.report.render.PlanTextRenderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot plan FILE... | --from OLD.sql --to NEW.sql | --git [REV]}: the migration-plan report — risk,
 * data checks, the change rewritten into safe phases with up, down and verification SQL per step, the rollback plan
 * and its point of no return, checklist, deployment steps and estimated impact. Never executes anything on the
 * target.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Plan a schema change safely: findings, data checks, safe phased steps (up, down, verify),"
                    + " rollback plan with its point of no return, checklist, deployment steps.",
            "Input: migration files, a desired-state change with --from OLD.sql --to NEW.sql, or --git [REV]:"
                    + " the schema and migration files changed in the working tree against REV."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 plan written (risk below --fail-on, when given; with --git and no schema or migration"
                + " change, an empty plan); 1 risk at or above --fail-on, or the"
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

    @Option(names = "--git", paramLabel = "REV", arity = "0..1", fallbackValue = GitChanges.DEFAULT_REV,
            description = "Plan what changed in the git working tree against REV (default: HEAD), untracked files"
                    + " included: changed migration SQL files are planned as migrations; a changed schema .sql file"
                    + " (and no migration) as a desired-state change from REV's version to the working tree's.")
    String git;

    @Option(names = "--project", paramLabel = "DIR",
            description = "With --git: a folder inside the git working tree (default: the current directory).")
    Path project;

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

    @Option(names = "--force", description = "With --write: replace files in DIR that have other content.")
    boolean force;

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
        if (output.format() == ReportFormat.SARIF) {
            throw new CliException(ExitCode.USAGE, "--format sarif is for check; use text, json or markdown");
        }
        if (writeDir == null && spec.commandLine().getParseResult().hasMatchedOption("--style")) {
            throw new CliException(ExitCode.USAGE, "--style goes with --write DIR (the folder to write the migration"
                    + " files into)");
        }
        if (force && writeDir == null) {
            throw new CliException(ExitCode.USAGE, "--force goes with --write DIR");
        }
        PlanWriter.Style writeStyle = writeDir == null ? null : parseStyle();
        checkWriteDir();
        SourceFiles reader = new SourceFiles(maxFileSize, root.env().stdin());
        if (project != null && git == null) {
            throw new CliException(ExitCode.USAGE, "--project goes with --git");
        }
        if (from != null && to != null) {
            CommandIo.requireReadable(from, "--from");
            CommandIo.requireReadable(to, "--to");
        }
        CommandIo.requireReadable(database.schema(), "--schema");
        List<Path> inputs = new ArrayList<>(java.util.Arrays.asList(from, to, database.schema()));
        for (String arg : files) {
            if (!arg.equals("-")) {
                inputs.add(Path.of(arg));
                if (Files.isDirectory(Path.of(arg))) {
                    for (Source s : reader.expand(arg)) {
                        inputs.add(Path.of(s.path()));
                    }
                }
            }
        }
        CommandIo.checkOutput(output.output(), inputs);
        PlanService.Output result;
        if (git != null) {
            result = planGit(reader, err);
        } else {
            List<PlanRequest.MigrationSource> sources = new ArrayList<>();
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
            result = new PlanService().plan(input, common.verbose() ? err : null);
        }
        result.notes().forEach(n -> err.println("note: " + n));
        MigrationPlan plan = result.plan();

        String report = switch (output.format()) {
            case JSON -> Json.write(plan) + "\n";
            case MARKDOWN -> new PlanMarkdownRenderer().render(plan);
            case TEXT -> new PlanTextRenderer().render(plan);
            case SARIF -> throw new IllegalStateException("refused above");
        };
        if (writeDir != null) {
            // numbered after the project's own migrations; the same names are checked and then written
            PlanWriter.Options writeOptions = PlanWriter.Options.after(writeDir, writeStyle);
            refuseOverwrites(plan, writeStyle, writeOptions);
            try {
                List<Path> written = PlanWriter.write(plan, writeStyle, writeDir, writeOptions);
                err.println("wrote " + written.size() + " " + writeStyle.name().toLowerCase(java.util.Locale.ROOT)
                        + " migration file(s) to " + writeDir);
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "--write " + writeDir + ": cannot write ("
                        + CommandIo.reason(e) + "); check that the folder is writable");
            }
        }
        CommandIo.write(report, output.output(), spec.commandLine().getOut());
        if (plan.rehearsal() != null && plan.rehearsal().ran() && !plan.rehearsal().upOk()) {
            return ExitCode.FINDINGS.code();
        }
        Risk failOn = output.failOn(null);
        return failOn != null && plan.risk().overall().atLeast(failOn) ? ExitCode.FINDINGS.code() : ExitCode.OK.code();
    }

    /** One migration file of the working tree, named by its path in the repository. */
    private static PlanRequest.MigrationSource loadFile(SourceFiles reader, Path file, String shown) {
        List<Source> loaded = reader.expand(file.toString());
        if (loaded.size() != 1) {
            throw new CliException(ExitCode.USAGE, shown + ": not a file");
        }
        if (loaded.get(0) instanceof Unreadable u) {
            throw new CliException(ExitCode.USAGE, shown + ": " + u.problem());
        }
        return new PlanRequest.MigrationSource(shown, ((Loaded) loaded.get(0)).text());
    }

    /**
     * {@code --git [REV]}: the schema and migration files changed in the working tree against REV, planned as
     * migration files, as a desired-state change of a schema file, or refused with what to run to get SQL.
     * With no change at all the plan is empty (exit 0) and a note says so.
     */
    private PlanService.Output planGit(SourceFiles reader, PrintWriter err) {
        if (!files.isEmpty() || from != null || to != null) {
            throw new CliException(ExitCode.USAGE, "--git plans the changes in the working tree; give it without FILE"
                    + " and without --from/--to");
        }
        if (!git.equals(GitChanges.DEFAULT_REV) && isFile(git)) {
            throw new CliException(ExitCode.USAGE, "--git takes a revision, not a file ('" + git + "'); to plan"
                    + " files use: schemapilot plan FILE...");
        }
        Path start = project != null ? project : Path.of("").toAbsolutePath();
        GitChanges gitChanges = new GitChanges();
        Path top;
        try {
            top = gitChanges.topLevel(start);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage() == null ? "" : e.getMessage();
            if (msg.endsWith("is not inside a git repository")) {
                throw new CliException(ExitCode.USAGE, msg + "; run plan --git inside a git working tree, pass"
                        + " --project DIR, or plan the files: schemapilot plan FILE...");
            }
            throw e;
        }
        ProjectInfo info = new ProjectDetector().detect(top);
        GitChangeSet changes = gitChanges.collect(top, git, info);
        if (common.verbose()) {
            err.println("project: " + info.summary());
            err.println("git: " + changes.summary());
        }
        GitPlanSelection selection = GitPlanSelection.select(changes, info);
        selection.notes().forEach(n -> err.println("note: " + n));
        PlanService planner = new PlanService();
        PrintWriter log = common.verbose() ? err : null;
        if (selection instanceof GitPlanSelection.Unplannable u) {
            throw new CliException(ExitCode.USAGE, u.message());
        }
        if (selection instanceof GitPlanSelection.Nothing n) {
            err.println("note: " + n.message() + "; the plan is empty");
            return planner.plan(new PlanService.Input(List.of(new PlanRequest.MigrationSource(
                    "(no schema or migration change against " + git + ")", "")), null, null, List.of(), null,
                    database.pgVersion(), database.assumeInTransaction(), null, false), log);
        }
        if (selection instanceof GitPlanSelection.Migrations m) {
            List<PlanRequest.MigrationSource> sources = new ArrayList<>();
            for (ChangedFile f : m.files()) {
                sources.add(loadFile(reader, changes.workingTreeFile(f), f.path()));
            }
            err.println("note: planning " + sources.size() + " migration file" + (sources.size() == 1 ? "" : "s")
                    + " changed against " + git + ": " + String.join(", ", m.files().stream().map(ChangedFile::path)
                    .toList()));
            return planner.plan(new PlanService.Input(sources, null, null, renames, database.source(),
                    database.pgVersion(), database.assumeInTransaction(), checkOptions(), rehearse), log);
        }
        GitPlanSelection.SchemaDiff d = (GitPlanSelection.SchemaDiff) selection;
        err.println("note: planning the change of " + d.toName() + " from " + git + " to the working tree");
        Path temp = null;
        try {
            temp = Files.createTempDirectory("schemapilot-git-");
            Path fromFile = temp.resolve(safeName(git)).resolve(d.files().size() == 1
                    ? d.files().get(0).revPath() : "schema.sql").normalize();
            Path toFile;
            if (d.files().size() == 1) {
                toFile = changes.workingTreeFile(d.files().get(0));
            } else {
                toFile = temp.resolve("working-tree").resolve("schema.sql");
                write(toFile, d.toText());
            }
            write(fromFile, d.fromText());
            return planner.plan(new PlanService.Input(List.of(), fromFile, toFile, renames, database.source(),
                    database.pgVersion(), database.assumeInTransaction(), checkOptions(), rehearse), log);
        } catch (IOException e) {
            throw new CliException(ExitCode.INTERNAL, "cannot write a temporary schema file: " + e.getMessage());
        } finally {
            deleteTree(temp);
        }
    }

    private static boolean isFile(String s) {
        try {
            return Files.isRegularFile(Path.of(s));
        } catch (java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static String safeName(String rev) {
        String s = rev.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "rev" + s : s;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary file left behind is not worth failing the plan for
        }
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

    /** {@code --write DIR} names a folder (existing or not), not a file, and not nothing. */
    private void checkWriteDir() {
        if (writeDir == null) {
            return;
        }
        if (writeDir.toString().isBlank()) {
            throw new CliException(ExitCode.USAGE, "--write needs a folder, e.g. --write db/migrations");
        }
        if (Files.exists(writeDir) && !Files.isDirectory(writeDir)) {
            throw new CliException(ExitCode.USAGE, "--write " + writeDir + ": is a file; --write takes the folder to"
                    + " write the migration files into");
        }
        Path parent = writeDir.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException(ExitCode.USAGE, "--write " + writeDir + ": " + parent
                    + " is a file, not a folder; choose another folder");
        }
    }

    /**
     * Nothing the user has is replaced by {@code --write} without {@code --force}: a file of the same name with
     * other content (a migration of theirs, their sqitch.plan) stops the run before anything is written. Files
     * with the very content about to be written (the same plan written again) are fine.
     */
    private void refuseOverwrites(MigrationPlan plan, PlanWriter.Style writeStyle, PlanWriter.Options writeOptions) {
        if (force) {
            return;
        }
        List<String> clashes = new ArrayList<>();
        for (PlanWriter.FileOut f : PlanWriter.render(plan, writeStyle, writeOptions)) {
            Path p = writeDir.resolve(f.path());
            if (Files.isRegularFile(p)) {
                try {
                    if (!Files.readString(p, StandardCharsets.UTF_8).equals(f.content())) {
                        clashes.add(p.toString());
                    }
                } catch (IOException e) {
                    clashes.add(p.toString());
                }
            } else if (Files.exists(p)) {
                clashes.add(p.toString());
            }
        }
        if (!clashes.isEmpty()) {
            throw new CliException(ExitCode.USAGE, "--write " + writeDir + ": would replace " + clashes.get(0)
                    + (clashes.size() > 1 ? " and " + (clashes.size() - 1) + " more file(s)" : "")
                    + " holding other content; nothing was written: choose an empty folder, or pass --force to"
                    + " replace them");
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
