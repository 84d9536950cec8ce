package io.schemapilot.agent.model;

/**
 * What {@link RetryingChatModel} and {@link RetryingStreamingChatModel} share: the provider's LangChain4j model they
 * wrap, the model it talks to, the retry rules, and whom retries are reported to when a call names no one.
 *
 * @param <M> the wrapped model: {@code ChatModel} or {@code StreamingChatModel}
 */
abstract class RetryingModel<M> {

    final M delegate;
    final ModelSpec spec;
    final Retrier retrier;
    final RetryListener listener;

    RetryingModel(M delegate, ModelSpec spec, Retrier retrier, RetryListener listener) {
        this.delegate = delegate;
        this.spec = spec;
        this.retrier = retrier;
        this.listener = orNone(listener);
    }

    /** The model this talks to. */
    public ModelSpec spec() {
        return spec;
    }

    /** The LangChain4j model underneath (no retries of its own). */
    public M delegate() {
        return delegate;
    }

    /** The retry policy in force. */
    public RetryPolicy retryPolicy() {
        return retrier.policy();
    }

    /** {@code l}, or a listener that ignores retries when {@code l} is null. */
    static RetryListener orNone(RetryListener l) {
        return l == null ? RetryListener.none() : l;
    }
}
