package io.schemapilot.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.report.Risk;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Structural validation against the parts of the SARIF 2.1.0 schema that code-scanning uploads need. */
public class SarifRendererTest {
    private static final Set<String> LEVELS = Set.of("none", "note", "warning", "error");

    /** Required keys and valid values; used by the CLI tests too. */
    public static void assertValidSarif(JsonNode sarif) {
        assertEquals("2.1.0", sarif.path("version").asText());
        assertTrue(sarif.path("$schema").asText().startsWith("https://"), "$schema");
        assertEquals(1, sarif.path("runs").size(), "one run");
        JsonNode run = sarif.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertEquals("schemapilot", driver.path("name").asText());
        assertTrue(driver.path("version").isTextual(), "driver.version");
        assertTrue(driver.path("informationUri").asText().startsWith("https://"), "informationUri");
        assertTrue(driver.path("rules").isArray(), "rules");
        Set<String> ruleIds = new HashSet<>();
        for (JsonNode rule : driver.path("rules")) {
            assertTrue(rule.path("id").isTextual(), "rule.id");
            assertTrue(ruleIds.add(rule.path("id").asText()), "rule ids are unique");
            assertFalse(rule.path("shortDescription").path("text").asText().isBlank(), "shortDescription.text");
            assertFalse(rule.path("help").path("text").asText().isBlank(), "help.text");
            assertTrue(LEVELS.contains(rule.path("defaultConfiguration").path("level").asText()), "default level");
        }
        assertTrue(run.path("results").isArray(), "results");
        for (JsonNode result : run.path("results")) {
            String ruleId = result.path("ruleId").asText();
            assertTrue(ruleIds.contains(ruleId), "result's rule is declared: " + ruleId);
            assertEquals(ruleId, driver.path("rules").get(result.path("ruleIndex").asInt()).path("id").asText(),
                    "ruleIndex points at the rule");
            assertTrue(LEVELS.contains(result.path("level").asText()), "level");
            assertFalse(result.path("message").path("text").asText().isBlank(), "message.text");
            JsonNode loc = result.path("locations").get(0).path("physicalLocation");
            assertFalse(loc.path("artifactLocation").path("uri").asText().isBlank(), "artifactLocation.uri");
            assertTrue(loc.path("region").path("startLine").asInt() >= 1, "startLine");
            assertTrue(loc.path("region").path("startColumn").asInt() >= 1, "startColumn");
        }
    }

    @Test
    void is_structurally_valid_sarif() throws Exception {
        JsonNode sarif = new ObjectMapper().readTree(new SarifRenderer().render(SampleReports.sample()));
        assertValidSarif(sarif);
        JsonNode run = sarif.path("runs").get(0);
        assertEquals(4, run.path("results").size());
        assertEquals(4, run.path("tool").path("driver").path("rules").size());
        assertFalse(run.path("invocations").get(0).path("executionSuccessful").asBoolean(), "a file was not checked");
    }

    @Test
    void levels_follow_risk() {
        assertEquals("error", SarifRenderer.level(Risk.CRITICAL));
        assertEquals("error", SarifRenderer.level(Risk.HIGH));
        assertEquals("warning", SarifRenderer.level(Risk.MEDIUM));
        assertEquals("note", SarifRenderer.level(Risk.LOW));
    }

    @Test
    void uses_rule_info_when_given() throws Exception {
        SarifRenderer r = new SarifRenderer(id -> new RuleInfo(id, "Short " + id + ".", "Do the safe thing.",
                "# " + id, Risk.LOW));
        JsonNode rule = new ObjectMapper().readTree(r.render(SampleReports.sample()))
                .path("runs").get(0).path("tool").path("driver").path("rules").get(0);
        assertEquals("Short add-column-not-null-no-default.", rule.path("shortDescription").path("text").asText());
        assertEquals("# add-column-not-null-no-default", rule.path("help").path("markdown").asText());
        assertEquals("note", rule.path("defaultConfiguration").path("level").asText());
    }

    @Test
    void uris_are_relative_and_encoded() {
        assertEquals("migrations/V1__a%20b.sql", SarifRenderer.uri("migrations/V1__a b.sql"));
        assertEquals("file:///tmp/x.sql", SarifRenderer.uri("/tmp/x.sql"));
    }
}
