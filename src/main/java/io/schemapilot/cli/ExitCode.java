package io.schemapilot.cli;

/** The process exit statuses of the contract (CLI-AND-REPORT.md). */
public enum ExitCode {
    /** Success, and nothing at or above {@code --fail-on}. */
    OK(0),
    /** Findings at or above {@code --fail-on} (or a plan step failed and was rolled back). */
    FINDINGS(1),
    /** Usage or input error: unknown option, unreadable file, SQL that is not even splittable. */
    USAGE(2),
    /** Environment error: database or model unreachable, authentication failed. */
    ENVIRONMENT(3),
    /** A bug in schemapilot. */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The more severe of two outcomes (higher wins, so an input error beats findings). */
    public ExitCode worst(ExitCode other) {
        return other.code > code ? other : this;
    }
}
