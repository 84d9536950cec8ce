package io.schemapilot.agent.loop;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * One model call as the loop needs it: blocking or streaming (a streaming caller emits
 * {@link AgentEvent.AssistantDelta}s as the text arrives), with the caller's own retries (emitting
 * {@link AgentEvent.Retry}) and cancellation.
 */
public interface ModelCaller {

    /** @throws ModelCallException when the call failed for good (after retries) or was cancelled */
    ChatResponse call(ChatRequest request, AgentListener events, CancelToken cancel) throws ModelCallException;

    /** {@code offline} or {@code provider:model}. */
    String label();

    /** The cost in USD of the given tokens when the model's price is known, else null. */
    default Double cost(long inputTokens, long outputTokens) {
        return null;
    }
}
