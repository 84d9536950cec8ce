package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A data-compatibility check that ran against real data (CLI-AND-REPORT.md, {@code data_checks}).
 *
 * @param kind nulls | duplicates | orphans | cast | check | data-loss
 */
@JsonPropertyOrder({"id", "kind", "object", "sql", "result", "passed", "exact"})
public record DataCheck(String id, String kind, String object, String sql, Result result, boolean passed, boolean exact) {

    /** @param sample keys of offending rows, capped; never values of secret-looking columns */
    public record Result(long count, List<Map<String, Object>> sample, String note) {
    }
}
