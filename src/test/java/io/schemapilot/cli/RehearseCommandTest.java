package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearseCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("schema.sql"), """
                CREATE TABLE users (id bigint PRIMARY KEY, email text);
                INSERT INTO users SELECT g, 'u' || g FROM generate_series(1, 100) g;
                """);
        Files.writeString(dir.resolve("up.sql"), """
                SET lock_timeout = '2s';
                ALTER TABLE users ADD COLUMN status text;
                CREATE INDEX CONCURRENTLY users_email_idx ON users (email);
                """);
        Files.writeString(dir.resolve("down.sql"), """
                DROP INDEX CONCURRENTLY users_email_idx;
                ALTER TABLE users DROP COLUMN status;
                """);
        Files.writeString(dir.resolve("bad_down.sql"), "ALTER TABLE users DROP COLUMN status;");
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void a_down_that_restores_the_schema_passes_with_json_in_the_contract_shape() throws Exception {
        CliRunner.Run r = run("rehearse", p("up.sql"), "--down", p("down.sql"), "--schema", p("schema.sql"),
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode reh = new ObjectMapper().readTree(r.out()).path("rehearsal");
        for (String key : new String[] {"ran", "up_ok", "down_ok", "reapply_ok", "schema_restored", "locks",
                "rewrites", "differences"}) {
            assertFalse(reh.path(key).isMissingNode(), key);
        }
        assertTrue(reh.path("schema_restored").asBoolean());
        assertEquals("ACCESS EXCLUSIVE", reh.path("locks").get(0).path("lock").asText());
    }

    @Test
    void a_down_that_forgets_the_index_fails_and_lists_the_difference() throws Exception {
        CliRunner.Run r = run("rehearse", p("up.sql"), "--down", p("bad_down.sql"), "--schema", p("schema.sql"),
                "--format", "json");
        assertEquals(1, r.exit());
        JsonNode reh = new ObjectMapper().readTree(r.out()).path("rehearsal");
        assertFalse(reh.path("schema_restored").asBoolean());
        assertTrue(reh.path("differences").toString().contains("users_email_idx"), reh.toString());
    }

    @Test
    void the_schema_source_is_required_and_bad_input_is_a_usage_error() {
        assertEquals(2, run("rehearse", p("up.sql")).exit());
        assertEquals(2, run("rehearse", p("missing.sql"), "--schema", p("schema.sql")).exit());
        CliRunner.Run r = run("rehearse", p("up.sql"), "--down", p("nope.sql"), "--schema", p("schema.sql"));
        assertEquals(2, r.exit());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
