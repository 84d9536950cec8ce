package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The findings of one migration file.
 *
 * @param unusedIgnores ignore comments that suppressed nothing
 * @param error     set when the file could not be read or split at all (then nothing else is filled)
 * @param excerpts  the first line(s) of each statement, by statement number - 1; for renderers, not JSON
 */
@JsonPropertyOrder({"path", "statements", "parse_errors", "findings", "unused_ignores", "error"})
public record FileReport(
        String path,
        int statements,
        List<ParseError> parseErrors,
        List<Finding> findings,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<UnusedIgnore> unusedIgnores,
        @JsonInclude(JsonInclude.Include.NON_NULL) String error,
        @JsonIgnore List<String> excerpts) {

    public static FileReport failed(String path, String error) {
        return new FileReport(path, 0, List.of(), List.of(), List.of(), error, List.of());
    }

    public Risk maxRisk() {
        return findings.stream().map(Finding::risk).reduce(Risk.LOW, Risk::max);
    }

    @JsonIgnore
    public String excerpt(int statement) {
        return statement >= 1 && statement <= excerpts.size() ? excerpts.get(statement - 1) : "";
    }
}
