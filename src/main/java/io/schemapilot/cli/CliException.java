package io.schemapilot.cli;

/**
 * An error a command reports to the user as one line on stderr, with the exit code it ends the run with. The
 * message says what went wrong, where, and what to do.
 */
public final class CliException extends RuntimeException {
    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
