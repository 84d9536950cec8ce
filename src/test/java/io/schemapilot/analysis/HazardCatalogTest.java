package io.schemapilot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.report.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hazard id of {@code hazard-ids.json} has: a rule class, a doc with Problem / Solution (Instead of / Use) /
 * Links, a bad and a good example (the bad one is flagged with the id, the good one is not), and a test class.
 */
class HazardCatalogTest {
    private static final String RES = "/io/schemapilot/analysis/rules/";

    @Test
    void the_enum_matches_hazard_ids_json() throws IOException {
        Set<String> json = new TreeSet<>();
        try (InputStream in = Hazard.class.getResourceAsStream("hazard-ids.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String id = it.next();
                if (!id.startsWith("_")) {
                    json.add(id);
                    Hazard h = Hazard.byId(id);
                    assertTrue(h != null, "no enum constant for " + id);
                    assertEquals(root.get(id).get("risk").asText(), h.defaultRisk().id(), id + " default risk");
                }
            }
        }
        Set<String> enumIds = new TreeSet<>();
        for (Hazard h : Hazard.values()) {
            enumIds.add(h.id());
        }
        assertEquals(json, enumIds);
        assertEquals(60, enumIds.size());
    }

    @Test
    void the_rule_list_has_one_rule_per_hazard_in_hazard_order() {
        List<Hazard> hazards = new ArrayList<>();
        for (Rule r : Rules.all()) {
            hazards.add(r.hazard());
        }
        assertEquals(List.of(Hazard.values()), hazards);
    }

    @TestFactory
    List<DynamicTest> every_hazard_has_rule_doc_examples_and_test() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Hazard h : Hazard.values()) {
            tests.add(DynamicTest.dynamicTest(h.id(), () -> {
                Rule rule = Rules.forHazard(h);
                assertTrue(rule != null, "missing rule class " + Rules.PACKAGE + "." + h.ruleClassName());
                assertEquals(h, rule.hazard(), "rule class reports another hazard");
                assertEquals(Rules.PACKAGE + "." + h.ruleClassName(), rule.getClass().getName(),
                        "the rule of " + h.id() + " is named after it");
                String doc = resource(h.id() + ".md");
                assertTrue(doc.contains("id: " + h.id()), h.id() + ".md: front matter id");
                assertTrue(doc.contains("## Problem"), h.id() + ".md: ## Problem");
                assertTrue(doc.contains("## Solution"), h.id() + ".md: ## Solution");
                assertTrue(doc.contains("Instead of") && doc.contains("Use"), h.id() + ".md: Instead of / Use");
                assertTrue(doc.contains("## Links") && doc.contains("https://"), h.id() + ".md: ## Links");
                Path test = Path.of("src/test/java/io/schemapilot/analysis/rules/" + h.ruleClassName() + "Test.java");
                assertTrue(Files.exists(test), "missing test " + test);
                String testSrc = Files.readString(test);
                assertTrue(count(testSrc, "void flags_") >= 2, test + ": needs at least two flags_ cases");
                assertTrue(count(testSrc, "void allows_") >= 2, test + ": needs at least two allows_ cases");

                AnalysisSettings s = exampleSettings(h);
                List<Finding> bad = RuleTesting.run(resource(h.id() + ".bad.sql"), s, null);
                assertTrue(bad.stream().anyMatch(f -> f.hazard().equals(h.id())),
                        h.id() + ".bad.sql is not flagged with " + h.id());
                List<Finding> good = RuleTesting.run(resource(h.id() + ".good.sql"), s, null);
                assertTrue(good.stream().noneMatch(f -> f.hazard().equals(h.id())),
                        h.id() + ".good.sql is flagged with " + h.id());
            }));
        }
        return tests;
    }

    /** Examples run with hygiene on; an example may set its version with a first line "-- pg-version: 10". */
    private static AnalysisSettings exampleSettings(Hazard h) throws IOException {
        AnalysisSettings s = RuleTesting.settings();
        String bad = resource(h.id() + ".bad.sql");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("--\\s*pg-version:\\s*([0-9.]+)").matcher(bad);
        if (m.find()) {
            s = s.withPgVersion(PgVersion.parse(m.group(1)));
        }
        if (bad.contains("-- assume-in-transaction")) {
            s = s.withAssumeInTransaction(true);
        }
        return s;
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HazardCatalogTest.class.getResourceAsStream(RES + name)) {
            assertTrue(in != null, "missing resource " + RES + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
