package io.schemapilot.agent.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.schemapilot.apply.ConfirmationGate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An external command from a {@code tools/*.yaml} manifest as an agent tool. A call's arguments are checked and
 * rendered by {@link ToolManifest#render} into an argument list (never a shell string); the process runs in the
 * project folder with a clean environment (the base variables, the manifest's {@code env.set} and the
 * {@code env.pass} names taken from {@link ToolContext#environment()}), no standard input, and the manifest's
 * timeout, after which it and its children are killed. Standard output and error are captured (each capped at
 * {@value #MAX_STREAM_BYTES} bytes) and returned with the exit code; a non-zero exit makes the call not ok.
 *
 * <p>Write and destructive manifests are confirmed by their rendered {@code confirm} template (else the tool name),
 * through {@link ToolRegistry}'s gate, before the process starts.
 */
public final class ManifestTool implements GatedTool {

    /** The most bytes kept of each of standard output and standard error. */
    public static final int MAX_STREAM_BYTES = 1 << 20;

    private final ToolManifest manifest;
    private final JsonObjectSchema parameters;

    public ManifestTool(ToolManifest manifest) {
        this.manifest = manifest;
        this.parameters = schema(manifest);
    }

    public ToolManifest manifest() {
        return manifest;
    }

    @Override
    public String name() {
        return manifest.name();
    }

    @Override
    public String description() {
        String d = manifest.description();
        if (manifest.effect() != Effect.READ) {
            d += " (" + manifest.effect().label() + ": runs only after the user confirms)";
        }
        return d;
    }

    @Override
    public JsonObjectSchema parameters() {
        return parameters;
    }

    @Override
    public Effect effect() {
        return manifest.effect();
    }

    @Override
    public ConfirmationGate.Request confirmation(JsonNode arguments, ToolContext context) throws ToolFailure {
        RenderedCommand cmd = render(arguments);
        return new ConfirmationGate.Request(cmd.display(), cmd.confirmTarget(),
                manifest.effect() == Effect.DESTRUCTIVE ? ConfirmationGate.Kind.DESTRUCTIVE : ConfirmationGate.Kind.WRITE);
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        RenderedCommand cmd = render(arguments);
        ProcessBuilder pb = cmd.toProcessBuilder(context.projectRoot(), context.environment());
        long started = System.nanoTime();
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ToolFailure("cannot run '" + cmd.argv().get(0) + "': " + startProblem(e)
                    + " (is it installed and on PATH?)");
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // no standard input either way
        }
        Capture out = new Capture(process.getInputStream());
        Capture err = new Capture(process.getErrorStream());
        out.start();
        err.start();
        boolean finished;
        try {
            finished = process.waitFor(cmd.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new ToolFailure(name() + " was cancelled; the process was stopped");
        }
        if (!finished) {
            kill(process);
        }
        out.finish();
        err.finish();
        long ms = (System.nanoTime() - started) / 1_000_000;
        Integer exit = finished ? process.exitValue() : null;

        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("ok", finished && exit == 0);
        data.put("command", cmd.display());
        if (exit != null) {
            data.put("exit_code", exit);
        } else {
            data.putNull("exit_code");
            data.put("timed_out", true);
        }
        data.put("duration_ms", ms);
        data.put("stdout", out.text());
        data.put("stderr", err.text());
        if (out.dropped() > 0 || err.dropped() > 0) {
            data.put("output_dropped_bytes", out.dropped() + err.dropped());
        }

        StringBuilder text = new StringBuilder();
        text.append("$ ").append(cmd.display()).append('\n');
        if (exit == null) {
            text.append("timed out after ").append(seconds(cmd.timeout())).append("; the process was killed\n");
        } else {
            text.append("exit code ").append(exit).append(exit == 0 ? "" : " (failed)").append('\n');
        }
        if (!out.text().isEmpty()) {
            text.append("--- stdout ---\n").append(out.text());
            if (!out.text().endsWith("\n")) {
                text.append('\n');
            }
        }
        if (!err.text().isEmpty()) {
            text.append("--- stderr ---\n").append(err.text());
            if (!err.text().endsWith("\n")) {
                text.append('\n');
            }
        }
        if (out.dropped() > 0 || err.dropped() > 0) {
            text.append("[output over ").append(MAX_STREAM_BYTES).append(" bytes per stream was dropped]\n");
        }
        return new ToolResult(text.toString(), data);
    }

    private RenderedCommand render(JsonNode arguments) throws ToolFailure {
        try {
            return manifest.render(arguments);
        } catch (ToolArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String startProblem(IOException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int i = m.indexOf("error=");
        return i >= 0 ? m.substring(i) : m;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Reads one stream on its own thread, keeping the first {@link #MAX_STREAM_BYTES} bytes. */
    private static final class Capture extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private long dropped;

        Capture(InputStream in) {
            this.in = in;
            setDaemon(true);
            setName("schemapilot-tool-output");
        }

        @Override
        public void run() {
            byte[] buf = new byte[8192];
            try (InputStream s = in) {
                int n;
                while ((n = s.read(buf)) >= 0) {
                    int keep = (int) Math.min(n, Math.max(0, MAX_STREAM_BYTES - kept.size()));
                    kept.write(buf, 0, keep);
                    dropped += n - keep;
                }
            } catch (IOException ignored) {
                // the process was killed or closed the stream
            }
        }

        void finish() {
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }

        long dropped() {
            return dropped;
        }
    }

    // ------------------------------------------------------------------------------------------ schema

    /** The manifest's argument schema as LangChain4j's, with patterns, ranges and defaults in the descriptions. */
    static JsonObjectSchema schema(ToolManifest m) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder();
        List<String> required = new ArrayList<>();
        for (ArgumentSpec a : m.arguments().values()) {
            b.addProperty(a.name(), element(a));
            if (a.required()) {
                required.add(a.name());
            }
        }
        if (!required.isEmpty()) {
            b.required(required);
        }
        return b.additionalProperties(false).build();
    }

    private static JsonSchemaElement element(ArgumentSpec a) {
        String d = description(a);
        switch (a.type()) {
            case STRING:
                if (!a.enumValues().isEmpty()) {
                    return JsonEnumSchema.builder().enumValues(a.enumValues()).description(d).build();
                }
                return JsonStringSchema.builder().description(d).build();
            case INTEGER:
                return JsonIntegerSchema.builder().description(d).build();
            case NUMBER:
                return JsonNumberSchema.builder().description(d).build();
            case BOOLEAN:
                return JsonBooleanSchema.builder().description(d).build();
            case ARRAY:
                return JsonArraySchema.builder().description(d)
                        .items(a.items() == null ? JsonStringSchema.builder().build() : element(a.items())).build();
            default:
                throw new IllegalStateException(a.type().toString());
        }
    }

    private static String description(ArgumentSpec a) {
        List<String> hints = new ArrayList<>();
        if (a.pattern() != null) {
            hints.add("must match " + a.pattern().pattern());
        }
        if (a.minimum() != null) {
            hints.add("at least " + a.minimum().toPlainString());
        }
        if (a.maximum() != null) {
            hints.add("at most " + a.maximum().toPlainString());
        }
        if (a.maxLength() != null) {
            hints.add("at most " + a.maxLength() + " characters");
        }
        if (a.defaultValue() != null) {
            hints.add("default " + a.defaultValue());
        }
        String d = a.description() == null ? "" : a.description();
        if (hints.isEmpty()) {
            return d.isEmpty() ? null : d;
        }
        return (d.isEmpty() ? "" : d + " ") + "(" + String.join("; ", hints) + ")";
    }
}
