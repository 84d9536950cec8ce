package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import java.util.List;

/** {@code CREATE INDEX CONCURRENTLY} on a partitioned table: PostgreSQL rejects it. */
public final class ConcurrentlyOnPartitionedTableRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CONCURRENTLY_ON_PARTITIONED_TABLE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.CreateIndex ci : st.changes(Change.CreateIndex.class)) {
            if (!ci.concurrently() || !ctx.isPartitioned(ci.target())) {
                continue;
            }
            String table = ctx.display(ci.target());
            List<String> parts = ctx.catalog().map(c -> c.tables().stream()
                    .filter(t -> table.equals(t.partitionOf()))
                    .map(t -> t.schema() + "." + t.name()).toList()).orElse(List.of());
            String known = ctx.table(ci.target()).isPresent() ? "the catalog" : "this migration";
            out.of(hazard(), st)
                    .object(table)
                    .message("CREATE INDEX CONCURRENTLY is not supported on " + table + ", a partitioned table (per "
                            + known + "), so the statement fails before building anything.")
                    .help("Create the index ON ONLY the parent (instant, INVALID until complete), build it"
                            + " CONCURRENTLY on each partition, then ALTER INDEX ... ATTACH PARTITION each one.")
                    .fix(fix(ci, parts))
                    .add();
        }
    }

    private static String fix(Change.CreateIndex ci, List<String> partitions) {
        if (ci.name() == null) {
            return null;
        }
        String name = ci.name().name();
        String using = ci.method() == null ? "" : " USING " + ci.method();
        String body = using + " (" + String.join(", ", ci.columns()) + ")" + (ci.where() == null ? ""
                : " WHERE " + ci.where());
        String unique = ci.unique() ? "UNIQUE " : "";
        StringBuilder sb = new StringBuilder("CREATE " + unique + "INDEX IF NOT EXISTS " + name + " ON ONLY "
                + ci.target() + body + ";\n");
        List<String> parts = partitions.isEmpty() ? List.of("<partition>") : partitions;
        if (partitions.isEmpty()) {
            sb.append("-- for each partition:\n");
        }
        String parent = ci.target().schema() == null ? name : ci.target().schema() + "." + name;
        for (String p : parts) {
            int dot = p.lastIndexOf('.');
            String leaf = p.substring(dot + 1);
            String child = p.equals("<partition>") ? name + "_<partition>"
                    : p.substring(0, dot + 1) + (name.length() + leaf.length() < 60 ? leaf + "_" + name : leaf + "_idx");
            sb.append("CREATE ").append(unique).append("INDEX CONCURRENTLY ").append(child.substring(child
                    .lastIndexOf('.') + 1)).append(" ON ").append(p).append(body).append(";\n");
            sb.append("ALTER INDEX ").append(parent).append(" ATTACH PARTITION ").append(child).append(";\n");
        }
        return sb.toString().strip();
    }
}
