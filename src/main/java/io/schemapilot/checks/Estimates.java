package io.schemapilot.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.checks.PlannedCheck.Duplicates;
import io.schemapilot.checks.PlannedCheck.Estimate;
import io.schemapilot.checks.PlannedCheck.Key;
import io.schemapilot.checks.PlannedCheck.Probe;
import io.schemapilot.checks.PlannedCheck.Rows;
import io.schemapilot.sql.QualifiedName;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner's statistics say about a check, without reading the table: {@code reltuples} (scaled to the
 * table's current size, as the planner does), {@code pg_stats.null_frac}, {@code n_distinct} and the most common
 * values. One query per table; it takes no lock on the table (the size function is skipped when another session
 * holds or awaits ACCESS EXCLUSIVE). Estimates are approximate and the results say so.
 */
final class Estimates {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record ColumnStats(double nullFrac, double nDistinct, List<String> mcv, List<Double> freqs) {
    }

    /** What pg_class and pg_stats say about one table; rows is -1 when unknown. */
    record Stats(double rows, long pages, String analyzed, Map<String, ColumnStats> columns, String sql,
                 String error) {

        static Stats failed(String sql, String error) {
            return new Stats(-1, -1, null, Map.of(), sql, error);
        }
    }

    /** An estimate, or why there is none. */
    record Guess(Double value, String how) {
    }

    private Estimates() {
    }

    /** One query for the table's row estimate and the pg_stats rows of {@code columns}. */
    static String statsSql(QualifiedName table, Collection<String> columns, int serverVersionNum) {
        String partitions = serverVersionNum >= 120000 ? ",\n       CASE WHEN c.relkind = 'p' THEN (SELECT CASE WHEN "
                + "bool_or(l.reltuples >= 0) THEN sum(greatest(l.reltuples, 0)) END::float8\n"
                + "          FROM pg_partition_tree(c.oid) t JOIN pg_class l ON l.oid = t.relid WHERE t.isleaf "
                + "AND l.relkind = 'r') END AS leaf_rows" : ",\n       NULL::float8 AS leaf_rows";
        return "SELECT c.reltuples::float8 AS reltuples, c.relpages::bigint AS relpages, c.relkind::text AS relkind,\n"
                + "       CASE WHEN NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation = c.oid AND l.mode = "
                + "'AccessExclusiveLock')\n"
                + "            THEN (pg_relation_size(c.oid) / current_setting('block_size')::int)::bigint END AS pages,\n"
                + "       greatest(a.last_analyze, a.last_autoanalyze)::text AS analyzed" + partitions + ",\n"
                + "       (SELECT json_agg(json_build_object('column', s.attname, 'null_frac', s.null_frac, "
                + "'n_distinct', s.n_distinct,\n"
                + "                'mcv', s.most_common_vals::text::text[], 'freqs', s.most_common_freqs, "
                + "'inherited', s.inherited))\n"
                + "          FROM pg_stats s WHERE s.schemaname = n.nspname AND s.tablename = c.relname\n"
                + "           AND s.attname = ANY (ARRAY[" + Sql.literals(List.copyOf(columns)) + "]::text[])) AS stats\n"
                + "  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace\n"
                + "  LEFT JOIN pg_stat_all_tables a ON a.relid = c.oid\n"
                + " WHERE c.oid = to_regclass(" + Sql.literal(Sql.table(table)) + ")";
    }

    /** The row of {@link #statsSql} as statistics. */
    static Stats read(ResultSet rs, String sql) throws SQLException {
        double reltuples = rs.getDouble("reltuples");
        long relpages = rs.getLong("relpages");
        long pages = rs.getLong("pages");
        if (rs.wasNull()) {
            pages = -1; // locked: size unknown
        }
        String analyzed = rs.getString("analyzed");
        double leaf = rs.getDouble("leaf_rows");
        boolean leafKnown = !rs.wasNull();
        boolean partitioned = "p".equals(rs.getString("relkind"));
        double rows;
        if (partitioned) {
            rows = leafKnown ? leaf : -1;
        } else if (pages == 0) {
            rows = 0; // no heap pages: certainly empty
        } else if (reltuples < 0 || reltuples == 0 && relpages == 0 && analyzed == null) {
            rows = -1;
        } else if (relpages > 0 && pages > 0) {
            rows = reltuples / relpages * pages;
        } else {
            rows = reltuples;
        }
        Map<String, ColumnStats> cols = new HashMap<>();
        String json = rs.getString("stats");
        if (json != null) {
            try {
                for (JsonNode n : MAPPER.readTree(json)) {
                    String name = n.get("column").asText();
                    boolean inherited = n.get("inherited").asBoolean();
                    if (cols.containsKey(name) && inherited != partitioned) {
                        continue;
                    }
                    List<String> mcv = new ArrayList<>();
                    n.path("mcv").forEach(v -> mcv.add(v.asText()));
                    List<Double> freqs = new ArrayList<>();
                    n.path("freqs").forEach(v -> freqs.add(v.asDouble()));
                    cols.put(name, new ColumnStats(n.get("null_frac").asDouble(), n.get("n_distinct").asDouble(),
                            mcv, freqs));
                }
            } catch (IOException e) {
                throw new SQLException("unreadable pg_stats row: " + e.getMessage(), e);
            }
        }
        return new Stats(rows, pages, analyzed, cols, sql, null);
    }

    /** The columns whose pg_stats rows an estimate of {@code p} needs. */
    static Set<String> columns(PlannedCheck p) {
        Set<String> cols = new LinkedHashSet<>();
        if (p.probe() instanceof Rows r && r.estimate().column() != null) {
            cols.add(r.estimate().column());
        } else if (p.probe() instanceof Duplicates d && d.keys().size() == 1) {
            cols.add(d.keys().get(0).label());
        }
        return cols;
    }

    /** What the estimate of one check reads, as a query a reader can run. */
    static String sql(PlannedCheck p) {
        List<String> cols = new ArrayList<>(columns(p));
        String regclass = "to_regclass(" + Sql.literal(Sql.table(p.table())) + ")";
        if (cols.isEmpty()) {
            return "SELECT c.reltuples, c.relpages FROM pg_class c WHERE c.oid = " + regclass;
        }
        return "SELECT c.reltuples, s.null_frac, s.n_distinct, s.most_common_vals, s.most_common_freqs "
                + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stats s ON "
                + "s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = " + Sql.literal(cols.get(0))
                + " WHERE c.oid = " + regclass;
    }

    static Guess guess(PlannedCheck p, Stats s) {
        if (s.rows() < 0) {
            return new Guess(null, p.table() + " has no row estimate (it has never been analysed; run ANALYZE)");
        }
        double rows = s.rows();
        String ofRows = "about " + DataCheckRunner.fmt(Math.round(rows)) + " rows";
        Probe probe = p.probe();
        if (probe instanceof Duplicates d) {
            Key k = d.keys().get(0);
            if (d.keys().size() != 1 || d.where() != null || !k.sql().equals(Sql.ident(k.label()))) {
                return new Guess(null, "statistics cannot tell duplicates of several columns, an expression or a "
                        + "partial index; run the exact check");
            }
            ColumnStats c = s.columns().get(k.label());
            if (c == null) {
                return noColumnStats(p, k.label());
            }
            double nonNull = (1 - c.nullFrac()) * rows;
            double distinct = c.nDistinct() >= 0 ? c.nDistinct() : -c.nDistinct() * rows;
            double excess = Math.max(0, nonNull - distinct);
            return new Guess(excess, "n_distinct " + c.nDistinct() + " of " + ofRows + ": about " + DataCheckRunner.fmt(Math.round(
                    excess)) + " rows repeat a value held by another row (a count of rows, not of groups)");
        }
        Estimate e = probe instanceof Rows r ? r.estimate() : Estimate.NONE;
        switch (e.kind()) {
            case ROWS:
                return new Guess(rows, ofRows);
            case NULLS:
            case NON_NULLS: {
                ColumnStats c = s.columns().get(e.column());
                if (c == null) {
                    return noColumnStats(p, e.column());
                }
                double frac = e.kind() == PlannedCheck.EstimateKind.NULLS ? c.nullFrac() : 1 - c.nullFrac();
                return new Guess(frac * rows, "null_frac " + c.nullFrac() + " of " + ofRows);
            }
            case VALUES_IN:
            case VALUES_NOT_IN: {
                ColumnStats c = s.columns().get(e.column());
                if (c == null) {
                    return noColumnStats(p, e.column());
                }
                double listed = c.freqs().stream().mapToDouble(Double::doubleValue).sum();
                double rest = Math.max(0, 1 - c.nullFrac() - listed);
                double distinct = c.nDistinct() >= 0 ? c.nDistinct() : -c.nDistinct() * rows;
                double others = Math.max(1, distinct - c.mcv().size());
                double frac = 0;
                boolean in = e.kind() == PlannedCheck.EstimateKind.VALUES_IN;
                for (int i = 0; i < c.mcv().size(); i++) {
                    if (e.values().contains(c.mcv().get(i)) == in) {
                        frac += c.freqs().get(i);
                    }
                }
                if (in) {
                    for (String v : e.values()) {
                        if (!c.mcv().contains(v) && rest > 0.0001) {
                            frac += rest / others;
                        }
                    }
                } else {
                    frac += rest;
                }
                return new Guess(frac * rows, "most common values of " + e.column() + " (" + c.mcv().size()
                        + " listed) of " + ofRows);
            }
            default:
                return new Guess(null, "statistics cannot tell which rows "
                        + (p.kind() == PlannedCheck.Kind.CAST ? "fail the cast" : "match") + "; run the exact check");
        }
    }

    private static Guess noColumnStats(PlannedCheck p, String column) {
        return new Guess(null, "pg_stats has nothing for " + p.table() + "." + column
                + " (run ANALYZE " + p.table() + ")");
    }
}
