package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Rehearsal;
import java.util.List;

/**
 * What to plan: migration files (in order), and what is known around them.
 *
 * @param catalog       the catalog before the migration (from {@code --db} or {@code --schema}), or null
 * @param catalogSource where it came from, for the report: "--db", "--schema", or null (none)
 * @param dataChecks    data checks that already ran, to attach (may be empty)
 * @param rehearsal     a rehearsal that already ran, to attach, or null
 * @param title         the plan's title, or null to derive one from the changes
 */
public record PlanRequest(List<MigrationSource> migrations, CatalogSnapshot catalog, String catalogSource,
                          AnalysisSettings settings, PlanOptions options, List<DataCheck> dataChecks,
                          Rehearsal rehearsal, String title) {

    /** One migration file: a name for the report (its path) and its SQL text. */
    public record MigrationSource(String name, String sql) {
    }

    public PlanRequest {
        migrations = List.copyOf(migrations);
        dataChecks = dataChecks == null ? List.of() : List.copyOf(dataChecks);
        settings = settings == null ? AnalysisSettings.defaults() : settings;
        options = options == null ? PlanOptions.defaults() : options;
    }

    /** One file, no catalog, default settings. */
    public static PlanRequest of(String name, String sql) {
        return new PlanRequest(List.of(new MigrationSource(name, sql)), null, null, null, null, List.of(), null, null);
    }

    public PlanRequest withCatalog(CatalogSnapshot c, String source) {
        return new PlanRequest(migrations, c, source, settings, options, dataChecks, rehearsal, title);
    }

    public PlanRequest withSettings(AnalysisSettings s) {
        return new PlanRequest(migrations, catalog, catalogSource, s, options, dataChecks, rehearsal, title);
    }

    public PlanRequest withOptions(PlanOptions o) {
        return new PlanRequest(migrations, catalog, catalogSource, settings, o, dataChecks, rehearsal, title);
    }

    public PlanRequest withDataChecks(List<DataCheck> checks) {
        return new PlanRequest(migrations, catalog, catalogSource, settings, options, checks, rehearsal, title);
    }

    public PlanRequest withRehearsal(Rehearsal r) {
        return new PlanRequest(migrations, catalog, catalogSource, settings, options, dataChecks, r, title);
    }

    public PlanRequest withTitle(String t) {
        return new PlanRequest(migrations, catalog, catalogSource, settings, options, dataChecks, rehearsal, t);
    }
}
