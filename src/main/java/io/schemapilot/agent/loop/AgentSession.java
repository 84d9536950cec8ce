package io.schemapilot.agent.loop;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import io.schemapilot.agent.persona.Persona;
import java.util.ArrayList;
import java.util.List;

/**
 * A conversation with one agent: the system message (from the persona), the messages so far, the model and the
 * tools. {@code chat} sends many messages through one session; {@code ask} sends one. Not thread-safe: one run at
 * a time.
 */
public final class AgentSession {

    private final List<ChatMessage> conversation = new ArrayList<>();
    private Persona persona;
    private ModelCaller model;
    private AgentTools tools;
    private int maxTurns;

    public AgentSession(Persona persona, String systemPrompt, ModelCaller model, AgentTools tools, int maxTurns) {
        this.persona = persona;
        this.model = model;
        this.tools = tools;
        this.maxTurns = maxTurns;
        conversation.add(SystemMessage.from(systemPrompt));
    }

    public RunResult send(String userText, AgentListener events, CancelToken cancel) {
        return new AgentLoop(model, tools, maxTurns).run(conversation, userText, events, cancel);
    }

    /** Continues an earlier conversation: its messages (without a system message) follow ours. */
    public void resume(List<ChatMessage> earlier) {
        for (ChatMessage m : earlier) {
            if (!(m instanceof SystemMessage)) {
                conversation.add(m);
            }
        }
    }

    /** Another persona from the next message on: its system prompt and tools; the conversation is kept. */
    public void switchPersona(Persona next, String systemPrompt, AgentTools nextTools) {
        this.persona = next;
        this.tools = nextTools;
        conversation.set(0, SystemMessage.from(systemPrompt));
    }

    public void switchModel(ModelCaller next) {
        this.model = next;
    }

    public void maxTurns(int turns) {
        this.maxTurns = turns;
    }

    public Persona persona() {
        return persona;
    }

    public ModelCaller model() {
        return model;
    }

    public AgentTools tools() {
        return tools;
    }

    /** The messages so far, system message first (a copy). */
    public List<ChatMessage> conversation() {
        return List.copyOf(conversation);
    }

    /** Forgets the messages after the system message. */
    public void clear() {
        ChatMessage system = conversation.get(0);
        conversation.clear();
        conversation.add(system);
    }
}
