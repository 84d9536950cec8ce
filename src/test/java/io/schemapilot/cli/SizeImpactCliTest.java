package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --db} puts the tables' real sizes into the findings: durations on big tables, lower risk on tiny. */
class SizeImpactCliTest {
    @TempDir
    Path dir;

    private static JsonNode finding(JsonNode report, String hazard, String object) {
        for (JsonNode f : report.path("files").get(0).path("findings")) {
            if (f.path("hazard").asText().equals(hazard) && f.path("object").asText().equals(object)) {
                return f;
            }
        }
        return null;
    }

    @Test
    void check_with_db_says_how_long_the_lock_is_held_and_lowers_the_risk_of_tiny_tables() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.fresh()) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE big (id bigint PRIMARY KEY, note text);
                        INSERT INTO big SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 200000) g;
                        CREATE TABLE tiny (id bigint PRIMARY KEY, note text);
                        INSERT INTO tiny SELECT g, 'n' || g FROM generate_series(1, 40) g;
                        ANALYZE big;
                        ANALYZE tiny;
                        """);
            }
            Files.writeString(dir.resolve("m.sql"), """
                    SET lock_timeout = '2s';
                    CREATE INDEX big_note ON big (note);
                    CREATE INDEX tiny_note ON tiny (note);
                    """);
            CliRunner.Run r = run("check", "--format", "json", "--data-checks", "off", "--db", db.jdbcUrl(),
                    dir.resolve("m.sql").toString());
            assertEquals(1, r.exit(), r.err());
            JsonNode report = new ObjectMapper().readTree(r.out());

            JsonNode big = finding(report, "create-index-non-concurrent", "public.big");
            assertNotNull(big, r.out());
            assertEquals("high", big.path("risk").asText());
            String m = big.path("message").asText();
            assertTrue(m.matches("(?s).* On public\\.big \\(\\d+ MB, about 200,000 rows\\) the SHARE lock is held for"
                    + " about \\d+ s \\(estimated from the catalog's sizes\\)\\."), m);

            JsonNode tiny = finding(report, "create-index-non-concurrent", "public.tiny");
            assertNotNull(tiny, r.out());
            assertEquals("medium", tiny.path("risk").asText());
            assertTrue(tiny.path("message").asText().matches("(?s).* Risk lowered: public\\.tiny is small \\(40 rows,"
                    + " \\d+ kB\\), so the lock is held for well under a second\\."), tiny.toString());
        }
    }
}
