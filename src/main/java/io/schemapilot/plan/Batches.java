package io.schemapilot.plan;

import io.schemapilot.sql.QualifiedName;

/**
 * Keyed batch loops as {@code DO} blocks: the table is walked in key order, {@code batch_size} keys at a time, each
 * batch in its own transaction ({@code COMMIT} inside the block, PostgreSQL 11+), with a pause between batches so
 * replicas and autovacuum keep up. Run outside a transaction block. Interrupted, they resume: a backfill skips rows
 * already done (its {@code pending} condition), a batched UPDATE / DELETE starts after the last key in its backup.
 */
public final class Batches {
    /** The variable names the batch body may use: the batch covers keys {@code sp_lo <= key <= sp_hi}. */
    public static final String LO = "sp_lo";
    public static final String HI = "sp_hi";

    private Batches() {
    }

    /** The key range condition of the current batch, for a batch body. */
    public static String inBatch(String key) {
        return Sql.ident(key) + " BETWEEN " + LO + " AND " + HI;
    }

    /**
     * A loop over {@code table} by {@code key} running {@code body} (statements using {@link #inBatch}) per batch.
     *
     * @param resumeAfter a query returning the last key already done (NULL: start at the beginning), or null
     */
    public static String loop(QualifiedName table, String key, String body, String resumeAfter, PlanOptions o) {
        String t = Sql.name(table);
        String k = Sql.ident(key);
        String type = t + "." + k + "%TYPE";
        StringBuilder sb = new StringBuilder();
        sb.append("DO $sp$\n");
        sb.append("DECLARE\n");
        sb.append("  ").append(LO).append(' ').append(type).append(";\n");
        sb.append("  ").append(HI).append(' ').append(type).append(";\n");
        sb.append("BEGIN\n");
        if (resumeAfter != null) {
            sb.append("  ").append(HI).append(" := (").append(resumeAfter).append(");\n");
            sb.append("  IF ").append(HI).append(" IS NULL THEN\n");
            sb.append("    SELECT min(").append(k).append(") INTO ").append(LO).append(" FROM ").append(t).append(";\n");
            sb.append("  ELSE\n");
            sb.append("    SELECT min(").append(k).append(") INTO ").append(LO).append(" FROM ").append(t)
                    .append(" WHERE ").append(k).append(" > ").append(HI).append(";\n");
            sb.append("  END IF;\n");
        } else {
            sb.append("  SELECT min(").append(k).append(") INTO ").append(LO).append(" FROM ").append(t).append(";\n");
        }
        sb.append("  WHILE ").append(LO).append(" IS NOT NULL LOOP\n");
        sb.append("    SELECT max(").append(k).append(") INTO ").append(HI).append(" FROM (SELECT ").append(k)
                .append(" FROM ").append(t).append(" WHERE ").append(k).append(" >= ").append(LO).append(" ORDER BY ")
                .append(k).append(" LIMIT ").append(o.batchSize()).append(") AS batch;\n");
        sb.append(Sql.indent(body.strip(), 4)).append('\n');
        sb.append("    COMMIT;\n");
        if (o.batchPauseMs() > 0) {
            sb.append("    PERFORM pg_sleep(").append(o.batchPauseMs() / 1000.0).append(");\n");
        }
        sb.append("    SELECT min(").append(k).append(") INTO ").append(LO).append(" FROM ").append(t).append(" WHERE ")
                .append(k).append(" > ").append(HI).append(";\n");
        sb.append("  END LOOP;\n");
        sb.append("END\n");
        sb.append("$sp$;");
        return sb.toString();
    }

    /** A backfill: {@code UPDATE table SET assignments} for the rows where {@code pending} holds, batch by batch. */
    public static String backfill(QualifiedName table, String key, String assignments, String pending, PlanOptions o) {
        String body = "UPDATE " + Sql.name(table) + " SET " + assignments + "\n WHERE " + inBatch(key) + " AND ("
                + pending + ");";
        return loop(table, key, body, null, o);
    }

    /**
     * A backfill for a table without a usable key: batches of physical rows ({@code ctid}) where {@code pending}
     * holds, until a batch finds fewer rows than the batch size. {@code pending} must become false for an updated
     * row, or the loop stops after as many batches as the table had rows.
     */
    public static String backfillByCtid(QualifiedName table, String assignments, String pending, PlanOptions o) {
        String t = Sql.name(table);
        return "DO $sp$\n"
                + "DECLARE\n"
                + "  n bigint;\n"
                + "  guard bigint := (SELECT count(*) FROM " + t + ") / " + o.batchSize() + " + 2;\n"
                + "BEGIN\n"
                + "  LOOP\n"
                + "    UPDATE " + t + " SET " + assignments + "\n"
                + "     WHERE ctid = ANY (ARRAY(SELECT ctid FROM " + t + " WHERE " + pending + " LIMIT "
                + o.batchSize() + "));\n"
                + "    GET DIAGNOSTICS n = ROW_COUNT;\n"
                + "    COMMIT;\n"
                + "    guard := guard - 1;\n"
                + "    EXIT WHEN n < " + o.batchSize() + " OR guard <= 0;\n"
                + (o.batchPauseMs() > 0 ? "    PERFORM pg_sleep(" + (o.batchPauseMs() / 1000.0) + ");\n" : "")
                + "  END LOOP;\n"
                + "END\n"
                + "$sp$;";
    }
}
