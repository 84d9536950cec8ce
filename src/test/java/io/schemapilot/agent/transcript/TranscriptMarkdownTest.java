package io.schemapilot.agent.transcript;

import io.schemapilot.testing.FakeSecrets;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.agent.loop.AgentEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptMarkdownTest {

    @TempDir
    Path project;

    @Test
    void renders_a_saved_session_in_order() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Path file;
        try (TranscriptWriter w = TranscriptWriter.start(project, "migration-planner", "offline", "0.1.0", project,
                Redactor.standard(), Clock.fixed(Instant.parse("2026-11-21T19:05:01Z"), ZoneOffset.UTC),
                new Random(5))) {
            w.onEvent(new AgentEvent.User("Plan the change in V7__orders.sql"));
            w.onEvent(new AgentEvent.Assistant("Looking at the file."));
            w.onEvent(new AgentEvent.ToolCall("c1", "read_file", "{\"path\":\"V7__orders.sql\"}"));
            w.onEvent(new AgentEvent.ToolResult("c1", "read_file", true, "ALTER TABLE orders ... ```fenced```", null));
            w.onEvent(new AgentEvent.Confirmation("instant_cli_push_schema", "push schema", "app-123", "destructive",
                    false, "no --confirm"));
            w.onEvent(new AgentEvent.Retry(1, Duration.ofMillis(1500), "429"));
            w.onEvent(new AgentEvent.Error("provider", "boom\nsecond line"));
            w.onEvent(new AgentEvent.PlanSubmitted(json.readTree("{\"title\":\"t\"}")));
            w.onEvent(new AgentEvent.Usage(10, 5, 100, 50, 0.5));
            file = w.file();
        }
        String md = TranscriptMarkdown.render(TranscriptReader.read(file));
        assertTrue(md.startsWith("# schemapilot session 20261121-190501-"), md);
        assertTrue(md.contains("| persona | migration-planner |"), md);
        int user = md.indexOf("## User\n\nPlan the change");
        int assistant = md.indexOf("## Assistant\n\nLooking at the file.");
        int call = md.indexOf("**Tool call** `read_file` (c1)");
        int result = md.indexOf("**Result of** `read_file`");
        int plan = md.indexOf("## Plan submitted");
        assertTrue(user >= 0 && user < assistant && assistant < call && call < result && result < plan, md);
        assertTrue(md.contains("\"path\" : \"V7__orders.sql\""), "arguments pretty-printed: " + md);
        assertTrue(md.contains("````\nALTER TABLE orders ... ```fenced```\n````"), "fence longer than the content's: " + md);
        assertTrue(md.contains("> **Confirmation**: instant_cli_push_schema push schema on `app-123` (destructive):"
                + " refused (no --confirm)"), md);
        assertTrue(md.contains("> Retry 1 after 1.5 s: 429"), md);
        assertTrue(md.contains("> **Error** (provider): boom second line"), md);
        assertTrue(md.contains("Tokens: 100 in, 50 out, cost $0.5000"), md);
    }

    @Test
    void long_results_are_cut_and_live_events_are_redacted() {
        String big = "x".repeat(TranscriptMarkdown.MAX_RESULT_CHARS + 10);
        String md = TranscriptMarkdown.render(new SessionHeader("id1", null, null, null, "0.1.0", null), List.of(
                new AgentEvent.User("key " + FakeSecrets.anthropicKey()),
                new AgentEvent.ToolResult("c", "run_query", true, big, null)), Redactor.standard());
        assertFalse(md.contains(FakeSecrets.BODY), md);
        assertTrue(md.contains("... (10 more characters in the transcript)"), md);
        assertFalse(md.contains("| persona |"), "absent fields are left out");
    }
}
