package io.schemapilot.agent.runtime;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import io.schemapilot.agent.transcript.Redactor;
import io.schemapilot.agent.transcript.TranscriptWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records the scripted sessions of {@code transcripts/} (run by hand when a fixture must change):
 * {@code mvn -q test-compile && java -cp target/test-classes:target/classes:$(cat cp.txt)
 * io.schemapilot.agent.runtime.RecordTranscripts transcripts}. The offline session is recorded with
 * {@code schemapilot ask} itself.
 */
public final class RecordTranscripts {

    /** How an LLM might work a NOT NULL question: look, try a write (refused), count, plan, submit. */
    static final String LLM_REQUEST = "Can I make users.phone NOT NULL without locking the table? The schema is"
            + " examples/schema.sql.";

    static List<AiMessage> llmSession() {
        return List.of(
                AiMessage.from("I'll look at the users table first.", List.of(call("c1", "inspect_schema",
                        "{\"schema_file\":\"examples/schema.sql\",\"table\":\"users\"}"))),
                AiMessage.from(List.of(call("c2", "run_query",
                        "{\"schema_file\":\"examples/schema.sql\",\"sql\":\"UPDATE users SET phone = '' WHERE phone IS NULL\"}"))),
                AiMessage.from("Writes are refused, as they should be. Counting the NULLs instead.", List.of(call("c3",
                        "run_query", "{\"schema_file\":\"examples/schema.sql\",\"sql\":\"SELECT count(*) FILTER"
                                + " (WHERE phone IS NULL) AS null_phones, count(*) AS total FROM users\"}"))),
                AiMessage.from(List.of(call("c4", "drop_everything", "{}"))),
                AiMessage.from(List.of(call("c5", "plan_migration", "{\"schema_file\":\"examples/schema.sql\","
                        + "\"sql\":\"ALTER TABLE users ALTER COLUMN phone SET NOT NULL;\"}"))),
                AiMessage.from("Yes: add a CHECK (phone IS NOT NULL) NOT VALID, validate it, then SET NOT NULL uses"
                        + " the validated check and does not scan the table. The plan has the steps and the rollback.",
                        List.of(call("c6", "submit_plan", "{\"use_last_plan\":true}"))));
    }

    private static ToolExecutionRequest call(String id, String name, String args) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(args).build();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "transcripts");
        Path project = ReplayHarness.exampleProject(Files.createTempDirectory("sp-record"));
        try (TranscriptWriter w = TranscriptWriter.start(project, "zero-downtime-specialist", "replay", "0.1.0",
                Path.of("."), Redactor.standard())) {
            ReplayHarness.run(project, "zero-downtime-specialist", ReplayHarness.replaying(llmSession()), LLM_REQUEST, w);
            Files.copy(w.file(), out.resolve("llm-not-null-with-refused-write.jsonl"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
