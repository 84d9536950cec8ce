package io.schemapilot.pg;

import java.time.Duration;

/**
 * How a session is set up after connecting. Analysis sessions are read-only with short timeouts, so that reading a
 * production database can neither change it nor wait behind its locks.
 *
 * @param readOnly         sets {@code default_transaction_read_only = on}
 * @param statementTimeout {@code statement_timeout}; zero means none
 * @param lockTimeout      {@code lock_timeout}; zero means none
 * @param connectTimeout   how long to wait for the server to answer when connecting
 * @param applicationName  {@code application_name}, shows in {@code pg_stat_activity}
 */
public record SessionOptions(boolean readOnly, Duration statementTimeout, Duration lockTimeout,
                             Duration connectTimeout, String applicationName) {

    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Read-only, statement_timeout 30 s, lock_timeout 2 s, application_name schemapilot. */
    public static SessionOptions analysis() {
        return new SessionOptions(true, DEFAULT_STATEMENT_TIMEOUT, DEFAULT_LOCK_TIMEOUT, DEFAULT_CONNECT_TIMEOUT,
                "schemapilot");
    }

    /** Read-write with the same timeouts: for the executor and the shadow database only. */
    public static SessionOptions readWrite() {
        return analysis().withReadOnly(false);
    }

    public SessionOptions withReadOnly(boolean ro) {
        return new SessionOptions(ro, statementTimeout, lockTimeout, connectTimeout, applicationName);
    }

    public SessionOptions withStatementTimeout(Duration d) {
        return new SessionOptions(readOnly, d, lockTimeout, connectTimeout, applicationName);
    }

    public SessionOptions withLockTimeout(Duration d) {
        return new SessionOptions(readOnly, statementTimeout, d, connectTimeout, applicationName);
    }

    public SessionOptions withConnectTimeout(Duration d) {
        return new SessionOptions(readOnly, statementTimeout, lockTimeout, d, applicationName);
    }
}
