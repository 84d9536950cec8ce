package io.schemapilot.plan;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.TableWork;
import io.schemapilot.sql.QualifiedName;
import java.util.Optional;

/**
 * Rough durations from the catalog's sizes (row estimate and total bytes). Deliberately simple, conservative
 * throughputs of a busy server ({@link TableWork}); null when the table's size is unknown (no catalog, never
 * analysed).
 */
public final class Estimates {
    /** A catalog-only change: the lock is held for about this long once granted. */
    public static final double METADATA_SECONDS = TableWork.METADATA_SECONDS;
    private static final double SCAN_BYTES_PER_SECOND = TableWork.SCAN_BYTES_PER_SECOND;
    private static final double UPDATE_SECONDS_PER_ROW = 30e-6;
    private static final double COPY_SECONDS_PER_ROW = 5e-6;

    private final RecipeContext ctx;

    Estimates(RecipeContext ctx) {
        this.ctx = ctx;
    }

    private Optional<CatalogSnapshot.Table> known(QualifiedName t) {
        return ctx.table(t).filter(TableWork::known);
    }

    public Double metadata() {
        return METADATA_SECONDS;
    }

    /** A full read of the table (VALIDATE, a verification scan). */
    public Double scan(QualifiedName t) {
        if (ctx.isNewTable(t)) {
            return METADATA_SECONDS;
        }
        return known(t).map(TableWork::scanSeconds).orElse(null);
    }

    /** A concurrent index build: two scans and a sort, waiting for older transactions. */
    public Double indexBuild(QualifiedName t) {
        if (ctx.isNewTable(t)) {
            return METADATA_SECONDS;
        }
        return known(t).map(TableWork::concurrentIndexBuildSeconds).orElse(null);
    }

    /** A table rewrite (ALTER TYPE, volatile default) under its lock. */
    public Double rewrite(QualifiedName t) {
        if (ctx.isNewTable(t)) {
            return METADATA_SECONDS;
        }
        return known(t).map(TableWork::rewriteSeconds).orElse(null);
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
        return TableWork.round(s);
    }
}
