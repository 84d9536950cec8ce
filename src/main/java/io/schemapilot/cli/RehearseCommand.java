package io.schemapilot.cli;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.rehearsal.Rehearser;
import io.schemapilot.rehearsal.ShadowBuilder;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.report.render.RehearsalRenderer;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
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
 * {@code schemapilot rehearse FILE --down DOWN.sql (--schema S.sql | --db URL)}: runs the migration on a shadow
 * database (never on the target), tracing locks and rewrites, then the down, compares the catalog with the one
 * before, and runs the up again. Exit 0 when all of that passed, 1 when it did not.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Rehearse a migration on a shadow database: run the up statement by statement (locks from pg_locks,"
                    + " rewrites from relfilenode, timings), run the down, check the schema is restored exactly,"
                    + " and run the up again.",
            "The shadow is built from --schema FILE, or from --db (pg_dump --schema-only when a matching pg_dump"
                    + " is installed, else DDL generated from its catalog); the target itself is only read."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 rehearsal passed; 1 a step failed or the down did not restore the schema;"
                + " 2 usage or input error; 3 database unreachable; 4 internal error.")
final class RehearseCommand implements Callable<Integer> {

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", arity = "1", description = "The migration (up) SQL file.")
    Path up;

    /** More files after FILE: reported as one clear line (the down goes with --down). */
    @Parameters(index = "1..*", arity = "0..*", hidden = true)
    List<String> extra = new ArrayList<>();

    @Option(names = "--down", paramLabel = "DOWN.sql", description = "The down migration; without it the rollback is not tested.")
    Path down;

    @Option(names = "--sample-rows", paramLabel = "N", defaultValue = "0",
            description = "With --db: copy up to N rows per table into the shadow (foreign keys kept consistent).")
    int sampleRows;

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
        if (misread == null && !extra.isEmpty()) {
            misread = extra.get(0);
        }
        if (misread != null) {
            throw new CliException(ExitCode.USAGE, "rehearse takes one migration file; '" + misread
                    + "' looks like a second one (give the down with --down)");
        }
        if (database.hasDb() == (database.schema() != null)) {
            throw new CliException(ExitCode.USAGE, "rehearse needs the current schema from exactly one of"
                    + " --schema FILE or --db URL");
        }
        if (sampleRows < 0) {
            throw new CliException(ExitCode.USAGE, "--sample-rows must be 0 or more");
        }
        if (output.format() == ReportFormat.SARIF) {
            throw new CliException(ExitCode.USAGE, "--format sarif is for check; use text, json or markdown");
        }
        CommandIo.checkOutput(output.output(), java.util.Arrays.asList(up, down, database.schema()));
        String upSql = splittable(CommandIo.readText(up, "FILE"), up.toString());
        String downSql = down == null ? null : splittable(CommandIo.readText(down, "--down"), "--down " + down);
        PgVersion version = database.pgVersion() == null ? PgVersion.DEFAULT : database.pgVersion();
        AnalysisSettings settings = new AnalysisSettings(version, database.assumeInTransaction(), false,
                java.util.Set.of());
        Rehearser rehearser = new Rehearser(EmbeddedPostgresServer::get); // started only if the shadow needs it
        Rehearsal result;
        if (database.schema() != null) {
            Path schema = database.schema();
            String schemaSql = CommandIo.readText(schema, "--schema");
            if (common.verbose()) {
                err.println("building the shadow database from " + schema + " ...");
            }
            result = rehearser.rehearse(new Rehearser.Input(schemaSql, schema.toString(), upSql, up.toString(),
                    downSql, down == null ? null : down.toString(), settings));
        } else {
            if (common.verbose()) {
                err.println("building the shadow database from the --db target (read-only) ...");
            }
            result = rehearser.rehearse(Connections.resolve(database.dbUrlOrNull()),
                    ShadowBuilder.Options.defaults().withSampleRows(sampleRows), new Rehearser.Input(null, "--db",
                            upSql, up.toString(), downSql, down == null ? null : down.toString(), settings));
        }
        RehearsalRenderer renderer = new RehearsalRenderer();
        String text = switch (output.format()) {
            case JSON -> renderer.json(result);
            case MARKDOWN -> renderer.markdown(result);
            case SARIF -> throw new IllegalStateException("refused above");
            case TEXT -> renderer.text(result);
        };
        CommandIo.write(text, output.output(), spec.commandLine().getOut());
        if (result.incomplete() != null) {
            err.println("schemapilot rehearse: " + result.incomplete());
        }
        return RehearsalRenderer.passed(result) ? ExitCode.OK.code() : ExitCode.FINDINGS.code();
    }

    /**
     * The SQL when it can be split into statements; else a usage error (exit 2) that names the file and the place,
     * before any shadow database is built (SQL that is not even splittable is an input error, not a failed step).
     */
    private static String splittable(String sql, String shown) {
        try {
            StatementSplitter.split(sql);
            return sql;
        } catch (SqlSyntaxException e) {
            throw new CliException(ExitCode.USAGE, shown + ": " + e.located() + "; fix it and run again (nothing was"
                    + " rehearsed)");
        }
    }
}
