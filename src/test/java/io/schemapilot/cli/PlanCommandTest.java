package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {
    @TempDir
    Path dir;

    @Test
    void plan_with_schema_gives_a_complete_migration_plan_in_json() throws Exception {
        CliRunner.Run r = run("plan", "--format", "json", "--schema", "examples/schema.sql",
                "examples/migrations/V2__add_orders_shipping_method.sql");
        assertEquals(0, r.exit(), r.err());
        JsonNode plan = new ObjectMapper().readTree(r.out());
        for (String key : new String[] {"title", "summary", "target", "risk", "changes", "findings", "data_checks",
                "phases", "rollback", "backup", "checklist", "deployment", "estimated_impact"}) {
            assertFalse(plan.path(key).isMissingNode(), key);
        }
        JsonNode first = plan.path("phases").get(0).path("steps").get(0);
        for (String key : new String[] {"id", "description", "up", "down", "verify", "transactional", "lock",
                "lock_timeout_ms", "destructive", "reversible", "batched", "estimated_seconds"}) {
            assertFalse(first.path(key).isMissingNode(), "step." + key);
        }
        assertTrue(plan.path("phases").size() >= 2, "the required column becomes several phases");
    }

    @Test
    void plan_rehearse_attaches_a_rehearsal_that_restored_the_schema() throws Exception {
        CliRunner.Run r = run("plan", "--format", "json", "--rehearse", "--schema", "examples/schema.sql",
                "examples/migrations/V3__index_payments_order_id.sql");
        assertEquals(0, r.exit(), r.err());
        JsonNode reh = new ObjectMapper().readTree(r.out()).path("rehearsal");
        assertTrue(reh.path("ran").asBoolean(), reh.toString());
        assertTrue(reh.path("schema_restored").asBoolean(), reh.toString());
    }

    @Test
    void from_to_generates_the_migration_and_write_emits_tool_files() throws Exception {
        Files.writeString(dir.resolve("old.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, a text);");
        Files.writeString(dir.resolve("new.sql"), "CREATE TABLE t (id bigint PRIMARY KEY, a text, b int);\n"
                + "CREATE INDEX t_a_idx ON t (a);");
        CliRunner.Run r = run("plan", "--format", "json", "--from", dir.resolve("old.sql").toString(), "--to",
                dir.resolve("new.sql").toString(), "--write", dir.resolve("out").toString(), "--style", "flyway");
        assertEquals(0, r.exit(), r.err());
        String json = r.out();
        assertTrue(json.contains("CONCURRENTLY"), "the generated index is built concurrently");
        try (Stream<Path> files = Files.list(dir.resolve("out"))) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith("V")), "flyway-style files");
        }
    }

    @Test
    void bad_usage_is_exit_2() {
        assertEquals(2, run("plan").exit());
        assertEquals(2, run("plan", "--from", "examples/schema.sql").exit());
        assertEquals(2, run("plan", "--style", "liquibase", "--write", dir.toString(),
                "examples/migrations/V3__index_payments_order_id.sql").exit());
    }
}
