package io.schemapilot.agent.model;

import java.time.Duration;

/**
 * How a failed model call is retried. Only rate limits (429), overload (529), server errors (5xx, 408) and timeouts
 * are retried. The wait before a retry is the provider's {@code Retry-After} when it sends one, otherwise
 * {@code initialDelay × 2^(n-1)} capped at {@code maxDelay}. The waits of one call never add up to more than
 * {@code maxTotalWait}: a {@code Retry-After} longer than what is left fails the call at once.
 *
 * @param maxAttempts  how many times a call is sent at most, the first included (at least 1)
 * @param maxTotalWait the most time one call spends waiting between attempts
 * @param initialDelay the first back-off when the provider sends no {@code Retry-After}
 * @param maxDelay     the longest single back-off (a {@code Retry-After} is not capped by it)
 */
public record RetryPolicy(int maxAttempts, Duration maxTotalWait, Duration initialDelay, Duration maxDelay) {

    /** 4 attempts, at most 60 s of waiting, back-off 1 s, 2 s, 4 s ... up to 20 s. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(20));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retry.max_attempts must be at least 1");
        }
        if (maxTotalWait == null || maxTotalWait.isNegative()) {
            throw new IllegalArgumentException("retry.max_wait must be a duration of 0 or more");
        }
        if (initialDelay == null || initialDelay.isNegative()) {
            throw new IllegalArgumentException("retry.initial_delay must be a duration of 0 or more");
        }
        if (maxDelay == null || maxDelay.isNegative()) {
            maxDelay = Duration.ofSeconds(20);
        }
    }

    /** No retries at all. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** This policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int n) {
        return new RetryPolicy(n, maxTotalWait, initialDelay, maxDelay);
    }

    /** This policy with another cap on the total wait. */
    public RetryPolicy withMaxTotalWait(Duration d) {
        return new RetryPolicy(maxAttempts, d, initialDelay, maxDelay);
    }

    /** This policy with another first back-off. */
    public RetryPolicy withInitialDelay(Duration d) {
        return new RetryPolicy(maxAttempts, maxTotalWait, d, maxDelay);
    }

    /** The back-off before attempt {@code failedAttempts + 1} when the provider did not say how long to wait. */
    public Duration backoff(int failedAttempts) {
        long base = initialDelay.toMillis();
        int shift = Math.min(Math.max(failedAttempts - 1, 0), 20);
        long ms = base << shift;
        if (ms < 0 || ms > maxDelay.toMillis()) {
            ms = maxDelay.toMillis();
        }
        return Duration.ofMillis(ms);
    }
}
