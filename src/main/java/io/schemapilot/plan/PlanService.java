package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.checks.DataCheckPlanner;
import io.schemapilot.checks.DataCheckRunner;
import io.schemapilot.checks.PlannedCheck;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole {@code plan} job as one service, shared by the {@code plan} command and the agent's
 * {@code plan_migration} tool so that both produce the same plan for the same input: read the current catalog
 * (--db / --schema), run the data checks the migration needs, plan, and optionally rehearse the plan on a shadow.
 * Usage errors are {@link IllegalArgumentException}s; database trouble is a {@link DatabaseException}.
 */
public final class PlanService {

    /**
     * What to plan.
     *
     * @param migrations migration files (empty when {@code from}/{@code to} are given)
     * @param from       the schema as it is (with {@code to}), or null
     * @param to         the schema as it should be, or null
     * @param renames    {@code table.old:table.new} or {@code old:new} renames for the diff
     * @param target     where the current catalog comes from
     * @param pgVersion  the PostgreSQL version asked for, or null (the server's with --db, else the default)
     * @param checks     data-check options, or null for none
     * @param rehearse   rehearse the plan on a shadow database built from the schema file
     */
    public record Input(List<PlanRequest.MigrationSource> migrations, Path from, Path to, List<String> renames,
                        CatalogTarget.Source target, PgVersion pgVersion, boolean assumeInTransaction,
                        DataCheckRunner.Options checks, boolean rehearse) {
        public Input {
            migrations = List.copyOf(migrations);
            renames = renames == null ? List.of() : List.copyOf(renames);
            target = target == null ? CatalogTarget.Source.none() : target;
        }

        public static Input ofFiles(List<PlanRequest.MigrationSource> migrations, CatalogTarget.Source target) {
            return new Input(migrations, null, null, List.of(), target, null, false,
                    DataCheckRunner.Options.of(io.schemapilot.checks.CheckMode.EXACT), false);
        }

        public boolean isDiff() {
            return from != null || to != null;
        }
    }

    /** The plan and the notes worth telling the user (e.g. what a schema diff could not express). */
    public record Output(MigrationPlan plan, List<String> notes) {
        public Output {
            notes = List.copyOf(notes);
        }
    }

    /** @param log progress lines (verbose), or null */
    public Output plan(Input in, PrintWriter log) {
        if (in.isDiff() && (in.from() == null || in.to() == null)) {
            throw new IllegalArgumentException("--from and --to go together: the schema as it is and as it should be");
        }
        if (in.isDiff() == !in.migrations().isEmpty()) {
            throw new IllegalArgumentException(in.isDiff() ? "give either migration files or --from/--to, not both"
                    : "plan needs migration files, or --from OLD.sql --to NEW.sql");
        }
        if (in.target().db() && in.target().schemaFile() != null) {
            throw new IllegalArgumentException("--db and --schema both give the current schema; pass only one");
        }
        PgVersion version = in.pgVersion() == null ? PgVersion.DEFAULT : in.pgVersion();
        AnalysisSettings settings = new AnalysisSettings(version, in.assumeInTransaction(), false, Set.of());

        if (in.isDiff()) {
            SchemaDiffMigration.Result d = new SchemaDiffMigration().generate(readText(in.from(), "--from"),
                    in.from().toString(), readText(in.to(), "--to"), in.to().toString(), in.renames());
            MigrationPlan plan = new Planner().plan(d.planRequest("generated from " + in.from() + " -> " + in.to())
                    .withSettings(settings));
            return new Output(rehearseIfAsked(plan, in, in.target().schemaFile() != null
                    ? in.target().schemaFile() : in.from()), d.notes());
        }
        MigrationPlan plan;
        try (CatalogTarget context = CatalogTarget.open(in.target(), in.checks() != null, log)) {
            PlanRequest req = new PlanRequest(in.migrations(), null, null, settings, null, List.of(), null, null);
            if (context.catalog() != null) {
                req = req.withCatalog(context.catalog(), in.target().label());
                if (in.pgVersion() == null && in.target().db() && context.catalog().serverVersionNum() > 0) {
                    req = req.withSettings(new AnalysisSettings(PgVersion.parse(Integer.toString(
                            context.catalog().serverVersionNum())), in.assumeInTransaction(), false, Set.of()));
                }
            }
            if (context.data() != null && in.checks() != null) {
                req = req.withDataChecks(runChecks(context, in.migrations(), in.checks()));
            }
            plan = new Planner().plan(req);
        }
        return new Output(rehearseIfAsked(plan, in, in.target().schemaFile()), List.of());
    }

    private static List<DataCheck> runChecks(CatalogTarget context, List<PlanRequest.MigrationSource> sources,
                                             DataCheckRunner.Options options) {
        List<PlannedCheck> planned = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (PlanRequest.MigrationSource s : sources) {
            for (PlannedCheck p : DataCheckPlanner.plan(s.sql(), context.catalog())) {
                if (ids.add(p.id())) {
                    planned.add(p);
                }
            }
        }
        return planned.isEmpty() ? List.of() : new DataCheckRunner(options).run(context.data(), planned).checks();
    }

    /** Rehearses on a shadow built from the schema file; --db shadows are built by {@code rehearse}. */
    private static MigrationPlan rehearseIfAsked(MigrationPlan plan, Input in, Path schema) {
        if (!in.rehearse()) {
            return plan;
        }
        if (schema == null) {
            throw new IllegalArgumentException("--rehearse needs the current schema as a file (--schema FILE or"
                    + " --from OLD.sql); to rehearse against a live database's schema use: schemapilot rehearse --db");
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
        String db = new SchemaLoader(server).loadInto(readText(schema, "--schema"), schema.toString());
        try (Connection c = server.connect(db)) {
            Rehearsal r = new PlanRehearser().rehearse(c, plan);
            return Planner.withRehearsal(plan, r);
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot use the shadow database: " + e.getMessage(), e);
        } finally {
            server.dropDatabase(db);
        }
    }

    private static String readText(Path file, String what) {
        return io.schemapilot.sql.SqlFiles.readText(file, what);
    }
}
