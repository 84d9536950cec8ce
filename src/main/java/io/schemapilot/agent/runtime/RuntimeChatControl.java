package io.schemapilot.agent.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemapilot.agent.chat.ChatControl;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.model.ModelChoice;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.transcript.Redactor;
import io.schemapilot.agent.transcript.SessionHeader;
import io.schemapilot.agent.transcript.TranscriptMarkdown;
import io.schemapilot.agent.transcript.TranscriptWriter;
import io.schemapilot.apply.ConfirmationGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The chat screen's back end over an {@link AgentRuntime}: personas, tools, models, plans, transcripts. */
public final class RuntimeChatControl implements ChatControl {

    private final AgentRuntime runtime;
    private final AgentSession session;
    private final TranscriptWriter transcript;
    private final Redactor redactor;
    private final List<AgentEvent> events = new ArrayList<>();
    private final AgentListener recorder;
    private final Path history;
    private final String version;
    private ModelChoice model;
    private JsonNode lastPlan;

    /** @param transcript the session's transcript, or null when off */
    public RuntimeChatControl(AgentRuntime runtime, AgentSession session, TranscriptWriter transcript,
                              Redactor redactor, Path historyFile, String version) {
        this.runtime = runtime;
        this.session = session;
        this.transcript = transcript;
        this.redactor = redactor;
        this.history = historyFile;
        this.version = version;
        this.model = runtime.sessionModel();
        AgentListener keep = e -> {
            if (!(e instanceof AgentEvent.AssistantDelta)) {
                synchronized (events) {
                    events.add(e);
                }
            }
            if (e instanceof AgentEvent.PlanSubmitted p) {
                lastPlan = p.plan();
            }
        };
        this.recorder = transcript == null ? keep : keep.andThen(transcript);
    }

    @Override
    public AgentSession session() {
        return session;
    }

    @Override
    public AgentListener recorder() {
        return recorder;
    }

    @Override
    public void prompter(ConfirmationGate.Prompter prompter) {
        runtime.prompter(prompter);
    }

    @Override
    public List<String> personaNames() {
        return runtime.personaNames();
    }

    @Override
    public List<String> personaLines() {
        List<String> lines = new ArrayList<>();
        for (Persona p : runtime.personas().personas()) {
            String mark = p.name().equals(session.persona().name()) ? "* " : "  ";
            lines.add(mark + p.name() + (p.model() == null ? "" : " [" + p.model() + "]") + " — " + p.summary());
        }
        return lines;
    }

    @Override
    public String switchPersona(String name) {
        Persona p = runtime.persona(name);
        session.switchPersona(p, runtime.systemPrompt(p), runtime.tools(p));
        session.switchModel(runtime.modelFor(p, model));
        session.maxTurns(runtime.maxTurns(p));
        return "persona: " + p.name() + " (model " + session.model().label() + ")";
    }

    @Override
    public List<String> toolLines() {
        List<String> lines = new ArrayList<>();
        Persona p = session.persona();
        for (AgentTool t : runtime.toolRegistry().tools()) {
            if (p.allowsTool(t.name())) {
                String d = t.description().replaceAll("\\s+", " ");
                lines.add(t.name() + " (" + t.effect().label() + ") — " + (d.length() > 100 ? d.substring(0, 99) + "…" : d));
            }
        }
        return lines;
    }

    @Override
    public String modelLabel() {
        return session.model().label();
    }

    @Override
    public List<String> modelSuggestions() {
        List<String> out = new ArrayList<>();
        out.add("offline");
        out.addAll(runtime.modelSettings().aliases().keySet());
        return out;
    }

    @Override
    public String switchModel(String spec) {
        ModelChoice choice = new ModelChoice(runtime.modelSettings().parseModel(spec), "/model", null);
        session.switchModel(runtime.caller(choice, session.persona()));
        model = choice;
        return "model: " + session.model().label();
    }

    @Override
    public JsonNode lastPlan() {
        return lastPlan;
    }

    @Override
    public String renderPlan(JsonNode plan, boolean markdown) {
        return markdown ? PlanViews.markdown(plan) : PlanViews.text(plan);
    }

    @Override
    public Path save(Path file) {
        Path target = file != null ? file : runtime.options().projectRoot().resolve(".schemapilot/chat-"
                + (transcript == null ? Instant.now().toEpochMilli() : transcript.sessionId()) + ".md");
        List<AgentEvent> copy;
        synchronized (events) {
            copy = List.copyOf(events);
        }
        SessionHeader header = new SessionHeader(transcript == null ? "unsaved" : transcript.sessionId(),
                session.persona().name(), session.model().label(), Instant.now(), version,
                runtime.options().projectRoot().toString());
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, TranscriptMarkdown.render(header, copy, redactor), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    @Override
    public Path transcriptPath() {
        return transcript == null ? null : transcript.file();
    }

    @Override
    public Path historyFile() {
        return history;
    }
}
