package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} runs the data checks its findings call for when real data is there, and they shape the findings. */
class DataChecksCliTest {
    private static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text, referred_by bigint);
            INSERT INTO users SELECT g, CASE WHEN g % 100 = 0 THEN NULL ELSE 'u' || g || '@x.io' END,
                   CASE WHEN g % 50 = 0 THEN g + 100000 END
            FROM generate_series(1, 1000) g;
            """;
    private static final String MIGRATION = """
            SET lock_timeout = '2s';
            ALTER TABLE users ALTER COLUMN email SET NOT NULL;
            ALTER TABLE users ADD CONSTRAINT users_ref_fk FOREIGN KEY (referred_by) REFERENCES users (id) NOT VALID;
            """;

    @TempDir
    Path dir;

    private static Map<String, JsonNode> checks(JsonNode report) {
        Map<String, JsonNode> out = new HashMap<>();
        report.path("data_checks").forEach(c -> out.put(c.get("id").asText(), c));
        return out;
    }

    @Test
    void a_schema_file_with_data_gets_exact_data_checks_that_raise_the_findings() throws Exception {
        Files.writeString(dir.resolve("schema.sql"), SCHEMA);
        Files.writeString(dir.resolve("m.sql"), MIGRATION);
        CliRunner.Run r = run("check", "--format", "json", "--schema", dir.resolve("schema.sql").toString(),
                dir.resolve("m.sql").toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        Map<String, JsonNode> checks = checks(report);
        assertEquals(10, checks.get("nulls-users-email").path("result").path("count").asLong());
        assertFalse(checks.get("nulls-users-email").path("passed").asBoolean());
        assertTrue(checks.get("nulls-users-email").path("exact").asBoolean());
        assertEquals(20, checks.get("orphans-users-referred_by").path("result").path("count").asLong());
        JsonNode setNotNull = null;
        for (JsonNode f : report.path("files").get(0).path("findings")) {
            if (f.path("hazard").asText().equals("set-not-null-full-scan")) {
                setNotNull = f;
            }
        }
        assertTrue(setNotNull != null && setNotNull.path("message").asText().contains("10 rows"),
                "the finding says what the data check found");
    }

    @Test
    void a_schema_file_without_data_runs_no_data_checks_and_off_turns_them_off() throws Exception {
        Files.writeString(dir.resolve("schema.sql"), "CREATE TABLE users (id bigint PRIMARY KEY, email text, referred_by bigint);");
        Files.writeString(dir.resolve("m.sql"), MIGRATION);
        CliRunner.Run r = run("check", "--format", "json", "--schema", dir.resolve("schema.sql").toString(),
                dir.resolve("m.sql").toString());
        assertTrue(new ObjectMapper().readTree(r.out()).path("data_checks").isMissingNode(), r.out());
        Files.writeString(dir.resolve("schema.sql"), SCHEMA);
        CliRunner.Run off = run("check", "--format", "json", "--data-checks", "off", "--schema",
                dir.resolve("schema.sql").toString(), dir.resolve("m.sql").toString());
        assertTrue(new ObjectMapper().readTree(off.out()).path("data_checks").isMissingNode());
        CliRunner.Run bad = run("check", "--data-checks", "sometimes", dir.resolve("m.sql").toString());
        assertEquals(2, bad.exit());
    }

    @Test
    void check_against_a_live_database_reads_its_catalog_and_data() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute(SCHEMA);
            }
            Files.writeString(dir.resolve("m.sql"), MIGRATION);
            CliRunner.Run r = run("check", "--format", "json", "--db", db.jdbcUrl(), dir.resolve("m.sql").toString());
            assertEquals(1, r.exit(), r.err());
            JsonNode report = new ObjectMapper().readTree(r.out());
            assertEquals(10, checks(report).get("nulls-users-email").path("result").path("count").asLong());
            assertTrue(report.path("assumptions").toString().contains("server's version"), report.toString());
        });
    }
}
