package io.schemapilot.agent.loop;

/**
 * A model call that failed for good.
 *
 * @see #kind() auth, not_found, rate_limited, overloaded, server, timeout, unreachable, bad_request, cancelled
 */
public final class ModelCallException extends Exception {
    private final String kind;
    private final int exitCode;

    /** @param exitCode the process exit code a one-shot run ends with (3: model unreachable or auth, 1: other) */
    public ModelCallException(String kind, String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.exitCode = exitCode;
    }

    public String kind() {
        return kind;
    }

    public int exitCode() {
        return exitCode;
    }
}
