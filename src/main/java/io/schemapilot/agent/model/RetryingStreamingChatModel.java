package io.schemapilot.agent.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A provider's {@link StreamingChatModel} with schemapilot's retries. A call is retried only while nothing has been
 * streamed yet (no text, thinking or tool-call fragment); once the first piece reached the handler, a failure is
 * final. The wait before a retry runs on a daemon thread, so {@code chat} returns at once as streaming calls do.
 * Every failure reaches the handler as a {@link ModelException}.
 */
public final class RetryingStreamingChatModel extends RetryingModel<StreamingChatModel> implements StreamingChatModel {

    RetryingStreamingChatModel(StreamingChatModel delegate, ModelSpec spec, Retrier retrier, RetryListener listener) {
        super(delegate, spec, retrier, listener);
    }

    /** This model reporting retries to {@code l} instead. */
    public RetryingStreamingChatModel withRetryListener(RetryListener l) {
        return new RetryingStreamingChatModel(delegate, spec, retrier, l);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        start(request, handler, listener);
    }

    @Override
    public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
        Call call = new Call(handler, listener, (h) -> delegate.chat(request, options, h));
        call.attempt();
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Call call = new Call(handler, listener, (h) -> delegate.doChat(request, h));
        call.attempt();
    }

    /** Starts one streaming call, retries reported to {@code retries}; the result can cancel it. */
    public StreamingCall start(ChatRequest request, StreamingChatResponseHandler handler, RetryListener retries) {
        Call call = new Call(handler, orNone(retries), (h) -> delegate.chat(request, h));
        call.attempt();
        return call;
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

    private interface Sender {
        void send(StreamingChatResponseHandler handler);
    }

    private final class Call implements StreamingCall {
        private final StreamingChatResponseHandler handler;
        private final RetryListener retries;
        private final Sender sender;
        private final Retrier.State state = new Retrier.State();
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean cancelled;
        private volatile StreamingHandle streamingHandle;
        private volatile Thread waiter;

        Call(StreamingChatResponseHandler handler, RetryListener retries, Sender sender) {
            this.handler = handler;
            this.retries = retries;
            this.sender = sender;
        }

        void attempt() {
            if (cancelled) {
                return;
            }
            state.attempts++;
            Attempt a = new Attempt(this);
            try {
                sender.send(a);
            } catch (RuntimeException e) {
                a.onError(e);
            }
        }

        void failed(Throwable t, boolean started) {
            if (done.get()) {
                return;
            }
            if (started) {
                ModelErrors.Failure f = retrier.errors().classify(t);
                finish(f == null ? t : retrier.errors().toException(f, state.attempts));
                return;
            }
            Retrier.Next next = retrier.next(t, state);
            if (!next.retry()) {
                finish(next.error());
                return;
            }
            try {
                retries.onRetry(next.notice());
            } catch (RuntimeException ignored) {
                // a listener's failure must not lose the call
            }
            Thread t2 = new Thread(() -> {
                try {
                    retrier.sleep(next.delay(), state);
                } catch (ModelException cancelledWhileWaiting) {
                    finish(cancelledWhileWaiting);
                    return;
                } finally {
                    waiter = null;
                }
                if (cancelled) {
                    finish(retrier.cancelled(state.attempts));
                } else {
                    attempt();
                }
            }, "schemapilot-model-retry");
            t2.setDaemon(true);
            waiter = t2;
            t2.start();
        }

        void finish(Throwable error) {
            if (done.compareAndSet(false, true)) {
                handler.onError(error);
            }
        }

        void complete(ChatResponse response) {
            if (done.compareAndSet(false, true)) {
                handler.onCompleteResponse(response);
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
            // the handler hears "cancelled" first: closing the stream below may make the client report an error
            finish(retrier.cancelled(state.attempts));
            StreamingHandle h = streamingHandle;
            if (h != null) {
                try {
                    h.cancel();
                } catch (RuntimeException ignored) {
                    // already closed
                }
            }
            Thread w = waiter;
            if (w != null) {
                w.interrupt();
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done.get();
        }
    }

    /** Forwards one attempt's callbacks, noting whether anything was streamed. */
    private static final class Attempt implements StreamingChatResponseHandler {
        private final Call call;
        private final AtomicBoolean started = new AtomicBoolean();

        Attempt(Call call) {
            this.call = call;
        }

        private boolean live() {
            return !call.done.get();
        }

        private void started(StreamingHandle h) {
            started.set(true);
            if (h != null) {
                call.streamingHandle = h;
            }
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            if (live()) {
                started(null);
                call.handler.onPartialResponse(partialResponse);
            }
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            if (live()) {
                started(context == null ? null : context.streamingHandle());
                call.handler.onPartialResponse(partialResponse, context);
            }
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            if (live()) {
                started(null);
                call.handler.onPartialThinking(partialThinking);
            }
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            if (live()) {
                started(context == null ? null : context.streamingHandle());
                call.handler.onPartialThinking(partialThinking, context);
            }
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            if (live()) {
                started(null);
                call.handler.onPartialToolCall(partialToolCall);
            }
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            if (live()) {
                started(context == null ? null : context.streamingHandle());
                call.handler.onPartialToolCall(partialToolCall, context);
            }
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            if (live()) {
                started(null);
                call.handler.onCompleteToolCall(completeToolCall);
            }
        }

        @Override
        public void onUnmappedRawEvent(Object event) {
            if (live()) {
                call.handler.onUnmappedRawEvent(event);
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            call.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            call.failed(error, started.get());
        }
    }
}
