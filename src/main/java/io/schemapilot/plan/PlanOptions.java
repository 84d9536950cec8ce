package io.schemapilot.plan;

/**
 * Knobs of the generated steps.
 *
 * @param lockTimeoutMs      the {@code lock_timeout} every step sets before it takes a lock
 * @param batchSize          rows per batch in backfills and batched UPDATE / DELETE
 * @param batchPauseMs       pause between batches (lets replicas and autovacuum keep up)
 * @param backupSchema       where the plan keeps snapshots of data it removes
 * @param largeTableRows     an UPDATE / DELETE on a table with more rows than this (by the catalog) is batched
 * @param seedRows           example rows per new table in the seed-data section (0: no section)
 */
public record PlanOptions(long lockTimeoutMs, int batchSize, long batchPauseMs, String backupSchema,
                          long largeTableRows, int seedRows) {

    public static final String DEFAULT_BACKUP_SCHEMA = "schemapilot_backup";

    public static PlanOptions defaults() {
        return new PlanOptions(2000, 5000, 100, DEFAULT_BACKUP_SCHEMA, 10_000, 3);
    }

    public PlanOptions withLockTimeoutMs(long v) {
        return new PlanOptions(v, batchSize, batchPauseMs, backupSchema, largeTableRows, seedRows);
    }

    public PlanOptions withBatchSize(int v) {
        return new PlanOptions(lockTimeoutMs, v, batchPauseMs, backupSchema, largeTableRows, seedRows);
    }

    public PlanOptions withBatchPauseMs(long v) {
        return new PlanOptions(lockTimeoutMs, batchSize, v, backupSchema, largeTableRows, seedRows);
    }

    public PlanOptions withLargeTableRows(long v) {
        return new PlanOptions(lockTimeoutMs, batchSize, batchPauseMs, backupSchema, v, seedRows);
    }

    public PlanOptions withSeedRows(int v) {
        return new PlanOptions(lockTimeoutMs, batchSize, batchPauseMs, backupSchema, largeTableRows, v);
    }
}
