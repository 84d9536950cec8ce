package io.schemapilot.agent.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import io.schemapilot.agent.loop.AgentEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a transcript written by {@link TranscriptWriter}: its header, its events, and the LangChain4j conversation
 * they amount to, so {@code --resume ID} can go on where the session stopped. A partial last line (the process
 * died while writing it) is ignored with a warning; any other damaged line is an error naming the line.
 */
public final class TranscriptReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TranscriptReader() {
    }

    /** One event line with its time stamp (null when the line had none). */
    public record Entry(Instant ts, AgentEvent event) {
    }

    /**
     * A transcript read back.
     *
     * @param warnings what was skipped (a partial last line, lines of unknown types), one sentence each
     */
    public record Session(Path file, SessionHeader header, List<Entry> entries, List<String> warnings) {
        public Session {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }

        public String id() {
            return header.id();
        }

        public List<AgentEvent> events() {
            List<AgentEvent> out = new ArrayList<>(entries.size());
            for (Entry e : entries) {
                out.add(e.event());
            }
            return out;
        }

        /** The conversation to resume (without a system message: the caller adds the persona's). */
        public List<ChatMessage> conversation() {
            return TranscriptReader.conversation(events());
        }
    }

    /** Reads a transcript file. */
    public static Session read(Path file) throws TranscriptException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TranscriptException(file + ": cannot read the transcript ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new TranscriptException(file + ": not UTF-8 text", e);
        }
        if (text.isBlank()) {
            throw new TranscriptException(file + ": the transcript is empty");
        }
        String[] lines = text.split("\n", -1);
        boolean endsWithNewline = text.endsWith("\n");
        int count = endsWithNewline ? lines.length - 1 : lines.length;
        List<String> warnings = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        SessionHeader header = null;
        for (int i = 0; i < count; i++) {
            String line = stripCr(lines[i]);
            int lineNo = i + 1;
            boolean last = i == count - 1;
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                node = null;
            }
            if (node == null || !node.isObject()) {
                if (last && !endsWithNewline && header != null) {
                    warnings.add("line " + lineNo + " is incomplete (the session was interrupted while writing it);"
                            + " it was ignored");
                    continue;
                }
                throw new TranscriptException(file + ":" + lineNo + ": damaged line (not a JSON object)"
                        + (last && !endsWithNewline ? "" : "; the lines after it were not read"));
            }
            String type;
            try {
                type = EventJson.text(node, "type");
            } catch (IllegalArgumentException e) {
                type = null;
            }
            if (header == null) {
                if (!"session".equals(type)) {
                    throw new TranscriptException(file + ": not a schemapilot transcript (line " + lineNo
                            + " should be the \"session\" header)");
                }
                header = header(node, file);
                continue;
            }
            if (type == null) {
                throw new TranscriptException(file + ":" + lineNo + ": damaged line (no \"type\")");
            }
            if (type.equals("session") || type.equals("resumed")) {
                continue;
            }
            AgentEvent event;
            try {
                event = EventJson.fromJson(node);
            } catch (IllegalArgumentException e) {
                throw new TranscriptException(file + ":" + lineNo + ": damaged " + type + " line: " + e.getMessage());
            }
            if (event == null) {
                warnings.add("line " + lineNo + ": unknown type '" + type + "' was ignored");
                continue;
            }
            entries.add(new Entry(instant(node.get("ts")), event));
        }
        if (header == null) {
            throw new TranscriptException(file + ": not a schemapilot transcript (no \"session\" header)");
        }
        return new Session(file, header, entries, warnings);
    }

    /**
     * The conversation of a run's events: {@code user} lines become {@link UserMessage}s; an {@code assistant}
     * line with the {@code tool_call} lines after it (up to the next {@code user} or {@code assistant} line)
     * becomes one {@link AiMessage} with its text and tool execution requests, followed by a
     * {@link ToolExecutionResultMessage} per {@code tool_result} (whether the results come after all the calls or
     * between them). Tool calls without an assistant line before them make an AiMessage of their own. Other events are not part of the conversation.
     */
    public static List<ChatMessage> conversation(List<AgentEvent> events) {
        List<ChatMessage> out = new ArrayList<>();
        Turn turn = null;
        for (AgentEvent e : events) {
            if (e instanceof AgentEvent.User u) {
                flush(turn, out);
                turn = null;
                out.add(UserMessage.from(u.text()));
            } else if (e instanceof AgentEvent.Assistant a) {
                flush(turn, out);
                turn = new Turn(a.text());
            } else if (e instanceof AgentEvent.ToolCall c) {
                if (turn == null) {
                    turn = new Turn(null);
                }
                turn.calls.add(ToolExecutionRequest.builder().id(c.id()).name(c.name())
                        .arguments(c.arguments() == null ? "{}" : c.arguments()).build());
            } else if (e instanceof AgentEvent.ToolResult r) {
                if (turn == null) {
                    turn = new Turn(null);
                }
                turn.results.add(ToolExecutionResultMessage.from(r.id(), r.name(), r.text()));
            }
        }
        flush(turn, out);
        return out;
    }

    /** An assistant message being put together: its text, its tool calls, and the results that answer them. */
    private static final class Turn {
        final String text;
        final List<ToolExecutionRequest> calls = new ArrayList<>();
        final List<ToolExecutionResultMessage> results = new ArrayList<>();

        Turn(String text) {
            this.text = text;
        }
    }

    private static void flush(Turn turn, List<ChatMessage> out) {
        if (turn == null) {
            return;
        }
        boolean hasText = turn.text != null && !turn.text.isEmpty();
        if (!turn.calls.isEmpty()) {
            out.add(hasText ? AiMessage.from(turn.text, turn.calls) : AiMessage.from(turn.calls));
        } else if (hasText) {
            out.add(AiMessage.from(turn.text));
        }
        out.addAll(turn.results);
    }

    /**
     * The transcript file of a session of {@code projectRoot}: {@code idOrPrefix} is a whole id, a prefix that only
     * one session has, {@code last} (or {@code latest}) for the most recently started session, or the path of a
     * {@code .jsonl} file.
     */
    public static Path find(Path projectRoot, String idOrPrefix) throws TranscriptException {
        if (idOrPrefix == null || idOrPrefix.isBlank()) {
            throw new TranscriptException("no session id given; use an id, a unique prefix of one, or 'last'");
        }
        String want = idOrPrefix.strip();
        if (want.endsWith(TranscriptWriter.EXTENSION) && Files.isRegularFile(Path.of(want))) {
            return Path.of(want);
        }
        Path dir = TranscriptWriter.directory(projectRoot);
        List<String> ids = list(projectRoot);
        if (ids.isEmpty()) {
            throw new TranscriptException("no saved sessions in " + dir + " yet");
        }
        String lower = want.toLowerCase(Locale.ROOT);
        if (lower.equals("last") || lower.equals("latest")) {
            return dir.resolve(ids.get(ids.size() - 1) + TranscriptWriter.EXTENSION);
        }
        if (want.endsWith(TranscriptWriter.EXTENSION)) {
            want = want.substring(0, want.length() - TranscriptWriter.EXTENSION.length());
        }
        List<String> matches = new ArrayList<>();
        for (String id : ids) {
            if (id.equals(want)) {
                return dir.resolve(id + TranscriptWriter.EXTENSION);
            }
            if (id.startsWith(want)) {
                matches.add(id);
            }
        }
        if (matches.isEmpty()) {
            throw new TranscriptException("no session '" + want + "' in " + dir + " (" + ids.size()
                    + (ids.size() == 1 ? " session" : " sessions") + " there, the latest is "
                    + ids.get(ids.size() - 1) + "); use an id, a unique prefix of one, or 'last'");
        }
        if (matches.size() > 1) {
            List<String> shown = matches.size() > 5 ? matches.subList(matches.size() - 5, matches.size()) : matches;
            throw new TranscriptException("'" + want + "' matches " + matches.size() + " sessions ("
                    + (matches.size() > 5 ? "latest: " : "") + String.join(", ", shown)
                    + "); give more of the id");
        }
        return dir.resolve(matches.get(0) + TranscriptWriter.EXTENSION);
    }

    /** The session ids saved for {@code projectRoot}, oldest first (ids sort by start time). */
    public static List<String> list(Path projectRoot) throws TranscriptException {
        Path dir = TranscriptWriter.directory(projectRoot);
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TranscriptWriter.EXTENSION)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    String n = p.getFileName().toString();
                    ids.add(n.substring(0, n.length() - TranscriptWriter.EXTENSION.length()));
                }
            }
        } catch (IOException e) {
            throw new TranscriptException(dir + ": cannot list the saved sessions (" + e.getMessage() + ")", e);
        }
        ids.sort(null);
        return ids;
    }

    /** Whether {@code line} is a whole JSON object (a line the writer finished). */
    static boolean isCompleteLine(String line) {
        String l = stripCr(line);
        if (l.isBlank()) {
            return false;
        }
        try {
            return JSON.readTree(l).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static SessionHeader header(JsonNode node, Path file) throws TranscriptException {
        try {
            String id = EventJson.text(node, "id");
            if (id == null) {
                String n = file.getFileName().toString();
                id = n.endsWith(TranscriptWriter.EXTENSION)
                        ? n.substring(0, n.length() - TranscriptWriter.EXTENSION.length()) : n;
            }
            Instant started = instant(node.get("started"));
            return new SessionHeader(id, EventJson.text(node, "persona"), EventJson.text(node, "model"),
                    started == null ? instant(node.get("ts")) : started, EventJson.text(node, "version"),
                    EventJson.text(node, "cwd"));
        } catch (IllegalArgumentException e) {
            throw new TranscriptException(file + ":1: damaged session header: " + e.getMessage());
        }
    }

    private static Instant instant(JsonNode n) {
        if (n == null || !n.isTextual()) {
            return null;
        }
        try {
            return Instant.parse(n.textValue());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String stripCr(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
