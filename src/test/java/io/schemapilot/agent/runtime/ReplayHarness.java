package io.schemapilot.agent.runtime;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.AgentLoop;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.loop.CancelToken;
import io.schemapilot.agent.loop.DirectModelCaller;
import io.schemapilot.agent.loop.RunResult;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.catalog.CatalogTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an agent session against the real runtime (real tools, embedded PostgreSQL) with a model that answers from a
 * list of assistant messages — recorded ones when replaying a transcript of {@code transcripts/}, scripted ones when
 * recording a new fixture.
 */
final class ReplayHarness {

    /** The repository's root (the tests run there). */
    static final Path REPO = Path.of("").toAbsolutePath();

    private ReplayHarness() {
    }

    /** A project folder with the example schema and migrations, as the recorded sessions expect. */
    static Path exampleProject(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("examples/migrations"));
        Files.copy(REPO.resolve("examples/schema.sql"), dir.resolve("examples/schema.sql"));
        try (var files = Files.list(REPO.resolve("examples/migrations"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve("examples/migrations").resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** A model that answers the n-th request with the n-th message (and repeats the last one after that). */
    static ChatModel replaying(List<AiMessage> answers) {
        AtomicInteger n = new AtomicInteger();
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                int i = Math.min(n.getAndIncrement(), answers.size() - 1);
                AiMessage ai = answers.get(i);
                return ChatResponse.builder().aiMessage(ai).tokenUsage(new TokenUsage(0, 0))
                        .finishReason(ai.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
                        .build();
            }
        };
    }

    /** The assistant messages of a conversation, in order. */
    static List<AiMessage> assistantMessages(List<ChatMessage> conversation) {
        List<AiMessage> out = new ArrayList<>();
        for (ChatMessage m : conversation) {
            if (m instanceof AiMessage ai) {
                out.add(ai);
            }
        }
        return out;
    }

    /** Runs {@code userText} through persona {@code personaName} of the repo's prompts/ with {@code model}. */
    static RunResult run(Path project, String personaName, ChatModel model, String userText, AgentListener events) {
        AgentRuntime runtime = new AgentRuntime(new AgentRuntime.Options(project,
                Map.of("SCHEMAPILOT_HOME", REPO.toString(), "HOME", project.resolve("home").toString()), personaName,
                List.of(), null, CatalogTarget.Source.none(), AgentRuntime.Approve.READ_ONLY, Set.of(), false, 40,
                false));
        Persona p = runtime.persona(personaName);
        AgentSession session = new AgentSession(p, runtime.systemPrompt(p), new DirectModelCaller(model, "replay"),
                runtime.tools(p), 40);
        return session.send(userText, events, new CancelToken());
    }

    static String submitPlan() {
        return AgentLoop.SUBMIT_PLAN;
    }
}
