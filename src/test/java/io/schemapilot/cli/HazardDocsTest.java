package io.schemapilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.render.RuleInfo;
import org.junit.jupiter.api.Test;

class HazardDocsTest {

    @Test
    void first_sentence_skips_front_matter_headings_and_code() {
        String doc = """
                ---
                id: x
                risk: high
                ---
                # x

                ## Problem

                `ALTER TABLE ... ADD CONSTRAINT ... CHECK (...)` checks every row. It holds a lock.

                ```sql
                SELECT 1;
                ```
                """;
        assertEquals("ALTER TABLE ... ADD CONSTRAINT ... CHECK (...) checks every row.", HazardDocs.firstSentence(doc));
        assertFalse(HazardDocs.stripFrontMatter(doc).contains("risk: high"));
    }

    @Test
    void every_hazard_has_rule_info_with_its_default_risk() {
        for (Hazard h : Hazard.values()) {
            RuleInfo info = HazardDocs.info(h.id());
            assertNotNull(info, h.id());
            assertEquals(h.defaultRisk(), info.defaultRisk());
            if (info.helpMarkdown() != null) {
                assertNotNull(info.shortDescription(), h.id());
                assertFalse(info.shortDescription().isBlank(), h.id());
            }
        }
        assertNull(HazardDocs.info("no-such-hazard"));
    }
}
