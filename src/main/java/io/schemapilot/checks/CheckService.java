package io.schemapilot.checks;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.analysis.RunFacts;
import io.schemapilot.analysis.SizeImpact;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.DataCheckSuite;
import io.schemapilot.report.CheckReport;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.FileReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole {@code check} job as one service, shared by the {@code check} command and the agent's
 * {@code check_migration} tool so that both report the same findings for the same input: read the current catalog
 * (--db / --schema), analyse every file with it, run the data checks the findings call for when there is data, and
 * let their results adjust the findings. Usage errors are {@link IllegalArgumentException}s; database trouble is a
 * {@link io.schemapilot.pg.DatabaseException}; a rule that fails is an {@link AnalysisFailure}.
 */
public final class CheckService {

    /**
     * One input: the text of a migration file, or why it has none.
     *
     * @param text    the SQL, or null when the file could not be read
     * @param problem what is wrong with the file (when {@code text} is null), without the path
     * @param bytes   its size, for progress lines
     */
    public record SourceText(String path, String text, String problem, long bytes) {
        public static SourceText of(String path, String text) {
            return new SourceText(path, text, null, text.length());
        }

        public static SourceText unreadable(String path, String problem) {
            return new SourceText(path, null, problem, 0);
        }

        public boolean loaded() {
            return text != null;
        }
    }

    /**
     * What to check.
     *
     * @param pgVersion   the version asked for ({@code --pg-version}), or null: the server's with --db, else the
     *                    default
     * @param dataChecks  data-check options, or null for none ({@code --data-checks off})
     * @param toolVersion the version written into the report
     */
    public record Input(List<SourceText> files, CatalogTarget.Source target, PgVersion pgVersion,
                        boolean assumeInTransaction, boolean hygiene, Set<Hazard> disabled,
                        DataCheckRunner.Options dataChecks, String toolVersion) {
        public Input {
            files = List.copyOf(files);
            target = target == null ? CatalogTarget.Source.none() : target;
            disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
        }
    }

    /**
     * The report and what to tell the user about the inputs.
     *
     * @param messages   one line per input problem or note, in file order: {@code error: PATH: ...} for a file that
     *                   could not be checked, {@code note: PATH: ...} for an empty one
     * @param inputError some input could not be checked (the command's exit code 2)
     * @param statements statements checked in all files
     */
    public record Output(CheckReport report, List<String> messages, boolean inputError, int statements) {
        public Output {
            messages = List.copyOf(messages);
        }
    }

    /** A rule failed on a file: an internal error, named by the file. */
    public static final class AnalysisFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String path;

        AnalysisFailure(String path, RuntimeException cause) {
            super("while checking " + path, cause);
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** @param log progress lines (verbose), or null */
    public Output check(Input in, PrintWriter log) {
        if (in.target().db() && in.target().schemaFile() != null) {
            throw new IllegalArgumentException("--db and --schema both give the current schema; pass only one of them");
        }
        boolean anyLoaded = in.files().stream().anyMatch(SourceText::loaded);
        try (CatalogTarget context = anyLoaded
                ? CatalogTarget.open(in.target(), in.dataChecks() != null, log)
                : CatalogTarget.none()) {
            return check(in, context, log);
        }
    }

    private Output check(Input in, CatalogTarget context, PrintWriter log) {
        CatalogSnapshot catalog = context.catalog();
        PgVersion pgVersion = in.pgVersion();
        boolean versionFromServer = false;
        if (pgVersion == null && catalog != null && in.target().db() && catalog.serverVersionNum() > 0) {
            pgVersion = PgVersion.parse(Integer.toString(catalog.serverVersionNum()));
            versionFromServer = true;
        }
        if (pgVersion == null) {
            pgVersion = PgVersion.DEFAULT;
        }
        AnalysisSettings settings = new AnalysisSettings(pgVersion, in.assumeInTransaction(), in.hygiene(),
                in.disabled());

        Analyzer analyzer = new Analyzer();
        // NOT NULL proofs of earlier files count in later ones (files run in the order given)
        RunFacts carried = new RunFacts();
        List<FileReport> reports = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        boolean inputError = false;
        int statements = 0;
        for (SourceText file : in.files()) {
            if (!file.loaded()) {
                messages.add("error: " + file.path() + ": " + file.problem());
                reports.add(FileReport.failed(file.path(), file.problem()));
                inputError = true;
                continue;
            }
            if (log != null) {
                log.println("checking " + file.path() + " (" + size(file.bytes()) + ")");
            }
            FileReport report;
            try {
                report = analyzer.analyze(file.path(), file.text(), settings, catalog, carried);
                if (in.target().db()) {
                    // sizes are production sizes only when read from the database (a schema file has none)
                    report = SizeImpact.apply(report, catalog);
                }
            } catch (RuntimeException e) {
                throw new AnalysisFailure(file.path(), e);
            }
            if (report.error() != null) {
                messages.add("error: " + file.path() + ": " + report.error()
                        + "; fix it and run again (nothing in this file was checked)");
                inputError = true;
            } else if (report.statements() == 0) {
                messages.add("note: " + file.path() + ": " + (file.text().isBlank() ? "empty file" : "no SQL statements")
                        + ", 0 statements checked");
            }
            statements += report.statements();
            reports.add(report);
        }

        List<DataCheck> dataChecks = List.of();
        if (context.data() != null && in.dataChecks() != null) {
            if (log != null) {
                log.println("running data checks (" + in.dataChecks().mode().id() + ") ...");
            }
            Map<String, String> texts = new HashMap<>();
            in.files().stream().filter(SourceText::loaded).forEach(f -> texts.put(f.path(), f.text()));
            DataCheckSuite.Result checked = DataCheckSuite.run(context.data(), reports, texts, catalog, in.dataChecks());
            dataChecks = checked.checks();
            reports = checked.reports();
        }
        CheckReport report = CheckReport.of(in.toolVersion(), pgVersion.toString(), reports,
                assumptions(in, catalog, pgVersion, versionFromServer), dataChecks);
        return new Output(report, messages, inputError, statements);
    }

    private static List<String> assumptions(Input in, CatalogSnapshot catalog, PgVersion pgVersion,
                                            boolean versionFromServer) {
        List<String> out = new ArrayList<>();
        Path schema = in.target().schemaFile();
        if (catalog == null) {
            out.add("no catalog given (--schema or --db): every table mentioned is assumed to exist, be large and busy");
        } else if (schema != null) {
            out.add("catalog from --schema " + schema
                    + ": existing tables are assumed to be large and busy (a schema file has no production sizes)");
        } else {
            out.add("catalog read from the --db database" + (catalog.database() == null ? "" : " " + catalog.database()));
        }
        if (versionFromServer) {
            out.add("PostgreSQL " + pgVersion + " (the server's version)");
        } else if (in.pgVersion() == null) {
            out.add("PostgreSQL " + pgVersion + " (the default; pass --pg-version to match your server)");
        }
        out.add(in.assumeInTransaction()
                ? "each file runs in one transaction (--assume-in-transaction)"
                : "statements run in autocommit except inside explicit BEGIN ... COMMIT"
                        + " (pass --assume-in-transaction if your migration tool wraps each file in a transaction)");
        return out;
    }

    /** "10 MB", "20.5 MB", "512 KB", "12 bytes" (as the check command prints sizes). */
    static String size(long bytes) {
        if (bytes >= 1L << 20) {
            double mb = bytes / (double) (1L << 20);
            return (mb == Math.rint(mb) ? String.valueOf((long) mb)
                    : String.format(java.util.Locale.ROOT, "%.1f", mb)) + " MB";
        }
        if (bytes >= 1L << 10) {
            double kb = bytes / (double) (1L << 10);
            return (kb == Math.rint(kb) ? String.valueOf((long) kb)
                    : String.format(java.util.Locale.ROOT, "%.1f", kb)) + " KB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
