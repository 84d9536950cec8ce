package io.schemapilot.agent.transcript;

import io.schemapilot.testing.FakeSecrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.schemapilot.agent.loop.AgentEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TranscriptTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-21T19:05:01.250Z");

    @TempDir
    Path project;

    private static Clock clock() {
        return Clock.fixed(T0, ZoneOffset.UTC);
    }

    private TranscriptWriter start(Redactor redactor) throws IOException {
        return TranscriptWriter.start(project, "default", "offline", "0.1.0", project, redactor, clock(), new Random(7));
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One event of every type, in the order a run emits them. */
    private static List<AgentEvent> everyEvent() {
        return List.of(
                new AgentEvent.User("Plan adding NOT NULL to orders.status"),
                new AgentEvent.AssistantDelta("I will"),
                new AgentEvent.Assistant("I will inspect the schema first."),
                new AgentEvent.ToolCall("call_1", "inspect_schema", "{\"tables\":[\"orders\"]}"),
                new AgentEvent.ToolCall("call_2", "check_data", "{\"table\":\"orders\",\"column\":\"status\"}"),
                new AgentEvent.ToolResult("call_1", "inspect_schema", true, "orders: 3 columns",
                        json("{\"tables\":[{\"name\":\"orders\",\"rows\":1200}]}")),
                new AgentEvent.ToolResult("call_2", "check_data", false, "status has 12 NULLs", null),
                new AgentEvent.Confirmation("pg_dump_schema", "run", "prod", "write", false, "refused: --yes given"),
                new AgentEvent.Usage(120, 30, 340, 75, 0.0123),
                new AgentEvent.Usage(5, 6, 345, 81, null),
                new AgentEvent.Retry(2, Duration.ofMillis(1500), "429 Too Many Requests"),
                new AgentEvent.Error("tool", "check_data failed: relation \"x\" does not exist"),
                new AgentEvent.PlanSubmitted(json("{\"title\":\"orders.status NOT NULL\",\"steps\":[1,2]}")),
                new AgentEvent.Assistant("Here is the plan."));
    }

    @Test
    void every_event_type_survives_a_round_trip() throws Exception {
        Path file;
        String id;
        try (TranscriptWriter w = start(Redactor.standard())) {
            everyEvent().forEach(w::onEvent);
            file = w.file();
            id = w.sessionId();
            assertTrue(w.failure().isEmpty());
        }
        assertTrue(id.matches("20261121-190501-[a-z0-9]{4}"), id);
        assertEquals(TranscriptWriter.directory(project).resolve(id + ".jsonl"), file);

        List<String> lines = Files.readAllLines(file);
        assertEquals(everyEvent().size(), lines.size(), "a header, and every event but the delta");
        JsonNode header = json(lines.get(0));
        assertEquals("session", header.get("type").asText());
        assertEquals(id, header.get("id").asText());
        assertEquals("default", header.get("persona").asText());
        assertEquals("offline", header.get("model").asText());
        assertEquals("0.1.0", header.get("version").asText());
        assertEquals("2026-11-21T19:05:01.250Z", header.get("started").asText());
        assertEquals(project.toAbsolutePath().normalize().toString(), header.get("cwd").asText());
        for (String l : lines) {
            JsonNode n = json(l);
            assertEquals("ts", n.fieldNames().next(), "ts comes first: " + l);
            assertFalse(n.get("type").asText().equals("assistant_delta"));
        }
        assertEquals("tool_call", json(lines.get(3)).get("type").asText());
        assertEquals(1500, json(lines.get(10)).get("delay_ms").asLong());

        TranscriptReader.Session s = TranscriptReader.read(file);
        assertEquals(id, s.id());
        assertEquals(new SessionHeader(id, "default", "offline", T0, "0.1.0",
                project.toAbsolutePath().normalize().toString()), s.header());
        List<AgentEvent> expected = everyEvent().stream().filter(e -> !(e instanceof AgentEvent.AssistantDelta)).toList();
        assertEquals(expected, s.events());
        assertEquals(T0, s.entries().get(0).ts());
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void the_conversation_is_rebuilt_for_resume() throws Exception {
        Path file;
        try (TranscriptWriter w = start(Redactor.standard())) {
            everyEvent().forEach(w::onEvent);
            w.onEvent(new AgentEvent.User("and the down migration?"));
            file = w.file();
        }
        List<ChatMessage> conv = TranscriptReader.read(file).conversation();
        assertEquals(6, conv.size(), conv.toString());
        assertEquals("Plan adding NOT NULL to orders.status", ((UserMessage) conv.get(0)).singleText());
        AiMessage ai = assertInstanceOf(AiMessage.class, conv.get(1));
        assertEquals("I will inspect the schema first.", ai.text());
        assertEquals(2, ai.toolExecutionRequests().size());
        assertEquals("call_1", ai.toolExecutionRequests().get(0).id());
        assertEquals("inspect_schema", ai.toolExecutionRequests().get(0).name());
        assertEquals("{\"tables\":[\"orders\"]}", ai.toolExecutionRequests().get(0).arguments());
        ToolExecutionResultMessage r1 = assertInstanceOf(ToolExecutionResultMessage.class, conv.get(2));
        assertEquals("call_1", r1.id());
        assertEquals("orders: 3 columns", r1.text());
        ToolExecutionResultMessage r2 = assertInstanceOf(ToolExecutionResultMessage.class, conv.get(3));
        assertEquals("check_data", r2.toolName());
        AiMessage last = assertInstanceOf(AiMessage.class, conv.get(4));
        assertEquals("Here is the plan.", last.text());
        assertFalse(last.hasToolExecutionRequests());
        assertEquals("and the down migration?", ((UserMessage) conv.get(5)).singleText());
    }

    @Test
    void interleaved_calls_and_results_make_one_ai_message_and_calls_without_text_have_none() {
        List<ChatMessage> conv = TranscriptReader.conversation(List.of(
                new AgentEvent.User("go"),
                new AgentEvent.Assistant(""),
                new AgentEvent.ToolCall("a", "detect_project", "{}"),
                new AgentEvent.ToolResult("a", "detect_project", true, "prisma", null),
                new AgentEvent.ToolCall("b", "git_diff", "{}"),
                new AgentEvent.ToolResult("b", "git_diff", true, "diff", null),
                new AgentEvent.Usage(1, 1, 1, 1, null),
                new AgentEvent.Assistant("done")));
        assertEquals(5, conv.size(), conv.toString());
        AiMessage ai = (AiMessage) conv.get(1);
        assertNull(ai.text());
        assertEquals(List.of("a", "b"), ai.toolExecutionRequests().stream().map(t -> t.id()).toList());
        assertEquals("a", ((ToolExecutionResultMessage) conv.get(2)).id());
        assertEquals("b", ((ToolExecutionResultMessage) conv.get(3)).id());
        assertEquals("done", ((AiMessage) conv.get(4)).text());
    }

    @Test
    void secrets_never_reach_the_file() throws Exception {
        String apiKey = FakeSecrets.openAiKey("ant-api03");
        String dbPassword = "Tr0ub4dor&3";
        String bearer = FakeSecrets.jwt();
        String envSecret = "instant-admin-0f1e2d3c";
        Redactor redactor = Redactor.fromEnvironment(Map.of("INSTANT_APP_ADMIN_TOKEN", envSecret, "PATH", "/usr/bin"));
        Path file;
        try (TranscriptWriter w = TranscriptWriter.start(project, "default", "anthropic:claude-sonnet-4-5", "0.1.0",
                project, redactor, clock(), new Random(1))) {
            w.onEvent(new AgentEvent.User("use my key " + apiKey + " please"));
            w.onEvent(new AgentEvent.Assistant("Calling with token " + envSecret));
            w.onEvent(new AgentEvent.ToolCall("c1", "psql_query",
                    "{\"sql\":\"select 1\",\"conn\":\"host=db password=" + dbPassword + "\"}"));
            w.onEvent(new AgentEvent.ToolResult("c1", "psql_query", false,
                    "could not connect to postgres://app:" + dbPassword + "@db.internal:5432/prod",
                    json("{\"url\":\"postgresql://app:" + dbPassword + "@db/prod\",\"password\":\"" + dbPassword + "\"}")));
            w.onEvent(new AgentEvent.Retry(1, Duration.ofSeconds(2), "401 with header Authorization: Bearer " + bearer));
            w.onEvent(new AgentEvent.Error("auth", "request had x-api-key: " + apiKey));
            w.onEvent(new AgentEvent.PlanSubmitted(json("{\"notes\":\"DATABASE_URL=postgres://u:" + dbPassword
                    + "@h/db\"}")));
            file = w.file();
        }
        String written = Files.readString(file, StandardCharsets.UTF_8);
        for (String secret : List.of(apiKey, FakeSecrets.BODY, dbPassword, "Tr0ub4dor", bearer, envSecret)) {
            assertFalse(written.contains(secret), () -> "'" + secret + "' reached the transcript:\n" + written);
        }
        assertTrue(written.contains("db.internal:5432/prod"), "the rest of the text stays");
        TranscriptReader.Session s = TranscriptReader.read(file);
        assertEquals(7, s.events().size());
        JsonNode args = json(((AgentEvent.ToolCall) s.events().get(2)).arguments());
        assertEquals("select 1", args.get("sql").asText(), "the arguments are still JSON");
    }

    @Test
    void a_partial_last_line_is_ignored_with_a_warning() throws Exception {
        Path file;
        try (TranscriptWriter w = start(Redactor.standard())) {
            w.onEvent(new AgentEvent.User("one"));
            w.onEvent(new AgentEvent.Assistant("two"));
            file = w.file();
        }
        Files.writeString(file, "{\"ts\":\"2026-11-21T19:05:02Z\",\"type\":\"tool_ca", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        TranscriptReader.Session s = TranscriptReader.read(file);
        assertEquals(List.of(new AgentEvent.User("one"), new AgentEvent.Assistant("two")), s.events());
        assertEquals(1, s.warnings().size());
        assertTrue(s.warnings().get(0).contains("line 4 is incomplete"), s.warnings().toString());

        // resuming cuts the partial line and goes on in the same file
        try (TranscriptWriter w = TranscriptWriter.resume(file, "default", "offline", "0.1.0", Redactor.standard(),
                clock())) {
            assertEquals(s.id(), w.sessionId());
            w.onEvent(new AgentEvent.User("three"));
        }
        TranscriptReader.Session again = TranscriptReader.read(file);
        assertTrue(again.warnings().isEmpty(), again.warnings().toString());
        assertEquals(3, again.events().size());
        assertEquals(new AgentEvent.User("three"), again.events().get(2));
    }

    @Test
    void a_complete_last_line_without_newline_is_kept() throws Exception {
        Path file;
        try (TranscriptWriter w = start(Redactor.standard())) {
            w.onEvent(new AgentEvent.User("one"));
            file = w.file();
        }
        Files.writeString(file, "{\"type\":\"assistant\",\"text\":\"two\"}", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(2, TranscriptReader.read(file).events().size());
        TranscriptWriter.cutPartialLastLine(file);
        assertTrue(Files.readString(file).endsWith("\"two\"}\n"));
        assertEquals(2, TranscriptReader.read(file).events().size());
    }

    @Test
    void damaged_files_give_clear_errors() throws Exception {
        Path dir = Files.createDirectories(TranscriptWriter.directory(project));
        Path middle = dir.resolve("20260101-000000-aaaa.jsonl");
        Files.writeString(middle, "{\"type\":\"session\",\"id\":\"x\"}\n{not json\n{\"type\":\"user\",\"text\":\"a\"}\n");
        TranscriptException e = assertThrows(TranscriptException.class, () -> TranscriptReader.read(middle));
        assertTrue(e.getMessage().contains(":2: damaged line"), e.getMessage());

        Path noHeader = dir.resolve("20260101-000000-bbbb.jsonl");
        Files.writeString(noHeader, "{\"type\":\"user\",\"text\":\"a\"}\n");
        e = assertThrows(TranscriptException.class, () -> TranscriptReader.read(noHeader));
        assertTrue(e.getMessage().contains("not a schemapilot transcript"), e.getMessage());

        Path empty = dir.resolve("20260101-000000-cccc.jsonl");
        Files.writeString(empty, "");
        e = assertThrows(TranscriptException.class, () -> TranscriptReader.read(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());

        Path badField = dir.resolve("20260101-000000-dddd.jsonl");
        Files.writeString(badField, "{\"type\":\"session\",\"id\":\"x\"}\n{\"type\":\"usage\",\"input_tokens\":\"many\"}\n");
        e = assertThrows(TranscriptException.class, () -> TranscriptReader.read(badField));
        assertTrue(e.getMessage().contains(":2: damaged usage line"), e.getMessage());

        Path unknownType = dir.resolve("20260101-000000-eeee.jsonl");
        Files.writeString(unknownType, "{\"type\":\"session\",\"id\":\"x\"}\n{\"type\":\"thinking\",\"text\":\"hm\"}\n");
        TranscriptReader.Session s = TranscriptReader.read(unknownType);
        assertTrue(s.events().isEmpty());
        assertTrue(s.warnings().get(0).contains("unknown type 'thinking'"), s.warnings().toString());
    }

    @Test
    void ids_resolve_by_unique_prefix_or_last() throws Exception {
        TranscriptException none = assertThrows(TranscriptException.class, () -> TranscriptReader.find(project, "last"));
        assertTrue(none.getMessage().contains("no saved sessions"), none.getMessage());

        Path dir = Files.createDirectories(TranscriptWriter.directory(project));
        for (String id : List.of("20261120-080000-aaaa", "20261121-190501-k3f9", "20261121-190501-k3zz",
                "20261121-200000-b1b1")) {
            Files.writeString(dir.resolve(id + ".jsonl"), "{\"type\":\"session\",\"id\":\"" + id + "\"}\n");
        }
        Files.writeString(dir.resolve("notes.txt"), "not a session");
        assertEquals(dir.resolve("20261121-200000-b1b1.jsonl"), TranscriptReader.find(project, "last"));
        assertEquals(dir.resolve("20261121-200000-b1b1.jsonl"), TranscriptReader.find(project, "LATEST"));
        assertEquals(dir.resolve("20261120-080000-aaaa.jsonl"), TranscriptReader.find(project, "20261120"));
        assertEquals(dir.resolve("20261121-190501-k3f9.jsonl"), TranscriptReader.find(project, "20261121-190501-k3f"));
        assertEquals(dir.resolve("20261121-190501-k3f9.jsonl"),
                TranscriptReader.find(project, "20261121-190501-k3f9.jsonl"));
        assertEquals(4, TranscriptReader.list(project).size());

        TranscriptException ambiguous = assertThrows(TranscriptException.class,
                () -> TranscriptReader.find(project, "20261121-190501"));
        assertTrue(ambiguous.getMessage().contains("matches 2 sessions"), ambiguous.getMessage());
        assertTrue(ambiguous.getMessage().contains("20261121-190501-k3f9"), ambiguous.getMessage());

        TranscriptException unknown = assertThrows(TranscriptException.class,
                () -> TranscriptReader.find(project, "1999"));
        assertTrue(unknown.getMessage().contains("no session '1999'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("latest is 20261121-200000-b1b1"), unknown.getMessage());

        assertThrows(TranscriptException.class, () -> TranscriptReader.find(project, " "));
    }

    @Test
    void sessions_started_in_the_same_second_get_different_files() throws Exception {
        Random sameSeed = new Random(3);
        try (TranscriptWriter a = TranscriptWriter.start(project, null, null, "0.1.0", null, Redactor.standard(),
                clock(), new Random(3));
             TranscriptWriter b = TranscriptWriter.start(project, null, null, "0.1.0", null, Redactor.standard(),
                     clock(), sameSeed)) {
            assertFalse(a.file().equals(b.file()));
            assertTrue(Files.exists(a.file()) && Files.exists(b.file()));
        }
        assertEquals(2, TranscriptReader.list(project).size());
    }

    @Test
    void each_line_is_on_disk_before_the_next_event() throws Exception {
        try (TranscriptWriter w = start(Redactor.standard())) {
            w.onEvent(new AgentEvent.User("hello"));
            assertEquals(2, Files.readAllLines(w.file()).size(), "flushed without closing");
            w.onEvent(new AgentEvent.AssistantDelta("hel"));
            assertEquals(2, Files.readAllLines(w.file()).size(), "deltas are not written");
        }
    }

    @Test
    void events_after_close_are_dropped_quietly() throws Exception {
        TranscriptWriter w = start(Redactor.standard());
        w.close();
        w.onEvent(new AgentEvent.User("after close"));
        assertTrue(w.failure().isEmpty(), "after close events are dropped quietly");
        assertEquals(1, Files.readAllLines(w.file()).size());
    }
}
