package io.schemapilot.agent.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.message.AiMessage;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.RunResult;
import io.schemapilot.agent.transcript.TranscriptReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recorded sessions in {@code transcripts/} replayed through the loop: the recorded assistant messages drive the
 * real tools (embedded PostgreSQL), and every tool must answer as it did when the session was recorded — same tools,
 * same success or refusal — ending with the same plan risk. A change in a tool, the gate or the read-only guard that
 * alters what an agent sees shows up here.
 */
class TranscriptReplayTest {

    @TempDir
    Path tmp;

    static Stream<Path> transcripts() throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(ReplayHarness.REPO.resolve("transcripts"))) {
            s.filter(p -> p.toString().endsWith(".jsonl")).sorted().forEach(files::add);
        }
        return files.stream();
    }

    @Test
    void theRepositoryHoldsRecordedSessions() throws Exception {
        assertTrue(transcripts().count() >= 2, "transcripts/ should hold at least two recorded sessions");
    }

    @ParameterizedTest
    @MethodSource("transcripts")
    void replaysAsRecorded(Path file) throws Exception {
        TranscriptReader.Session recorded = TranscriptReader.read(file);
        List<AgentEvent> events = recorded.events();
        String request = null;
        List<String> recordedCalls = new ArrayList<>();
        String recordedRisk = null;
        for (AgentEvent e : events) {
            if (e instanceof AgentEvent.User u && request == null) {
                request = u.text();
            } else if (e instanceof AgentEvent.ToolResult r) {
                recordedCalls.add(r.name() + "=" + r.ok());
            } else if (e instanceof AgentEvent.PlanSubmitted p) {
                recordedRisk = p.plan().path("risk").path("overall").asText();
            }
        }
        assertNotNull(request, file + " has no user message");
        List<AiMessage> answers = ReplayHarness.assistantMessages(TranscriptReader.conversation(events));
        assertFalse(answers.isEmpty(), file + " has no assistant message");

        Path project = ReplayHarness.exampleProject(tmp.resolve("project"));
        List<String> replayed = new ArrayList<>();
        RunResult result = ReplayHarness.run(project, recorded.header().persona(), ReplayHarness.replaying(answers),
                request, e -> {
                    if (e instanceof AgentEvent.ToolResult r) {
                        replayed.add(r.name() + "=" + r.ok());
                    }
                });
        assertEquals(recordedCalls, replayed, "tool calls and outcomes of " + file.getFileName());
        if (recordedRisk != null) {
            assertTrue(result.ok(), result.answer());
            assertNotNull(result.plan(), "the replay submitted no plan");
            assertEquals(recordedRisk, result.plan().path("risk").path("overall").asText());
        }
    }

    /** The scripted LLM session still does what its recording says (guards the fixture itself). */
    @Test
    void scriptedSessionRefusesTheWriteAndTheUnknownTool() throws Exception {
        Path project = ReplayHarness.exampleProject(tmp.resolve("p2"));
        List<AgentEvent.ToolResult> results = new ArrayList<>();
        RunResult r = ReplayHarness.run(project, "zero-downtime-specialist",
                ReplayHarness.replaying(RecordTranscripts.llmSession()), RecordTranscripts.LLM_REQUEST, e -> {
                    if (e instanceof AgentEvent.ToolResult t) {
                        results.add(t);
                    }
                });
        assertTrue(r.ok(), r.answer());
        AgentEvent.ToolResult write = results.get(1);
        assertEquals("run_query", write.name());
        assertFalse(write.ok());
        assertTrue(write.text().toLowerCase().contains("update"), write.text());
        AgentEvent.ToolResult unknown = results.get(3);
        assertFalse(unknown.ok());
        assertTrue(unknown.text().contains("unknown tool"), unknown.text());
        assertNotNull(r.plan());
    }
}
