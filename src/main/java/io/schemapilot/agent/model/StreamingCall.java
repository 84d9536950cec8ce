package io.schemapilot.agent.model;

/**
 * A streaming model call in progress, from {@link RetryingStreamingChatModel#start}. {@link #cancel()} stops it
 * whether it is streaming or waiting to retry: the handler then gets {@code onError} with a {@link ModelException}
 * of kind {@code CANCELLED} (once), and nothing after it.
 */
public interface StreamingCall {

    void cancel();

    boolean isCancelled();

    /** Whether the handler has been told the outcome (complete, error or cancelled). */
    boolean isDone();
}
