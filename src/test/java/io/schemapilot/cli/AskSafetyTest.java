package io.schemapilot.cli;

import io.schemapilot.testing.FakeSecrets;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.schemapilot.cli.AskFixtures.ask;
import static io.schemapilot.cli.AskFixtures.describe;
import static io.schemapilot.cli.AskFixtures.json;
import static io.schemapilot.cli.AskFixtures.lines;
import static io.schemapilot.cli.AskFixtures.ofType;
import static io.schemapilot.cli.AskFixtures.toolCalls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.schemapilot.agent.model.ProviderStubs;
import io.schemapilot.pg.Redact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Safety through the whole {@code ask} command: a model that asks for a destructive tool is stopped at the gate
 * unless the target was confirmed with {@code --confirm} ({@code --yes} is not enough), and no key, password or
 * bearer token reaches a transcript or the output.
 */
class AskSafetyTest {

    private static final String GPT = "openai:gpt-4.1";
    private static final String APP_ID = "0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b";

    private static WireMockServer wm;

    @TempDir
    Path tmp;

    private Path project;
    private Map<String, String> env;

    @BeforeAll
    static void server() {
        wm = ProviderStubs.server();
    }

    @BeforeEach
    void setUp() throws IOException {
        wm.resetAll();
        project = AskFixtures.project(tmp.resolve("app"), null);
        env = AskFixtures.env(project, ProviderStubs.env(wm.baseUrl()));
        // a destructive manifest tool of the project itself, harmless in fact: it creates a file
        Path tools = Files.createDirectories(project.resolve(".schemapilot/tools"));
        Files.writeString(tools.resolve("touch_marker.yaml"), """
                name: touch_marker
                description: Creates a marker file in the project (stands in for a destructive command).
                effect: destructive
                timeout: 10s
                command: [touch, "{file}"]
                arguments:
                  type: object
                  properties:
                    file: {type: string, pattern: "^[a-z_]+[.]txt$"}
                  required: [file]
                confirm: "{file}"
                """);
        // a persona without a tools list may call every tool, the project's manifests included
        Path personas = Files.createDirectories(project.resolve("personas"));
        Files.writeString(personas.resolve("tester.md"), """
                ---
                name: tester
                description: Test persona that may call every tool.
                model: inherit
                ---
                You test the confirmation gate.
                """);
    }

    /** The model calls {@code tool} with {@code args}, then (once it has the result) answers "Done.". */
    private static void modelCalls(String tool, String args) {
        AskFixtures.openAiCallsThenAnswers(wm, tool, args, "Done.");
    }

    /** What the model was told about {@code call_1}. */
    private static String toolResultSentToModel() {
        List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        for (JsonNode m : json(requests.get(requests.size() - 1).getBodyAsString()).path("messages")) {
            if ("tool".equals(m.path("role").asText()) && "call_1".equals(m.path("tool_call_id").asText())) {
                return m.path("content").asText();
            }
        }
        throw new AssertionError("no tool result for call_1 was sent back");
    }

    private CliRunner.Run askTester(String... more) {
        String[] base = {"--model", GPT, "--persona", "tester", "--personas", project.resolve("personas").toString(),
                "--format", "stream-json"};
        String[] all = new String[base.length + more.length + 1];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        all[all.length - 1] = "make the marker";
        return ask(project, env, all);
    }

    @Test
    void a_destructive_tool_does_not_run_without_confirmation() {
        modelCalls("touch_marker", "{\"file\": \"marker.txt\"}");

        CliRunner.Run r = askTester();

        assertEquals(0, r.exit(), describe(r));
        assertFalse(Files.exists(project.resolve("marker.txt")), "the destructive tool ran without confirmation");
        List<JsonNode> events = lines(r.out());
        List<JsonNode> confirmations = ofType(events, "confirmation");
        assertEquals(1, confirmations.size(), r.out());
        JsonNode c = confirmations.get(0);
        assertFalse(c.path("approved").asBoolean());
        assertEquals("destructive", c.path("kind").asText());
        assertEquals("marker.txt", c.path("target").asText());
        assertTrue(c.path("how").asText().contains("--confirm marker.txt"), c.toString());
        JsonNode last = events.get(events.size() - 1);
        assertEquals(List.of("touch_marker:false"), toolCalls(last));
        assertTrue(toolResultSentToModel().startsWith("denied:"), toolResultSentToModel());
    }

    @Test
    void yes_never_confirms_a_destructive_tool() {
        modelCalls("touch_marker", "{\"file\": \"marker.txt\"}");

        CliRunner.Run r = askTester("--yes");

        assertEquals(0, r.exit(), describe(r));
        assertFalse(Files.exists(project.resolve("marker.txt")), "--yes confirmed a destructive tool");
        JsonNode c = ofType(lines(r.out()), "confirmation").get(0);
        assertFalse(c.path("approved").asBoolean());
        assertTrue(c.path("how").asText().contains("--yes never confirms"), c.toString());
        assertTrue(toolResultSentToModel().contains("did not run"), toolResultSentToModel());
    }

    @Test
    void confirm_with_the_target_lets_it_run_and_another_name_does_not() {
        modelCalls("touch_marker", "{\"file\": \"marker.txt\"}");

        CliRunner.Run wrong = askTester("--confirm", "other.txt");
        assertEquals(0, wrong.exit(), describe(wrong));
        assertFalse(Files.exists(project.resolve("marker.txt")), "--confirm of another target let it run");

        wm.resetRequests();
        CliRunner.Run r = askTester("--confirm", "marker.txt");

        assertEquals(0, r.exit(), describe(r));
        assertTrue(Files.exists(project.resolve("marker.txt")), describe(r));
        List<JsonNode> events = lines(r.out());
        JsonNode c = ofType(events, "confirmation").get(0);
        assertTrue(c.path("approved").asBoolean(), c.toString());
        assertEquals(List.of("touch_marker:true"), toolCalls(events.get(events.size() - 1)));
    }

    @Test
    void the_repo_instant_push_manifest_is_stopped_at_the_gate() {
        // instant_cli_push_schema (tools/) is destructive and confirmed by the app id; without it nothing is started
        modelCalls("instant_cli_push_schema", "{\"app_id\": \"" + APP_ID + "\"}");

        for (List<String> flags : List.of(List.<String>of(), List.of("--yes"))) {
            wm.resetRequests();
            List<String> args = new java.util.ArrayList<>(List.of("--model", GPT, "--persona", "instantdb-prod-migrator",
                    "--format", "stream-json"));
            args.addAll(flags);
            args.add("push the schema");
            CliRunner.Run r = ask(project, env, args.toArray(new String[0]));

            assertEquals(0, r.exit(), describe(r));
            JsonNode c = ofType(lines(r.out()), "confirmation").get(0);
            assertFalse(c.path("approved").asBoolean(), c.toString());
            assertEquals(APP_ID, c.path("target").asText());
            assertEquals("destructive", c.path("kind").asText());
            String told = toolResultSentToModel();
            assertTrue(told.startsWith("denied:") && told.contains("did not run"), told);
            assertFalse(told.contains("exit_code"), "the command was started: " + told);
        }
    }

    // ------------------------------------------------------------------------------------------ secrets

    private static final String KEY = FakeSecrets.openAiKey("test");
    private static final String PASSWORD_URL = "postgres://admin:hunter2@db.example.com/app";
    private static final String BEARER = "xyzTOKEN0123456789abcdef";
    private static final List<String> SECRETS = List.of(KEY, "hunter2", BEARER);

    private void assertNoSecret(String where, String text) {
        for (String s : SECRETS) {
            assertFalse(text.contains(s), where + " contains the secret " + s + ":\n" + text);
        }
    }

    private void assertNoSecretInTranscripts(int expectedFiles) {
        List<Path> files = AskFixtures.transcripts(project);
        assertEquals(expectedFiles, files.size(), "transcripts: " + files);
        for (Path f : files) {
            String t = AskFixtures.read(f);
            assertNoSecret(f.toString(), t);
            // the text around the secrets is there, masked: the run did record them
            assertTrue(t.contains("postgres://admin:" + Redact.MASK + "@db.example.com"), f + ":\n" + t);
        }
    }

    @Test
    void no_key_password_or_bearer_token_reaches_a_transcript_or_the_output() throws IOException {
        Map<String, String> secretEnv = new LinkedHashMap<>(env);
        secretEnv.put("OPENAI_API_KEY", KEY);
        Files.writeString(project.resolve("notes.txt"), "DATABASE_URL=" + PASSWORD_URL + "\n"
                + "curl -H 'Authorization: Bearer " + BEARER + "' https://api.example.com\n");
        String echo = "I used " + PASSWORD_URL + " with Authorization: Bearer " + BEARER + " and the key " + KEY;
        AskFixtures.openAiCallsThenAnswers(wm, "read_file", "{\"path\": \"notes.txt\"}", echo);
        String request = "connect to " + PASSWORD_URL + " with header Authorization: Bearer " + BEARER
                + " and check the notes";

        CliRunner.Run stream = ask(project, secretEnv, "--model", GPT, "--format", "stream-json", request);
        assertEquals(0, stream.exit(), describe(stream));
        // the key did go to the provider (so the run really used it) ...
        wm.verify(postRequestedFor(urlPathEqualTo("/v1/chat/completions"))
                .withHeader("Authorization", equalTo("Bearer " + KEY)));
        // ... and the run saw the secrets: the file was read, the model echoed them
        assertEquals(List.of("read_file:true"), toolCalls(lines(stream.out()).get(lines(stream.out()).size() - 1)));
        assertNoSecret("stream-json stdout", stream.out());
        assertNoSecret("stderr", stream.err());

        CliRunner.Run js = ask(project, secretEnv, "--model", GPT, "--format", "json", request);
        assertEquals(0, js.exit(), describe(js));
        assertTrue(json(js.out()).path("answer").asText().startsWith("I used postgres://admin:"), js.out());
        assertNoSecret("json stdout", js.out());

        CliRunner.Run text = ask(project, secretEnv, "--model", GPT, request);
        assertEquals(0, text.exit(), describe(text));
        assertNoSecret("text stdout", text.out());
        assertNoSecret("text stderr", text.err());

        // secrets in a tool call's arguments (the call fails: there is no database) are masked too
        wm.resetAll();
        AskFixtures.openAiCallsThenAnswers(wm, "run_query", "{\"sql\": \"SELECT '" + PASSWORD_URL
                + "' AS url, 'Bearer " + BEARER + "' AS auth\"}", "No database.");
        CliRunner.Run query = ask(project, secretEnv, "--model", GPT, "--format", "stream-json", "query it");
        assertEquals(0, query.exit(), describe(query));
        List<JsonNode> calls = ofType(lines(query.out()), "tool_call");
        assertEquals(1, calls.size(), query.out());
        assertTrue(calls.get(0).path("arguments").asText().contains("postgres://admin:"), calls.toString());
        assertNoSecret("stream-json stdout", query.out());

        assertNoSecretInTranscripts(4);
    }

    @Test
    void the_offline_model_keeps_secrets_of_the_request_out_of_its_transcript() {
        Map<String, String> secretEnv = new LinkedHashMap<>(AskFixtures.env(project));
        secretEnv.put("OPENAI_API_KEY", KEY);
        String request = "plan " + AskFixtures.V9 + " against schema.sql; prod is " + PASSWORD_URL
                + " (Authorization: Bearer " + BEARER + ")";

        CliRunner.Run r = ask(project, secretEnv, "--format", "json", request);

        assertEquals(0, r.exit(), describe(r));
        JsonNode out = json(r.out());
        assertEquals("offline", out.path("model").asText());
        assertTrue(out.path("plan").isObject(), describe(r));
        assertNoSecret("json stdout", r.out());
        assertNoSecret("stderr", r.err());
        assertNoSecretInTranscripts(1);
        assertTrue(AskFixtures.read(AskFixtures.transcripts(project).get(0)).contains("\"type\":\"user\""));
    }
}
