package io.schemapilot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * squawk's two helpers: {@link #flags} fails when the hazard is not reported and returns its findings;
 * {@link #allows} fails when it is. Both run the whole engine (all rules, migration state) over the SQL.
 */
public final class RuleTesting {
    private RuleTesting() {
    }

    public static AnalysisSettings settings() {
        return AnalysisSettings.defaults().withHygiene(true);
    }

    public static List<Finding> run(String sql, AnalysisSettings settings, CatalogSnapshot catalog) {
        FileReport r = new Analyzer().analyze("test.sql", sql, settings, catalog);
        assertNull(r.error(), () -> "the SQL did not split: " + r.error());
        assertEquals(List.of(), r.parseErrors(), "the test SQL should parse");
        return r.findings();
    }

    public static List<Finding> of(List<Finding> all, Hazard h) {
        return all.stream().filter(f -> f.hazard().equals(h.id())).toList();
    }

    /** The hazard must be reported; returns its findings (for checking risk, lock, object, message). */
    public static List<Finding> flags(Hazard h, String sql) {
        return flags(h, sql, settings(), null);
    }

    public static List<Finding> flags(Hazard h, String sql, AnalysisSettings settings, CatalogSnapshot catalog) {
        List<Finding> found = of(run(sql, settings, catalog), h);
        if (found.isEmpty()) {
            fail(h.id() + " was expected but not reported for:\n" + sql + "\n(use allows(...) if it should pass)");
        }
        for (Finding f : found) {
            assertFalse(f.message() == null || f.message().isBlank(), "message");
            assertFalse(f.help() == null || f.help().isBlank(), "help");
        }
        return found;
    }

    /** The hazard must not be reported. */
    public static void allows(Hazard h, String sql) {
        allows(h, sql, settings(), null);
    }

    public static void allows(Hazard h, String sql, AnalysisSettings settings, CatalogSnapshot catalog) {
        List<Finding> found = of(run(sql, settings, catalog), h);
        if (!found.isEmpty()) {
            fail(h.id() + " was reported but should not be for:\n" + sql + "\n" + found.get(0).message()
                    + "\n(use flags(...) if it should be reported)");
        }
    }

    // ---- hand-built catalogs for rule tests ------------------------------------------------------------------

    /** A catalog builder: {@code catalog().table("orders", 5_000_000).column("id", "integer", "int4", true)...}. */
    public static CatalogBuilder catalog() {
        return new CatalogBuilder();
    }

    public static final class CatalogBuilder {
        private final List<CatalogSnapshot.Table> tables = new ArrayList<>();
        private final List<CatalogSnapshot.EnumType> enums = new ArrayList<>();
        private String version = "16.4";
        private int versionNum = 160004;
        private final Map<String, String> settings = new java.util.HashMap<>(Map.of("TimeZone", "UTC",
                "search_path", "\"$user\", public"));
        private String table;
        private char kind;
        private long rows;
        private List<CatalogSnapshot.Column> columns;
        private List<CatalogSnapshot.Constraint> constraints;
        private List<CatalogSnapshot.Index> indexes;

        public CatalogBuilder version(String v, int num) {
            this.version = v;
            this.versionNum = num;
            return this;
        }

        public CatalogBuilder setting(String k, String v) {
            settings.put(k, v);
            return this;
        }

        public CatalogBuilder table(String name, long rowEstimate) {
            return table(name, 'r', rowEstimate);
        }

        public CatalogBuilder partitionedTable(String name) {
            return table(name, 'p', 0);
        }

        public CatalogBuilder table(String name, char relkind, long rowEstimate) {
            flush();
            this.table = name;
            this.kind = relkind;
            this.rows = rowEstimate;
            this.columns = new ArrayList<>();
            this.constraints = new ArrayList<>();
            this.indexes = new ArrayList<>();
            return this;
        }

        /** @param type format_type output, e.g. "character varying(20)"; base: typname, e.g. "varchar" */
        public CatalogBuilder column(String name, String type, String base, int typmod, boolean notNull) {
            columns.add(new CatalogSnapshot.Column(name, type, base, typmod, notNull, null, '\0', '\0'));
            return this;
        }

        public CatalogBuilder column(String name, String type, String base, boolean notNull) {
            return column(name, type, base, -1, notNull);
        }

        /** @param type 'p','f','u','c','x' */
        public CatalogBuilder constraint(String name, char type, List<String> cols, boolean validated, String def) {
            constraints.add(new CatalogSnapshot.Constraint(name, type, cols, validated, def, null, null));
            return this;
        }

        public CatalogBuilder index(String name, boolean unique, boolean valid, List<String> cols) {
            indexes.add(new CatalogSnapshot.Index(name, unique, false, valid, false, "btree", cols,
                    "CREATE INDEX " + name, 8192));
            return this;
        }

        public CatalogBuilder enumType(String name, String... labels) {
            enums.add(new CatalogSnapshot.EnumType("public", name, List.of(labels)));
            return this;
        }

        private void flush() {
            if (table != null) {
                tables.add(new CatalogSnapshot.Table("public", table, kind, false, null, rows, rows * 100,
                        List.copyOf(columns), List.copyOf(constraints), List.copyOf(indexes), List.of(), List.of()));
                table = null;
            }
        }

        public CatalogSnapshot build() {
            flush();
            return new CatalogSnapshot("test", version, versionNum, Map.copyOf(settings), List.of("public"),
                    List.copyOf(tables), List.copyOf(enums), List.of());
        }
    }
}
