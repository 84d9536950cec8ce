package io.schemapilot.agent.model;

import java.time.Duration;

/**
 * Told before each retry of a model call, so the loop can emit an event and the UI can say "retrying in 2s". Called
 * on the thread that will wait (the caller's for blocking calls, a retry thread for streaming ones).
 */
@FunctionalInterface
public interface RetryListener {

    void onRetry(Notice notice);

    static RetryListener none() {
        return n -> { };
    }

    /**
     * One retry.
     *
     * @param attempt     the attempt about to be made (2 for the first retry)
     * @param maxAttempts the most attempts the policy allows
     * @param delay       how long the call waits before it
     * @param kind        why the previous attempt failed
     * @param httpStatus  the HTTP status of that failure, or null
     * @param reason      one line for people: {@code rate limited by openai (HTTP 429), Retry-After 2s}
     */
    record Notice(int attempt, int maxAttempts, Duration delay, ModelException.Kind kind, Integer httpStatus,
                  String reason) {
    }
}
