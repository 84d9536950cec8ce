package io.schemapilot.agent.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Random;

/**
 * Writes one session as JSON Lines to {@code <project>/.schemapilot/transcripts/<session-id>.jsonl}: first a
 * {@code session} header ({@code id, persona, model, started, version, cwd}), then one line per {@link AgentEvent}
 * ({@code {"ts": ..., "type": ..., ...fields}}, see {@link EventJson}; {@code assistant_delta} is not written).
 * Every line is flushed as soon as it is written, so a crash loses at most the line being written. Every string
 * goes through the {@link Redactor} first.
 *
 * <p>A listener cannot throw checked exceptions: when writing fails (disk full, folder removed) the writer stops,
 * keeps the first error in {@link #failure()}, and the run goes on; the front door reports it.
 */
public final class TranscriptWriter implements AgentListener, AutoCloseable {

    /** Where transcripts are kept, relative to the project. */
    public static final String DIRECTORY = ".schemapilot/transcripts";
    /** The file extension of a transcript. */
    public static final String EXTENSION = ".jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final Random RANDOM = new SecureRandom();

    private final Path file;
    private final String sessionId;
    private final Redactor redactor;
    private final Clock clock;
    private Writer out;
    private IOException failure;

    private TranscriptWriter(Path file, String sessionId, Writer out, Redactor redactor, Clock clock) {
        this.file = file;
        this.sessionId = sessionId;
        this.out = out;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** {@code <projectRoot>/.schemapilot/transcripts}. */
    public static Path directory(Path projectRoot) {
        return projectRoot.resolve(".schemapilot").resolve("transcripts");
    }

    /** A new session id: the UTC start time, sortable, and four random characters ({@code 20261121-190501-k3f9}). */
    public static String newSessionId(Instant started, Random random) {
        StringBuilder sb = new StringBuilder(ID_TIME.format(started)).append('-');
        for (int i = 0; i < 4; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    /**
     * Starts a new session file (creating the folder) and writes its header.
     *
     * @param persona  the persona's name, or null
     * @param model    the model label ({@code offline}, {@code openai:gpt-4o}), or null
     * @param version  the schemapilot version
     * @param cwd      the working directory, or null
     * @param redactor what removes secrets (e.g. {@link Redactor#fromEnvironment})
     */
    public static TranscriptWriter start(Path projectRoot, String persona, String model, String version, Path cwd,
                                         Redactor redactor) throws IOException {
        return start(projectRoot, persona, model, version, cwd, redactor, Clock.systemUTC(), RANDOM);
    }

    /** As {@link #start(Path, String, String, String, Path, Redactor)}, with the clock and random source given. */
    public static TranscriptWriter start(Path projectRoot, String persona, String model, String version, Path cwd,
                                         Redactor redactor, Clock clock, Random random) throws IOException {
        Path dir = directory(projectRoot);
        Files.createDirectories(dir);
        Instant started = clock.instant();
        for (int attempt = 0; ; attempt++) {
            String id = newSessionId(started, random);
            Path file = dir.resolve(id + EXTENSION);
            Writer w;
            try {
                w = new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 20) {
                    throw e;
                }
                continue;
            }
            TranscriptWriter tw = new TranscriptWriter(file, id, w, redactor, clock);
            ObjectNode header = tw.line("session");
            header.put("id", id);
            header.put("persona", redactor.redact(persona));
            header.put("model", redactor.redact(model));
            header.put("started", started.truncatedTo(ChronoUnit.MILLIS).toString());
            header.put("version", version);
            header.put("cwd", cwd == null ? null : redactor.redact(cwd.toAbsolutePath().normalize().toString()));
            try {
                tw.writeLine(header);
            } catch (IOException e) {
                tw.close();
                throw e;
            }
            return tw;
        }
    }

    /**
     * Opens an existing session file to go on writing to it ({@code --resume}): a partial last line (from a crash)
     * is cut off first, then a {@code resumed} line records the persona and model of the continuation.
     */
    public static TranscriptWriter resume(Path file, String persona, String model, String version, Redactor redactor)
            throws IOException {
        return resume(file, persona, model, version, redactor, Clock.systemUTC());
    }

    /** As {@link #resume(Path, String, String, String, Redactor)}, with the clock given. */
    public static TranscriptWriter resume(Path file, String persona, String model, String version, Redactor redactor,
                                          Clock clock) throws IOException {
        cutPartialLastLine(file);
        String name = file.getFileName().toString();
        String id = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        Writer w = new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), StandardCharsets.UTF_8);
        TranscriptWriter tw = new TranscriptWriter(file, id, w, redactor, clock);
        ObjectNode line = tw.line("resumed");
        line.put("persona", redactor.redact(persona));
        line.put("model", redactor.redact(model));
        line.put("version", version);
        try {
            tw.writeLine(line);
        } catch (IOException e) {
            tw.close();
            throw e;
        }
        return tw;
    }

    public String sessionId() {
        return sessionId;
    }

    public Path file() {
        return file;
    }

    /** The first write error, if writing stopped because of one. */
    public synchronized Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Writes the event as one line and flushes it; {@code assistant_delta} events are skipped. */
    @Override
    public synchronized void onEvent(AgentEvent event) {
        if (event == null || event instanceof AgentEvent.AssistantDelta || out == null || failure != null) {
            return;
        }
        ObjectNode line = line(event.type());
        EventJson.addFields(line, event, redactor);
        try {
            writeLine(line);
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override
    public synchronized void close() {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        out = null;
    }

    private ObjectNode line(String type) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ts", clock.instant().truncatedTo(ChronoUnit.MILLIS).toString());
        o.put("type", type);
        return o;
    }

    private void writeLine(ObjectNode line) throws IOException {
        String text;
        try {
            text = JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IOException("cannot encode a transcript line: " + e.getOriginalMessage(), e);
        }
        out.write(text);
        out.write('\n');
        out.flush();
    }

    /**
     * Makes the file end with a complete line: text after the last newline is kept (and terminated) when it is a
     * whole JSON object, else cut off (a line a crash left half written).
     */
    static void cutPartialLastLine(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0) {
                return;
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, size - 1);
            if (one.get(0) == '\n') {
                return;
            }
            long lineStart = 0;
            long pos = size - 1;
            ByteBuffer buf = ByteBuffer.allocate(8192);
            search:
            while (pos > 0) {
                long start = Math.max(0, pos - buf.capacity());
                buf.clear();
                buf.limit((int) (pos - start));
                while (buf.hasRemaining() && ch.read(buf, start + buf.position()) > 0) {
                    // keep reading until the window is full
                }
                for (int i = buf.position() - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        lineStart = start + i + 1;
                        break search;
                    }
                }
                pos = start;
            }
            ByteBuffer tail = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - lineStart));
            while (tail.hasRemaining() && ch.read(tail, lineStart + tail.position()) > 0) {
                // read the last line whole
            }
            String last = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8);
            if (TranscriptReader.isCompleteLine(last)) {
                ch.write(ByteBuffer.wrap(new byte[]{'\n'}), size);
            } else {
                ch.truncate(lineStart);
            }
        }
    }
}
