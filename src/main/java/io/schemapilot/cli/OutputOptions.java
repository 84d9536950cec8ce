package io.schemapilot.cli;

import io.schemapilot.report.Risk;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How and where a report is written, and which findings fail the run. */
public final class OutputOptions {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json, markdown or sarif.")
    ReportFormat format;

    @Option(names = "--fail-on", paramLabel = "RISK", converter = Converters.RiskConverter.class,
            description = "Exit 1 when a finding is at this risk or above: low, medium, high (default) or critical.")
    Risk failOn;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE instead of standard output (- is standard output).")
    Path output;

    public ReportFormat format() {
        return format;
    }

    /** {@code --fail-on}, or {@code fallback} when not given. */
    public Risk failOn(Risk fallback) {
        return failOn == null ? fallback : failOn;
    }

    public Path output() {
        return output;
    }
}
