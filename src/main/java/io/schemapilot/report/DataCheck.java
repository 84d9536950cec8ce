package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A data-compatibility check that ran against real data (CLI-AND-REPORT.md, {@code data_checks}).
 *
 * @param kind      nulls | duplicates | orphans | cast | check | enum | data-loss
 * @param statement the 1-based statement of the migration the check is about (0: not known)
 * @param advisory  the migration changes this data before that statement, so the count describes the data before
 *                  the migration runs and does not by itself decide whether the statement fails
 * @param error     why the check has no count (connection lost, no statistics, unreadable expression), else null;
 *                  with an error, {@code result.count} is -1 and {@code passed} false
 */
@JsonPropertyOrder({"id", "kind", "object", "sql", "result", "passed", "exact", "statement", "advisory", "error"})
public record DataCheck(String id, String kind, String object, String sql, Result result, boolean passed, boolean exact,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int statement,
                        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean advisory,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String error) {

    public DataCheck(String id, String kind, String object, String sql, Result result, boolean passed, boolean exact) {
        this(id, kind, object, sql, result, passed, exact, 0, false, null);
    }

    /** The check produced a count (it may be an estimate: see {@code exact}). */
    public boolean counted() {
        return error == null && result != null && result.count() >= 0;
    }

    /**
     * @param sample keys of offending rows, capped; never values of secret-looking columns
     * @param rows   how many rows the count is out of (the table's, or the sample's), when known
     */
    @JsonPropertyOrder({"count", "sample", "note", "rows"})
    public record Result(long count, List<Map<String, Object>> sample, String note,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long rows) {

        public Result(long count, List<Map<String, Object>> sample, String note) {
            this(count, sample, note, null);
        }
    }
}
