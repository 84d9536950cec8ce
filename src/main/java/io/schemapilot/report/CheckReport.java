package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The result of {@code schemapilot check}: the contract's {@code check --format json} object. */
@JsonPropertyOrder({"tool", "version", "pg_version", "files", "max_risk", "assumptions", "data_checks"})
public record CheckReport(
        String tool,
        String version,
        String pgVersion,
        List<FileReport> files,
        Risk maxRisk,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> assumptions,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DataCheck> dataChecks) {

    public static final String TOOL = "schemapilot";

    public static CheckReport of(String version, String pgVersion, List<FileReport> files, List<String> assumptions,
                                 List<DataCheck> dataChecks) {
        Risk max = files.stream().map(FileReport::maxRisk).reduce(Risk.LOW, Risk::max);
        return new CheckReport(TOOL, version, pgVersion, files, max, assumptions, dataChecks);
    }

    public int findingCount() {
        return files.stream().mapToInt(f -> f.findings().size()).sum();
    }

    public boolean hasFileErrors() {
        return files.stream().anyMatch(f -> f.error() != null);
    }
}
