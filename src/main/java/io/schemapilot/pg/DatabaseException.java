package io.schemapilot.pg;

/**
 * A database could not be reached or used: wrong password, unreachable host, missing database, insufficient
 * privilege, a timeout. The message is one line (what, where, what to do) and never contains a secret. The CLI maps
 * it to exit code 3.
 */
public class DatabaseException extends RuntimeException {

    /** The exit status front doors use for a database that cannot be reached or used. */
    public static final int EXIT_CODE = 3;

    /** The kind of failure, for callers that react differently (e.g. retry on a timeout). */
    public enum Kind {
        AUTHENTICATION, UNREACHABLE, MISSING_DATABASE, PRIVILEGE, TIMEOUT, LOCKED, BAD_TARGET, OTHER
    }

    private final Kind kind;

    public DatabaseException(Kind kind, String message) {
        this(kind, message, null);
    }

    public DatabaseException(Kind kind, String message, Throwable cause) {
        super(Redact.secrets(message), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public int exitCode() {
        return EXIT_CODE;
    }
}
