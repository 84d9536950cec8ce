package io.schemapilot.agent.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Set;

/**
 * A provider's {@link ChatModel} with schemapilot's retries ({@link RetryPolicy}, {@code Retry-After} honoured).
 * Every failure leaves as a {@link ModelException}; interrupting the calling thread cancels the call (kind
 * {@code CANCELLED}, the interrupt flag stays set).
 */
public final class RetryingChatModel extends RetryingModel<ChatModel> implements ChatModel {

    RetryingChatModel(ChatModel delegate, ModelSpec spec, Retrier retrier, RetryListener listener) {
        super(delegate, spec, retrier, listener);
    }

    /** This model reporting retries to {@code l} instead. */
    public RetryingChatModel withRetryListener(RetryListener l) {
        return new RetryingChatModel(delegate, spec, retrier, l);
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return chat(request, listener);
    }

    /** One call, retries reported to {@code retries}. */
    public ChatResponse chat(ChatRequest request, RetryListener retries) {
        return retrier.call(() -> delegate.chat(request), orNone(retries));
    }

    @Override
    public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
        return retrier.call(() -> delegate.chat(request, options), listener);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return retrier.call(() -> delegate.doChat(request), listener);
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return delegate.listeners();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
