package io.schemapilot.report.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextRendererTest {

    @Test
    void colour_only_when_asked_for() {
        String plain = new TextRenderer(false).render(SampleReports.sample());
        String colour = new TextRenderer(true).render(SampleReports.sample());
        assertFalse(plain.contains("\u001b["));
        assertTrue(colour.contains("\u001b["));
        assertTrue(colour.replaceAll("\u001b\\[[0-9;]*m", "").equals(plain), "colour adds escapes, nothing else");
    }

    @Test
    void finding_line_has_location_risk_id_and_message() {
        String text = new TextRenderer(false).render(SampleReports.sample());
        assertTrue(text.contains("migrations/V7__orders.sql:5:1  HIGH  add-foreign-key-validating  Adding a validated"));
        assertTrue(text.contains("     5 | ALTER TABLE orders ADD CONSTRAINT orders_user_fk"));
        assertTrue(text.contains("    help: Add it NOT VALID"));
        assertTrue(text.contains("        ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;"));
    }

    @Test
    void summary_counts_by_risk_and_names_the_max() {
        String text = new TextRenderer(false).render(SampleReports.sample());
        assertTrue(text.contains("4 findings (1 critical, 2 high, 1 medium) in 3 files, 1 file not checked (input error);"
                + " max risk: critical"), text);
        assertTrue(new TextRenderer(false).render(SampleReports.clean()).startsWith("0 findings in 1 file; max risk: low"));
    }
}
