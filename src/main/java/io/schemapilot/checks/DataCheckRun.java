package io.schemapilot.checks;

import io.schemapilot.report.DataCheck;
import java.time.Duration;
import java.util.List;

/**
 * What a {@link DataCheckRunner} run produced: one {@link DataCheck} per planned check (in plan order), and every
 * query it sent, so that callers and tests can see the work it pushed into PostgreSQL.
 *
 * @param serverVersionNum {@code server_version_num} of the server the checks ran on (0 when it could not be read)
 */
public record DataCheckRun(CheckMode mode, int serverVersionNum, List<DataCheck> checks, List<Query> queries,
                           Duration took) {

    public DataCheckRun {
        checks = List.copyOf(checks);
        queries = List.copyOf(queries);
    }

    /** Why a query was sent. */
    public enum Purpose {
        /**
         * the shared statement over one table for all its row checks (and, in EXACT mode, its uniqueness and foreign
         * key checks)
         */
        SCAN,
        /** a GROUP BY for one uniqueness check (in EXACT mode: one that the shared statement found duplicates for) */
        DUPLICATES,
        /** the orphan rows of one foreign key (in EXACT mode: one the shared statement found keys without rows for) */
        ORPHANS,
        /** a query of its own for one check (a cast evaluated on every row, a DELETE with USING) */
        SINGLE,
        /** pg_class / pg_stats for estimates and sample sizes */
        STATISTICS
    }

    /**
     * One query sent to the server.
     *
     * @param table  the table it reads ({@code schema.name} as queried)
     * @param checks how many checks it answered
     * @param error  the server's error (one line), or null
     */
    public record Query(String table, Purpose purpose, int checks, String sql, long millis, String error) {
    }

    /** The queries of one purpose on a table (named as in {@link Query#table()}). */
    public long count(String table, Purpose purpose) {
        return queries.stream().filter(q -> q.table().equals(table) && q.purpose() == purpose).count();
    }

    /** The check with this id. */
    public DataCheck check(String id) {
        return checks.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no data check " + id + " in this run"));
    }
}
