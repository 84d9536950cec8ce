package io.schemapilot.agent.loop;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/** A model called as it is, without retries or streaming: the offline model, and scripted models in tests. */
public final class DirectModelCaller implements ModelCaller {
    private final ChatModel model;
    private final String label;

    public DirectModelCaller(ChatModel model, String label) {
        this.model = model;
        this.label = label;
    }

    @Override
    public ChatResponse call(ChatRequest request, AgentListener events, CancelToken cancel) throws ModelCallException {
        if (cancel.isCancelled()) {
            throw new ModelCallException("cancelled", "cancelled by the user", 130, null);
        }
        try {
            return model.chat(request);
        } catch (RuntimeException e) {
            throw new ModelCallException("internal", label + " failed: " + e.getMessage(), 4, e);
        }
    }

    @Override
    public String label() {
        return label;
    }
}
