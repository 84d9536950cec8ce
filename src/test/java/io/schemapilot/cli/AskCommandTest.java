package io.schemapilot.cli;

import static io.schemapilot.cli.AskFixtures.ask;
import static io.schemapilot.cli.AskFixtures.describe;
import static io.schemapilot.cli.AskFixtures.json;
import static io.schemapilot.cli.AskFixtures.lines;
import static io.schemapilot.cli.AskFixtures.ofType;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code schemapilot ask} with the default, offline model: the same findings as {@code plan}, sessions that resume,
 * and honesty about what it is. No network, no key.
 */
class AskCommandTest {

    @TempDir
    Path tmp;

    private Path project;
    private Map<String, String> env;

    @BeforeEach
    void setUp() {
        project = AskFixtures.project(tmp.resolve("app"), null);
        env = AskFixtures.env(project);
    }

    /**
     * A finding reduced to what must agree between {@code ask} and {@code plan}. Every field of the finding is kept
     * (hazard, risk, statement, line, column, object, lock, rewrite, message, help); none of them depends on the
     * shadow database or the time. What legitimately differs lives outside the findings and is not compared:
     * {@code target.database} (each run loads the schema into a fresh shadow database, {@code sp_<pid>_<n>}) and
     * the file names in {@code sources}/{@code notes} ({@code ask} names files relative to the project, the
     * {@code plan} run here gets absolute paths).
     */
    private static List<JsonNode> findings(JsonNode plan) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode f : plan.path("findings")) {
            ObjectNode copy = ((ObjectNode) f).deepCopy();
            copy.remove(List.of("file", "path"));
            out.add(copy);
        }
        return out;
    }

    private static List<String> keys(List<JsonNode> findings) {
        List<String> out = new ArrayList<>();
        for (JsonNode f : findings) {
            out.add(f.path("hazard").asText() + "/" + f.path("risk").asText() + "@" + f.path("statement").asInt()
                    + ":" + f.path("line").asInt());
        }
        return out;
    }

    private void assertSameFindings(String migration, boolean safe) {
        CliRunner.Run asked = ask(project, env, "--format", "json", "plan " + migration + " against schema.sql");
        assertEquals(0, asked.exit(), describe(asked));
        JsonNode askedJson = json(asked.out());
        assertEquals("offline", askedJson.path("model").asText());
        assertTrue(askedJson.path("tool_calls").toString().contains("\"plan_migration\""), asked.out());
        JsonNode askedPlan = askedJson.path("plan");
        assertTrue(askedPlan.isObject(), describe(asked));

        CliRunner.Run planned = CliRunner.run(CliEnv.of(new java.io.ByteArrayInputStream(new byte[0]), env), "plan",
                project.resolve(migration).toString(), "--schema", project.resolve("schema.sql").toString(),
                "--format", "json");
        assertTrue(planned.exit() == 0 || planned.exit() == 1, describe(planned));
        JsonNode plan = json(planned.out());

        List<JsonNode> fromAsk = findings(askedPlan);
        List<JsonNode> fromPlan = findings(plan);
        // V9 is the safe SET NOT NULL recipe (its helper CHECK is dropped in the same migration): nothing to report
        assertEquals(safe, fromPlan.isEmpty(), migration + (safe ? " should be clean: " : " should have findings: ")
                + planned.out());
        assertEquals(keys(fromPlan), keys(fromAsk), migration);
        assertEquals(fromPlan, fromAsk, migration);
        assertEquals(plan.path("risk"), askedPlan.path("risk"), migration);
        // a change names its source file: relative to the project for ask, as given (absolute) for plan
        assertEquals(plan.path("changes").toString().replace(project.toString() + "/", ""),
                askedPlan.path("changes").toString(), migration);
        assertEquals(plan.path("phases"), askedPlan.path("phases"), migration);
    }

    @Test
    void ask_and_plan_give_the_same_findings_for_a_not_null_migration() {
        assertSameFindings(AskFixtures.V9, true);
    }

    @Test
    void ask_and_plan_give_the_same_findings_for_a_drop_column() {
        assertSameFindings(AskFixtures.V6, false);
    }

    @Test
    void stream_json_ends_with_the_result_and_the_plan_event() {
        CliRunner.Run r = ask(project, env, "--no-transcript", "--format", "stream-json",
                "plan " + AskFixtures.V9 + " against schema.sql");

        assertEquals(0, r.exit(), describe(r));
        List<JsonNode> events = lines(r.out());
        assertEquals("user", events.get(0).path("type").asText());
        assertEquals(1, ofType(events, "plan").size(), r.out());
        JsonNode last = events.get(events.size() - 1);
        assertEquals("result", last.path("type").asText());
        assertFalse(last.path("is_error").asBoolean());
        assertEquals("success", last.path("subtype").asText());
        assertEquals(ofType(events, "plan").get(0).path("plan"), last.path("plan"));
        assertTrue(AskFixtures.transcripts(project).isEmpty(), "--no-transcript wrote a transcript");
    }

    @Test
    void resume_last_continues_the_session_in_the_same_transcript() {
        CliRunner.Run first = ask(project, env, "--format", "json", "plan " + AskFixtures.V9 + " against schema.sql");
        assertEquals(0, first.exit(), describe(first));
        String session = json(first.out()).path("session_id").asText();
        assertFalse(session.isBlank(), first.out());
        List<Path> files = AskFixtures.transcripts(project);
        assertEquals(1, files.size());
        long linesBefore = AskFixtures.read(files.get(0)).lines().count();

        CliRunner.Run second = ask(project, env, "--format", "json", "--resume", "last", "what's the weather?");

        assertEquals(0, second.exit(), describe(second));
        assertEquals(session, json(second.out()).path("session_id").asText());
        assertEquals(files, AskFixtures.transcripts(project), "resume started another transcript");
        List<JsonNode> lines = new ArrayList<>();
        for (String l : AskFixtures.read(files.get(0)).split("\n")) {
            lines.add(json(l));
        }
        assertTrue(lines.size() > linesBefore, "nothing was appended");
        int resumed = -1;
        for (int i = 0; i < lines.size(); i++) {
            if ("resumed".equals(lines.get(i).path("type").asText())) {
                resumed = i;
            }
        }
        assertEquals(linesBefore, resumed, "the resumed line follows the first run's lines");
        List<JsonNode> after = lines.subList(resumed + 1, lines.size());
        assertEquals("user", after.get(0).path("type").asText());
        assertEquals("what's the weather?", after.get(0).path("text").asText());
        assertEquals(1, ofType(after, "assistant").size(), after.toString());
        // the first run's messages are still there, before the marker
        assertTrue(ofType(lines.subList(0, resumed), "plan").size() == 1);

        CliRunner.Run unknown = ask(project, env, "--resume", "nosuchsession", "hello");
        assertEquals(2, unknown.exit(), describe(unknown));
        assertTrue(unknown.noStackTrace());
    }

    @Test
    void when_the_plan_tool_fails_the_offline_model_says_so_instead_of_presenting_a_plan() throws Exception {
        java.nio.file.Files.writeString(project.resolve("broken.sql"), "ALTER TABLE users ADD COLUMN x text DEFAULT $$oops;\n");
        CliRunner.Run r = ask(project, env, "--no-transcript", "--format", "json", "plan broken.sql against schema.sql");
        JsonNode out = json(r.out());
        assertTrue(out.path("plan").isNull(), r.out());
        assertTrue(out.path("tool_calls").toString().contains("\"plan_migration\""), r.out());
        String answer = out.path("answer").asText();
        assertFalse(answer.contains("Here is the migration plan"), answer);
        assertTrue(answer.contains("could not produce a plan") && answer.contains("broken.sql"), answer);
    }

    @Test
    void the_offline_model_says_what_it_is_and_how_to_configure_an_llm() {
        CliRunner.Run r = ask(project, env, "--no-transcript", "what's the weather?");

        assertEquals(0, r.exit(), describe(r));
        String answer = r.out();
        assertTrue(answer.contains("offline model"), answer);
        assertTrue(answer.contains("--model") && answer.contains("OPENAI_API_KEY")
                && answer.contains("ANTHROPIC_API_KEY"), answer);

        CliRunner.Run js = ask(project, env, "--no-transcript", "--format", "json", "what's the weather?");
        assertEquals(0, js.exit(), describe(js));
        JsonNode out = json(js.out());
        assertTrue(out.path("plan").isNull());
        assertEquals(0, out.path("tool_calls").size(), "it pretended to work on the question: " + js.out());
        assertEquals("offline", out.path("model").asText());
    }

    @Test
    void usage_errors_exit_2() {
        CliRunner.Run format = ask(project, env, "--format", "yaml", "hello");
        assertEquals(2, format.exit(), describe(format));
        CliRunner.Run empty = ask(project, env);
        assertEquals(2, empty.exit(), describe(empty));
        assertTrue(empty.noStackTrace() && format.noStackTrace());
    }
}
