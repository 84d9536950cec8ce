package io.schemapilot.agent.model;

import io.schemapilot.agent.model.ModelErrors.Failure;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The retry rules of {@link RetryPolicy}, shared by the blocking and the streaming wrappers: which failures are
 * retried, how long to wait, when to give up, and the final {@link ModelException}.
 */
final class Retrier {

    /** Waits; tests give one that does not. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> {
            if (!d.isZero() && !d.isNegative()) {
                Thread.sleep(d.toMillis());
            }
        };
    }

    /** The attempts made and the time waited, for one call. */
    static final class State {
        int attempts;
        Duration waited = Duration.ZERO;
    }

    /** What to do after a failed attempt: wait {@code delay} and retry, or throw {@code error}. */
    record Next(Duration delay, RetryListener.Notice notice, RuntimeException error) {
        boolean retry() {
            return error == null;
        }
    }

    private final RetryPolicy policy;
    private final ModelErrors errors;
    private final Sleeper sleeper;

    Retrier(RetryPolicy policy, ModelErrors errors, Sleeper sleeper) {
        this.policy = policy;
        this.errors = errors;
        this.sleeper = sleeper;
    }

    RetryPolicy policy() {
        return policy;
    }

    ModelErrors errors() {
        return errors;
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or the policy gives up. */
    <T> T call(Supplier<T> attempt, RetryListener listener) {
        State state = new State();
        while (true) {
            if (Thread.currentThread().isInterrupted()) {
                throw cancelled(state.attempts);
            }
            state.attempts++;
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                Next next = next(e, state);
                if (!next.retry()) {
                    throw next.error();
                }
                listener.onRetry(next.notice());
                sleep(next.delay(), state);
            }
        }
    }

    /** Waits before the next attempt and counts the wait; an interrupt ends the call as cancelled. */
    void sleep(Duration delay, State state) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled(state.attempts);
        }
        state.waited = state.waited.plus(delay);
    }

    ModelException cancelled(int attempts) {
        return new ModelException(ModelException.Kind.CANCELLED, "model call cancelled", null, attempts, null);
    }

    /** The decision after attempt {@code state.attempts} failed with {@code t}. */
    Next next(Throwable t, State state) {
        Failure f = errors.classify(t);
        if (f == null) {
            return new Next(null, null, t instanceof RuntimeException r ? r : new RuntimeException(t));
        }
        if (!f.retryable() || state.attempts >= policy.maxAttempts()) {
            return new Next(null, null, errors.toException(f, state.attempts));
        }
        Duration left = policy.maxTotalWait().minus(state.waited);
        Duration delay;
        if (f.retryAfter() != null) {
            if (f.retryAfter().compareTo(left) > 0) {
                return new Next(null, null,
                        errors.budgetExceeded(f, state.attempts, f.retryAfter(), left, policy.maxTotalWait()));
            }
            delay = f.retryAfter();
        } else {
            delay = policy.backoff(state.attempts);
            if (delay.compareTo(left) > 0) {
                if (left.isZero() || left.isNegative()) {
                    return new Next(null, null, errors.toException(f, state.attempts));
                }
                delay = left;
            }
        }
        RetryListener.Notice notice = new RetryListener.Notice(state.attempts + 1, policy.maxAttempts(), delay,
                f.kind(), f.httpStatus(), errors.reason(f));
        return new Next(delay, notice, null);
    }
}
