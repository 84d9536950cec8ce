package io.schemapilot.agent.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.loop.AgentTools;
import io.schemapilot.agent.loop.DirectModelCaller;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.apply.ConfirmationGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The chat's back end for tests: a REAL {@link AgentSession} over a scripted {@link ChatModel} and small tools
 * (one of which asks the confirmation gate built with the prompter the REPL registered), with simple answers for
 * the slash commands.
 */
final class TestChatControl implements ChatControl {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final ScriptedModel model = new ScriptedModel();
    final TestTools tools = new TestTools();
    final List<Persona> personas = List.of(persona("default", "answers questions about migrations"),
            persona("planner", "plans migrations with a risk matrix"));
    final AgentSession session;
    final List<AgentEvent> events = Collections.synchronizedList(new ArrayList<>());
    volatile ConfirmationGate.Prompter prompter;
    volatile JsonNode lastPlan;
    String modelLabel = "scripted";

    TestChatControl(Path dir) {
        this.dir = dir;
        this.session = new AgentSession(personas.get(0), "system", new DirectModelCaller(model, "scripted"), tools, 10);
    }

    static Persona persona(String name, String description) {
        return new Persona(name, name, description, null, null, null, List.of(), List.of(), null, List.of(),
                List.of(), "You are " + name + ".", null);
    }

    /** What the gate decides with: the prompter the REPL registered (none: denied). */
    ConfirmationGate gate() {
        ConfirmationGate.Prompter p = prompter;
        return new ConfirmationGate(Set.of(), false, p);
    }

    /** The user messages the model was sent, in order. */
    List<String> userMessages() {
        List<String> out = new ArrayList<>();
        for (AgentEvent e : List.copyOf(events)) {
            if (e instanceof AgentEvent.User u) {
                out.add(u.text());
            }
        }
        return out;
    }

    @Override
    public AgentSession session() {
        return session;
    }

    @Override
    public AgentListener recorder() {
        return e -> {
            events.add(e);
            if (e instanceof AgentEvent.PlanSubmitted p) {
                lastPlan = p.plan();
            }
        };
    }

    @Override
    public void prompter(ConfirmationGate.Prompter prompter) {
        this.prompter = prompter;
    }

    @Override
    public List<String> personaNames() {
        return personas.stream().map(Persona::name).toList();
    }

    @Override
    public List<String> personaLines() {
        return personas.stream().map(p -> p.name() + "  —  " + p.summary()).toList();
    }

    @Override
    public String switchPersona(String name) {
        for (Persona p : personas) {
            if (p.name().equals(name)) {
                session.switchPersona(p, "You are " + name + ".", tools);
                return "persona: " + name;
            }
        }
        throw new IllegalArgumentException("unknown persona " + name + " (known: " + personaNames() + ")");
    }

    @Override
    public List<String> toolLines() {
        return List.of("check_migration  read  checks a migration", "drop_table  destructive  drops a table",
                "submit_plan  read  submits the plan");
    }

    @Override
    public String modelLabel() {
        return modelLabel;
    }

    @Override
    public List<String> modelSuggestions() {
        return List.of("offline", "openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5");
    }

    @Override
    public String switchModel(String spec) {
        if (!spec.contains(":") && !spec.equals("offline")) {
            throw new IllegalArgumentException("unknown model " + spec + ": use provider:name");
        }
        session.switchModel(new DirectModelCaller(model, spec));
        modelLabel = spec;
        return "model: " + spec;
    }

    @Override
    public JsonNode lastPlan() {
        return lastPlan;
    }

    @Override
    public String renderPlan(JsonNode plan, boolean markdown) {
        return markdown ? "# Migration plan\n\n- risk: " + plan.path("risk").asText()
                : "PLAN risk=" + plan.path("risk").asText() + "\nsteps: " + plan.path("steps").size();
    }

    @Override
    public Path save(Path file) {
        Path out = file == null ? dir.resolve("conversation.md") : file;
        StringBuilder md = new StringBuilder("# Conversation\n");
        for (AgentEvent e : List.copyOf(events)) {
            if (e instanceof AgentEvent.User u) {
                md.append("\n**user:** ").append(u.text()).append('\n');
            } else if (e instanceof AgentEvent.Assistant a && !a.text().isBlank()) {
                md.append("\n**assistant:** ").append(a.text()).append('\n');
            }
        }
        try {
            Files.writeString(out, md);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public Path transcriptPath() {
        return dir.resolve("transcript.jsonl");
    }

    @Override
    public Path historyFile() {
        return dir.resolve(".schemapilot").resolve("chat-history");
    }

    /** A ChatModel that answers each request with the next scripted step (it sees the real request). */
    static final class ScriptedModel implements ChatModel {
        final ConcurrentLinkedQueue<Function<ChatRequest, AiMessage>> script = new ConcurrentLinkedQueue<>();
        final List<ChatRequest> requests = Collections.synchronizedList(new ArrayList<>());

        ScriptedModel then(Function<ChatRequest, AiMessage> step) {
            script.add(step);
            return this;
        }

        ScriptedModel answer(String text) {
            return then(r -> AiMessage.from(text));
        }

        ScriptedModel call(String name, String args) {
            return then(r -> AiMessage.from(List.of(ToolExecutionRequest.builder()
                    .id("call_" + requests.size()).name(name).arguments(args).build())));
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            Function<ChatRequest, AiMessage> step = script.poll();
            AiMessage ai = step == null ? AiMessage.from("(the script has ended)") : step.apply(request);
            return ChatResponse.builder().aiMessage(ai).tokenUsage(new TokenUsage(100, 20)).build();
        }

        /** The text of the last user message of a request. */
        static String lastUserText(ChatRequest r) {
            List<ChatMessage> m = r.messages();
            for (int i = m.size() - 1; i >= 0; i--) {
                if (m.get(i) instanceof UserMessage u) {
                    return u.singleText();
                }
            }
            return null;
        }
    }

    /** check_migration (read), drop_table (destructive: asks the gate for target "shop"), submit_plan. */
    final class TestTools implements AgentTools {
        final List<String> called = Collections.synchronizedList(new ArrayList<>());
        final List<String> dropped = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<ToolSpecification> specifications() {
            return List.of(
                    ToolSpecification.builder().name("check_migration").description("checks a migration")
                            .parameters(JsonObjectSchema.builder().addStringProperty("file").build()).build(),
                    ToolSpecification.builder().name("drop_table").description("drops a table")
                            .parameters(JsonObjectSchema.builder().addStringProperty("table").build()).build(),
                    ToolSpecification.builder().name("submit_plan").description("the plan")
                            .parameters(JsonObjectSchema.builder().addStringProperty("risk").build()).build());
        }

        @Override
        public Outcome call(String id, String name, String argumentsJson) {
            called.add(name);
            try {
                switch (name) {
                    case "check_migration":
                        return new Outcome(true, "2 findings: ADD COLUMN ... NOT NULL rewrites orders\nsecond line",
                                null, null);
                    case "drop_table": {
                        String table = JSON.readTree(argumentsJson).path("table").asText();
                        ConfirmationGate.Request req = new ConfirmationGate.Request("DROP TABLE " + table, "shop",
                                ConfirmationGate.Kind.DESTRUCTIVE);
                        ConfirmationGate.Decision d = gate().decide(req);
                        AgentEvent.Confirmation c = new AgentEvent.Confirmation(name, req.action(), req.target(),
                                req.kind().label(), d.approved(), d.how());
                        if (!d.approved()) {
                            return new Outcome(false, "not run: " + d.how(), null, c);
                        }
                        dropped.add(table);
                        return new Outcome(true, "dropped " + table, null, c);
                    }
                    case "submit_plan": {
                        JsonNode node = JSON.readTree(argumentsJson);
                        return node.has("risk") ? new Outcome(true, "plan accepted", node, null)
                                : Outcome.error("invalid plan: risk is missing");
                    }
                    default:
                        return Outcome.error("unknown tool " + name);
                }
            } catch (IOException e) {
                return Outcome.error("bad arguments: " + e.getMessage());
            }
        }
    }
}
