package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * What a recipe may know about the change it plans: the statement and the source text of the change, the
 * findings of its statement, the catalog (when a schema or database was given), what earlier statements of the
 * migration created, and the plan options.
 *
 * @param clause      the source text of this change: for an ALTER TABLE with several actions, the one action
 *                    ({@code ADD CONSTRAINT fk FOREIGN KEY ...}); otherwise the whole statement
 * @param findings    the findings of the change's statement
 * @param source      "file:statement" for messages
 */
public record RecipeContext(ParsedStatement statement, String clause, List<Finding> findings, String source,
                            CatalogSnapshot catalog, AnalysisSettings settings, PlanOptions options,
                            MigrationFacts facts, List<String> notes) {

    /** Starts a step of this change. */
    public PlanStep.Builder step(Phase phase, String description) {
        return new PlanStep.Builder(phase, description, options.lockTimeoutMs(), null, null);
    }

    public PgVersion pgVersion() {
        return settings.pgVersion();
    }

    public boolean hasCatalog() {
        return catalog != null;
    }

    /** Whether the statement has a finding of this hazard id. */
    public boolean hasHazard(String id) {
        return findings.stream().anyMatch(f -> f.hazard().equals(id));
    }

    /** Created earlier in this migration: new and empty, nothing to protect. */
    public boolean isNewTable(QualifiedName t) {
        return facts.createdTable(t);
    }

    /** The table as the catalog knows it. */
    public Optional<CatalogSnapshot.Table> table(QualifiedName t) {
        return catalog == null || t == null ? Optional.empty() : catalog.table(t);
    }

    public Optional<CatalogSnapshot.Column> column(QualifiedName t, String column) {
        return table(t).flatMap(x -> x.column(column));
    }

    /** "public.orders" for display (the catalog's schema when it knows the table). */
    public String display(QualifiedName t) {
        return table(t).map(x -> x.schema() + "." + x.name()).orElse(t.qualified());
    }

    public String display(QualifiedName t, String column) {
        return display(t) + "." + column;
    }

    /**
     * The single-column key to batch by and to restore rows with: the primary key, else a unique index over one NOT
     * NULL column; without a catalog, {@code id} (noted as an assumption). Null when the catalog shows no such key.
     */
    public String keyColumn(QualifiedName t) {
        Optional<CatalogSnapshot.Table> table = table(t);
        if (table.isEmpty()) {
            note("Assumed " + display(t) + " has a unique, NOT NULL key column named id (no catalog given: pass "
                    + "--schema or --db to use the real key).");
            return "id";
        }
        CatalogSnapshot.Table x = table.get();
        for (CatalogSnapshot.Index i : x.indexes()) {
            if (i.primary() && i.columns().size() == 1) {
                return i.columns().get(0);
            }
        }
        for (CatalogSnapshot.Index i : x.indexes()) {
            if (i.unique() && i.valid() && !i.partial() && i.columns().size() == 1) {
                String c = i.columns().get(0);
                if (x.column(c).map(CatalogSnapshot.Column::notNull).orElse(false)) {
                    return c;
                }
            }
        }
        return null;
    }

    public long rows(QualifiedName t) {
        return table(t).map(CatalogSnapshot.Table::rowEstimate).orElse(-1L);
    }

    /** A table in the backup schema, named from {@code base} (at most 63 bytes). */
    public QualifiedName backupTable(String base) {
        return new QualifiedName(options.backupSchema(), Sql.limit(base, ""));
    }

    public Estimates estimates() {
        return new Estimates(this);
    }

    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }
}
