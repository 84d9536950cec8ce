package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --rehearse} reports the locks and rewrites of the plan's steps, as {@code rehearse} does for a file. */
class PlanRehearseTraceCommandTest {

    @TempDir
    Path tmp;

    private static JsonNode rehearsal(String migration) throws Exception {
        return rehearsal(migration, "examples/schema.sql");
    }

    private static JsonNode rehearsal(String migration, String schema) throws Exception {
        CliRunner.Run r = run("plan", migration, "--schema", schema, "--rehearse", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode reh = new ObjectMapper().readTree(r.out()).path("rehearsal");
        assertTrue(reh.path("ran").asBoolean(), reh.toString());
        assertTrue(reh.path("up_ok").asBoolean(), reh.toString());
        return reh;
    }

    @Test
    void a_concurrent_index_plan_reports_its_lock_from_the_lock_model() throws Exception {
        JsonNode reh = rehearsal("examples/migrations/V3__index_payments_order_id.sql");
        JsonNode locks = reh.path("locks");
        assertTrue(locks.isArray() && !locks.isEmpty(), reh.toString());
        boolean found = false;
        for (JsonNode l : locks) {
            assertTrue(l.path("step").asText().matches("\\d+\\.\\d+"), "labelled by plan step: " + l);
            if (l.path("object").asText().equals("public.payments")
                    && l.path("lock").asText().equals("SHARE UPDATE EXCLUSIVE")) {
                assertFalse(l.path("observed").asBoolean(true), l.toString());
                found = true;
            }
        }
        assertTrue(found, locks.toString());
    }

    @Test
    void a_rewriting_plan_reports_the_observed_lock_with_its_hazard_and_the_rewrite() throws Exception {
        // a key type change the key swap cannot move (a second UNIQUE constraint on the column) passes through as
        // written: the table is rewritten under ACCESS EXCLUSIVE
        Path schema = tmp.resolve("schema.sql");
        Files.writeString(schema, Files.readString(Path.of("examples/schema.sql"))
                + "\nALTER TABLE orders ADD CONSTRAINT orders_id_key UNIQUE (id);\n");
        Path migration = tmp.resolve("V5__orders_id_bigint.sql");
        Files.writeString(migration, "ALTER TABLE orders ALTER COLUMN id TYPE bigint;\n");
        JsonNode reh = rehearsal(migration.toString(), schema.toString());
        boolean observed = false;
        for (JsonNode l : reh.path("locks")) {
            if (l.path("object").asText().equals("public.orders") && l.path("observed").asBoolean()
                    && l.path("lock").asText().equals("ACCESS EXCLUSIVE")) {
                observed |= l.path("hazards").toString().contains("alter-column-type-rewrite");
            }
        }
        assertTrue(observed, reh.path("locks").toString());
        boolean rewritten = false;
        for (JsonNode w : reh.path("rewrites")) {
            rewritten |= w.path("object").asText().equals("public.orders")
                    && w.path("step").asText().matches("\\d+\\.\\d+");
        }
        assertTrue(rewritten, reh.path("rewrites").toString());
    }
}
