package io.schemapilot.plan;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.sql.QualifiedName;
import java.util.Optional;

/**
 * Rough durations from the catalog's sizes (row estimate and total bytes). Deliberately simple, conservative
 * throughputs of a busy server; null when the table's size is unknown (no catalog, never analysed).
 */
public final class Estimates {
    /** A catalog-only change: the lock is held for about this long once granted. */
    public static final double METADATA_SECONDS = 0.05;
    private static final double SCAN_BYTES_PER_SECOND = 200e6;
    private static final double INDEX_BYTES_PER_SECOND = 50e6;
    private static final double REWRITE_BYTES_PER_SECOND = 40e6;
    private static final double UPDATE_SECONDS_PER_ROW = 30e-6;
    private static final double COPY_SECONDS_PER_ROW = 5e-6;

    private final RecipeContext ctx;

    Estimates(RecipeContext ctx) {
        this.ctx = ctx;
    }

    private Optional<CatalogSnapshot.Table> known(QualifiedName t) {
        return ctx.table(t).filter(x -> x.rowEstimate() >= 0 && x.totalBytes() >= 0);
    }

    public Double metadata() {
        return METADATA_SECONDS;
    }

    /** A full read of the table (VALIDATE, a verification scan). */
    public Double scan(QualifiedName t) {
        if (ctx.isNewTable(t)) {
            return METADATA_SECONDS;
        }
        return known(t).map(x -> round(METADATA_SECONDS + x.totalBytes() / SCAN_BYTES_PER_SECOND)).orElse(null);
    }

    /** A concurrent index build: two scans and a sort, waiting for older transactions. */
    public Double indexBuild(QualifiedName t) {
        if (ctx.isNewTable(t)) {
            return METADATA_SECONDS;
        }
        return known(t).map(x -> round(1 + 3 * x.totalBytes() / INDEX_BYTES_PER_SECOND)).orElse(null);
    }

    /** A table rewrite (ALTER TYPE, volatile default) under its lock. */
    public Double rewrite(QualifiedName t) {
        if (ctx.isNewTable(t)) {
            return METADATA_SECONDS;
        }
        return known(t).map(x -> round(METADATA_SECONDS + x.totalBytes() / REWRITE_BYTES_PER_SECOND)).orElse(null);
    }

    /** A batched UPDATE of every row: the row work plus the pauses between batches. */
    public Double batchedUpdate(QualifiedName t) {
        return known(t).map(x -> {
            long batches = (x.rowEstimate() + ctx.options().batchSize() - 1) / ctx.options().batchSize();
            return round(batches * ctx.options().batchPauseMs() / 1000.0 + x.rowEstimate() * UPDATE_SECONDS_PER_ROW);
        }).orElse(null);
    }

    /** Copying the rows (or some columns of them) into a snapshot table. */
    public Double copy(QualifiedName t) {
        return known(t).map(x -> round(METADATA_SECONDS + x.rowEstimate() * COPY_SECONDS_PER_ROW
                + x.totalBytes() / SCAN_BYTES_PER_SECOND)).orElse(null);
    }

    static double round(double s) {
        return s < 0.01 ? 0.01 : Math.round(s * 100) / 100.0;
    }
}
