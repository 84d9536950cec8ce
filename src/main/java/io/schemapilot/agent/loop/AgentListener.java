package io.schemapilot.agent.loop;

/** Receives the events of an agent run as they happen (on the thread that runs the loop). */
@FunctionalInterface
public interface AgentListener {
    void onEvent(AgentEvent event);

    static AgentListener none() {
        return e -> { };
    }

    /** Both listeners, this one first. */
    default AgentListener andThen(AgentListener next) {
        return e -> {
            onEvent(e);
            next.onEvent(e);
        };
    }
}
