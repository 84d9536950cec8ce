package io.schemapilot.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract's {@code check --format json} shape (CLI-AND-REPORT.md). */
public class JsonRendererTest {
    static final Set<String> RISKS = Set.of("low", "medium", "high", "critical");
    static final Set<String> LOCKS = Set.of("ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
            "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");

    /** Asserts the contract's keys and value types; used by the CLI tests too. */
    public static void assertContractShape(JsonNode root) {
        assertEquals("schemapilot", root.path("tool").asText());
        assertEquals("0.1.0", root.path("version").asText());
        assertTrue(root.path("pg_version").isTextual(), "pg_version is a string");
        assertTrue(RISKS.contains(root.path("max_risk").asText()), "max_risk");
        assertTrue(root.path("files").isArray(), "files");
        for (JsonNode file : root.path("files")) {
            assertTrue(file.path("path").isTextual(), "path");
            assertTrue(file.path("statements").isInt(), "statements");
            assertTrue(file.path("parse_errors").isArray(), "parse_errors");
            assertTrue(file.path("findings").isArray(), "findings");
            for (JsonNode f : file.path("findings")) {
                for (String key : new String[]{"hazard", "risk", "statement", "line", "column", "object", "lock",
                        "rewrite", "message", "help"}) {
                    assertTrue(f.has(key), "finding has " + key + ": " + f);
                }
                assertTrue(f.path("hazard").asText().matches("[a-z0-9]+(-[a-z0-9]+)*"), "hazard id");
                assertTrue(RISKS.contains(f.path("risk").asText()), "risk");
                assertTrue(f.path("statement").asInt() >= 1 && f.path("line").asInt() >= 1, "1-based numbers");
                assertTrue(f.path("lock").isNull() || LOCKS.contains(f.path("lock").asText()), "lock " + f.path("lock"));
                assertTrue(f.path("rewrite").isBoolean(), "rewrite");
                assertTrue(!f.has("fix") || f.path("fix").isTextual(), "fix");
            }
        }
    }

    @Test
    void has_the_contract_shape() throws Exception {
        JsonNode root = new ObjectMapper().readTree(new JsonRenderer().render(SampleReports.sample()));
        assertContractShape(root);
        assertEquals("critical", root.path("max_risk").asText());
        JsonNode fk = root.path("files").get(0).path("findings").get(1);
        assertEquals("add-foreign-key-validating", fk.path("hazard").asText());
        assertEquals("SHARE ROW EXCLUSIVE", fk.path("lock").asText());
        assertEquals(5, fk.path("line").asInt());
        assertFalse(root.path("files").get(0).has("excerpts"), "excerpts are for renderers only");
        assertFalse(root.path("files").get(0).path("findings").get(0).has("fix"), "no fix: no key");
        assertTrue(root.path("files").get(2).path("error").isTextual(), "unreadable file has error");
    }

    @Test
    void max_risk_is_low_without_findings() throws Exception {
        JsonNode root = new ObjectMapper().readTree(new JsonRenderer().render(SampleReports.clean()));
        assertContractShape(root);
        assertEquals("low", root.path("max_risk").asText());
    }
}
