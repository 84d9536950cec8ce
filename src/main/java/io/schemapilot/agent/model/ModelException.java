package io.schemapilot.agent.model;

import java.util.Locale;

/**
 * A model call failed for good (after any retries), or a model cannot be used as configured. The message is one
 * line (what failed, where, what to do) and never contains an API key.
 *
 * <p>Exit codes ({@link #exitCode()}, the CLI contract's codes):
 * <ul>
 *   <li>{@code 3} (environment) for {@link Kind#AUTH} (bad or missing key), {@link Kind#UNREACHABLE},
 *       {@link Kind#NOT_FOUND} (wrong model name or base URL, like a missing database), and for
 *       {@link Kind#RATE_LIMITED}, {@link Kind#OVERLOADED}, {@link Kind#SERVER} and {@link Kind#TIMEOUT} once the
 *       retries are used up: the model is not usable from here, now;</li>
 *   <li>{@code 1} (the run failed) for {@link Kind#BAD_REQUEST} (the provider refused what the agent sent, e.g. a
 *       conversation longer than the model's context) and {@link Kind#CANCELLED} (the user stopped it).</li>
 * </ul>
 */
public class ModelException extends RuntimeException {

    /** Why the call failed. {@link #id()} is the lower-case name used in events and JSON. */
    public enum Kind {
        /** 401/403, or no API key: not retried. */
        AUTH(false, 3),
        /** 404: the model name or the base URL is wrong. */
        NOT_FOUND(false, 3),
        /** 429. */
        RATE_LIMITED(true, 3),
        /** 529 (Anthropic's "overloaded"), 503. */
        OVERLOADED(true, 3),
        /** Other 5xx, or an answer that could not be read. */
        SERVER(true, 3),
        /** No answer within the timeout (or 408). */
        TIMEOUT(true, 3),
        /** Connection refused, unknown host, connect timeout: not retried. */
        UNREACHABLE(false, 3),
        /** Other 4xx: the request was refused. */
        BAD_REQUEST(false, 1),
        /** Stopped by the user (Ctrl-C, thread interrupt). */
        CANCELLED(false, 1);

        private final boolean retryable;
        private final int exitCode;

        Kind(boolean retryable, int exitCode) {
            this.retryable = retryable;
            this.exitCode = exitCode;
        }

        /** {@code auth}, {@code not_found}, {@code rate_limited}, ... */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Whether a call that failed this way is sent again (within the {@link RetryPolicy}). */
        public boolean retryable() {
            return retryable;
        }

        /** The process exit status for a run that ends with this failure. */
        public int exitCode() {
            return exitCode;
        }
    }

    private final Kind kind;
    private final Integer httpStatus;
    private final int attempts;

    public ModelException(Kind kind, String message) {
        this(kind, message, null, 1, null);
    }

    public ModelException(Kind kind, String message, Integer httpStatus, int attempts, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.attempts = attempts;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the provider answered with, or null (timeout, connection failure, missing key). */
    public Integer httpStatus() {
        return httpStatus;
    }

    /** How many times the call was sent (0 when it was never sent, e.g. no API key). */
    public int attempts() {
        return attempts;
    }

    /** See the class comment. */
    public int exitCode() {
        return kind.exitCode();
    }

    /**
     * The {@code kind} of the loop's error event ({@code AgentEvent.Error}): {@code auth}, {@code timeout},
     * {@code cancelled}, otherwise {@code provider}.
     */
    public String eventKind() {
        return switch (kind) {
            case AUTH -> "auth";
            case TIMEOUT -> "timeout";
            case CANCELLED -> "cancelled";
            default -> "provider";
        };
    }
}
