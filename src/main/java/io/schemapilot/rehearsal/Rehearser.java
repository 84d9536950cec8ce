package io.schemapilot.rehearsal;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogDiff;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.pg.PgTarget;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Rehearses a migration on a shadow database: run the up statement by statement in its transaction structure,
 * tracing the locks each statement takes ({@code pg_locks}) and the tables it rewrites ({@code relfilenode}); run
 * the down; compare the catalog with the one before the up (the schema must be restored exactly); run the up again
 * to prove it re-applies. Returns a {@link Rehearsal}; never prints.
 */
public final class Rehearser {
    private final Supplier<EmbeddedPostgresServer> server;

    public Rehearser(EmbeddedPostgresServer server) {
        this(() -> server);
    }

    /** With a server asked for only when needed: a shadow of a live target may run on another major version. */
    public Rehearser(Supplier<EmbeddedPostgresServer> server) {
        this.server = server;
    }

    /** A migration to rehearse. {@code downSql} may be null (then only up and re-apply are checked). */
    public record Input(String schemaSql, String schemaSource, String upSql, String upSource, String downSql,
                        String downSource, AnalysisSettings settings) {
    }

    /** Builds a shadow database from the schema text, rehearses on it, and drops it. */
    public Rehearsal rehearse(Input in) {
        EmbeddedPostgresServer s = server.get();
        String db = new SchemaLoader(s).loadInto(in.schemaSql(), in.schemaSource());
        try (Connection c = s.connect(db)) {
            return rehearse(c, in);
        } catch (SQLException e) {
            return Rehearsal.notRun("cannot connect to the shadow database: " + firstLine(e.getMessage()));
        } finally {
            s.dropDatabase(db);
        }
    }

    /**
     * Builds a shadow database from the live {@code target} ({@link ShadowBuilder}: {@code pg_dump} or the catalog,
     * rows sampled when {@code options} asks), rehearses on it, and drops it. {@code in.schemaSql()} is not used. The
     * notes say how the shadow was built and, when the embedded server's major version is not the target's, whether
     * that matters for these statements.
     *
     * A shadow that lacks part of the target's schema ({@link ShadowBuilder.Shadow#incomplete()}) makes a rehearsal
     * that cannot pass: its {@code incomplete} says why, and a warning note too.
     *
     * @throws io.schemapilot.pg.DatabaseException         when the target cannot be read, or the shadow database
     *                                                    cannot be used (exit 3)
     * @throws io.schemapilot.catalog.SchemaLoadException when its schema cannot be rebuilt on the shadow (exit 2)
     */
    public Rehearsal rehearse(PgTarget target, ShadowBuilder.Options options, Input in) {
        try (ShadowBuilder.Shadow shadow = new ShadowBuilder(server, options).build(target);
             Connection c = shadow.connect()) {
            Rehearsal r = rehearse(c, in);
            List<String> notes = new ArrayList<>(shadow.notes());
            String versions = versionNote(shadow.targetCatalog(), shadow.serverVersionNum(), in);
            if (versions != null) {
                notes.add(versions);
            }
            String incomplete = shadow.incomplete();
            if (incomplete != null) {
                notes.add("warning: " + incomplete);
            }
            return r.onShadow(notes, incomplete);
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot use the shadow database: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * When the shadow's major version is not the target's: whether the lock model gives the same locks and hazards
     * for these statements on both versions (then what the rehearsal observed holds for the target), or a warning
     * naming what differs. Null when the versions match.
     */
    static String versionNote(CatalogSnapshot target, int shadowVersionNum, Input in) {
        int targetMajor = target.majorVersion();
        int shadowMajor = shadowVersionNum / 10000;
        if (targetMajor == shadowMajor) {
            return null;
        }
        PgVersion tv = PgVersion.parse(Integer.toString(target.serverVersionNum()));
        PgVersion sv = PgVersion.parse(Integer.toString(shadowVersionNum));
        List<String> onTarget = lockFacts(in, in.settings().withPgVersion(tv), target);
        List<String> onShadow = lockFacts(in, in.settings().withPgVersion(sv), target);
        String head = "rehearsed on PostgreSQL " + shadowMajor + ", the target runs PostgreSQL " + targetMajor;
        if (onTarget.equals(onShadow)) {
            return head + ": lock behaviour is the same for these statements (the lock model gives the same locks "
                    + "and hazards on both versions)";
        }
        List<String> diff = new ArrayList<>();
        for (String f : onTarget) {
            if (!onShadow.contains(f)) {
                diff.add(f + " on " + targetMajor + " only");
            }
        }
        for (String f : onShadow) {
            if (!onTarget.contains(f)) {
                diff.add(f + " on " + shadowMajor + " only");
            }
        }
        return "warning: " + head + ", and locks or hazards differ between the versions for these statements: "
                + String.join("; ", diff.subList(0, Math.min(diff.size(), 8))) + (diff.size() > 8 ? "; ..." : "")
                + ". The locks observed here are PostgreSQL " + shadowMajor + "'s; trust the static findings for "
                + "PostgreSQL " + targetMajor + " where they differ";
    }

    /** "up 3: add-column-volatile-default on public.orders (ACCESS EXCLUSIVE)" for every finding that names a lock. */
    private static List<String> lockFacts(Input in, AnalysisSettings settings, CatalogSnapshot catalog) {
        List<String> out = new ArrayList<>();
        addFacts(out, "up", new Analyzer().analyze(in.upSource(), in.upSql(), settings, catalog));
        if (in.downSql() != null) {
            addFacts(out, "down", new Analyzer().analyze(in.downSource(), in.downSql(), settings, catalog));
        }
        return out;
    }

    private static void addFacts(List<String> out, String phase, FileReport report) {
        for (Finding f : report.findings()) {
            String fact = phase + " statement " + f.statement() + ": " + f.hazard()
                    + (f.object() == null ? "" : " on " + f.object()) + (f.lock() == null ? "" : " (" + f.lock() + ")");
            if (!out.contains(fact)) {
                out.add(fact);
            }
        }
    }

    /** Rehearses on an open connection (autocommit on) to a shadow database that already holds the schema. */
    public static Rehearsal rehearse(Connection c, Input in) {
        List<String> notes = new ArrayList<>();
        List<ParsedStatement> up;
        List<ParsedStatement> down = null;
        try {
            up = Analyzer.parse(StatementSplitter.split(in.upSql()).statements());
        } catch (SqlSyntaxException e) {
            return Rehearsal.notRun("cannot split the up migration" + named(in.upSource()) + ": " + e.located());
        }
        try {
            if (in.downSql() != null) {
                down = Analyzer.parse(StatementSplitter.split(in.downSql()).statements());
            }
        } catch (SqlSyntaxException e) {
            return Rehearsal.notRun("cannot split the down migration" + named(in.downSource()) + ": " + e.located());
        }
        CatalogReader reader = new CatalogReader();
        CatalogSnapshot before = reader.read(c);
        FileReport upFindings = new Analyzer().analyze(in.upSource(), in.upSql(), in.settings(), before);

        StatementTracer tracer = new StatementTracer(c, before, in.settings());
        StatementTracer.PhaseResult upRun = tracer.run("up", up, upFindings);
        List<Rehearsal.StatementRun> runs = new ArrayList<>(upRun.runs());
        List<Rehearsal.Lock> locks = new ArrayList<>(upRun.locks());
        List<Rehearsal.Rewrite> rewrites = new ArrayList<>(upRun.rewrites());
        notes.addAll(upRun.notes());
        if (!upRun.ok()) {
            return new Rehearsal(true, false, null, null, null, locks, rewrites, List.of(), runs, notes);
        }
        if (down == null) {
            notes.add("no down migration given: the rollback was not tested");
            return new Rehearsal(true, true, null, null, null, locks, rewrites, List.of(), runs, notes);
        }
        CatalogSnapshot afterUp = reader.read(c);
        if (CatalogDiff.same(before, afterUp)) {
            notes.add("the up migration did not change the schema");
        }
        FileReport downFindings = new Analyzer().analyze(in.downSource(), in.downSql(), in.settings(), afterUp);
        StatementTracer.PhaseResult downRun = new StatementTracer(c, afterUp, in.settings()).run("down", down,
                downFindings);
        runs.addAll(downRun.runs());
        locks.addAll(downRun.locks());
        rewrites.addAll(downRun.rewrites());
        notes.addAll(downRun.notes());
        if (!downRun.ok()) {
            return new Rehearsal(true, true, false, null, false, locks, rewrites, List.of(), runs, notes);
        }
        CatalogSnapshot afterDown = reader.read(c);
        List<String> differences = CatalogDiff.diff(before, afterDown).stream().map(CatalogDiff.Difference::description)
                .toList();
        StatementTracer.PhaseResult again = new StatementTracer(c, afterDown, in.settings()).run("reapply", up, null);
        runs.addAll(again.runs());
        notes.addAll(again.notes());
        return new Rehearsal(true, true, true, again.ok(), differences.isEmpty(), locks, rewrites, differences, runs,
                notes);
    }

    private static String named(String source) {
        return source == null || source.isBlank() ? "" : " " + source;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s.strip() : s.substring(0, nl).strip();
    }
}
