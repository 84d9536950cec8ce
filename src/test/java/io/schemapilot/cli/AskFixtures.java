package io.schemapilot.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.schemapilot.agent.model.ProviderStubs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A throw-away project for {@code ask} tests: copies of {@code examples/schema.sql} (as {@code schema.sql}) and of
 * some example migrations (under {@code migrations/}), a {@code .schemapilot.yaml} with fast retries, and the
 * environment the CLI is run with (never the real one: HOME points into the project, SCHEMAPILOT_HOME at the repo
 * so the built-in personas, skills and tool manifests load).
 */
final class AskFixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Path REPO = Path.of("").toAbsolutePath().normalize();
    static final String V9 = "migrations/V9__users_phone_not_null.sql";
    static final String V6 = "migrations/V6__drop_orders_legacy_code.sql";

    /** Retries that keep a test fast: three attempts, 50 ms back-off, at most 5 s of waiting per call. */
    static final String FAST_RETRY = "retry:\n  max_attempts: 3\n  initial_delay: 50ms\n  max_wait: 5s\ntimeout: 20s\n";

    private AskFixtures() {
    }

    /** Fills {@code project} with the schema, the V6 and V9 migrations and {@code config} as {@code .schemapilot.yaml}. */
    static Path project(Path project, String config) {
        try {
            Files.createDirectories(project.resolve("migrations"));
            Files.copy(REPO.resolve("examples/schema.sql"), project.resolve("schema.sql"));
            for (String m : List.of(V9, V6)) {
                Files.copy(REPO.resolve("examples").resolve(m), project.resolve(m));
            }
            // a .git folder stops the search for .schemapilot.yaml at the project
            Files.createDirectories(project.resolve(".git"));
            Files.writeString(project.resolve(".schemapilot.yaml"), config == null ? FAST_RETRY : config);
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The environment for a project: the repo's resources, a HOME without a user config, PATH for manifest tools. */
    static Map<String, String> env(Path project) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SCHEMAPILOT_HOME", REPO.toString());
        env.put("HOME", project.resolve("home").toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        return env;
    }

    /** {@code env} plus the provider variables of {@code more} (e.g. {@code ProviderStubs.env(baseUrl)}). */
    static Map<String, String> env(Path project, Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(more);
        env.putAll(env(project));
        return env;
    }

    /**
     * An OpenAI model that calls {@code tool} once (as {@code call_1}) and answers {@code finalText} when it has the
     * result; streamed (SSE) when the request asks for a stream ({@code ask} streams in text and stream-json), as one
     * JSON body when not.
     */
    static void openAiCallsThenAnswers(WireMockServer wm, String tool, String args, String finalText) {
        wm.stubFor(ProviderStubs.openAiChat().atPriority(1).withRequestBody(ProviderStubs.hasOpenAiToolResult("call_1"))
                .withRequestBody(ProviderStubs.isStreaming()).willReturn(ProviderStubs.openAiSse(finalText)));
        wm.stubFor(ProviderStubs.openAiChat().atPriority(2).withRequestBody(ProviderStubs.hasOpenAiToolResult("call_1"))
                .willReturn(ProviderStubs.openAiText(finalText)));
        wm.stubFor(ProviderStubs.openAiChat().atPriority(3).withRequestBody(ProviderStubs.isStreaming())
                .willReturn(ProviderStubs.openAiSseToolCall("call_1", tool, args)));
        wm.stubFor(ProviderStubs.openAiChat().atPriority(5)
                .willReturn(ProviderStubs.openAiToolCall("call_1", tool, args)));
    }

    /** Runs {@code schemapilot ask --project PROJECT ARGS...}. */
    static CliRunner.Run ask(Path project, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>();
        all.add("ask");
        all.add("--project");
        all.add(project.toString());
        all.addAll(List.of(args));
        return CliRunner.run(CliEnv.of(new ByteArrayInputStream(new byte[0]), env), all.toArray(new String[0]));
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return fail("not JSON: " + e.getMessage() + "\n" + text);
        }
    }

    /** The JSON Lines of a {@code stream-json} run; every non-empty line must be an object with a type. */
    static List<JsonNode> lines(String out) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json(line);
            assertTrue(n.isObject() && n.hasNonNull("type") || n.has("answer"), "not an event: " + line);
            events.add(n);
        }
        return events;
    }

    /** The events of one type. */
    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (type.equals(e.path("type").asText())) {
                out.add(e);
            }
        }
        return out;
    }

    /** {@code [name:ok, ...]} of a result's tool_calls, for readable assertions. */
    static List<String> toolCalls(JsonNode result) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : result.path("tool_calls")) {
            out.add(c.path("name").asText() + ":" + c.path("ok").asBoolean());
        }
        return out;
    }

    /** Every transcript file of the project. */
    static List<Path> transcripts(Path project) {
        Path dir = project.resolve(".schemapilot/transcripts");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message with the run's output, for assertion failures. */
    static String describe(CliRunner.Run r) {
        String out = r.out().length() > 4000 ? r.out().substring(0, 4000) + "..." : r.out();
        return "exit " + r.exit() + "\n--- stdout\n" + out + "\n--- stderr\n" + r.err();
    }
}
