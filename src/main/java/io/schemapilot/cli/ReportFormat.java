package io.schemapilot.cli;

/** The values of {@code --format} for reports (parsed case-insensitively). */
public enum ReportFormat {
    TEXT, JSON, MARKDOWN, SARIF
}
