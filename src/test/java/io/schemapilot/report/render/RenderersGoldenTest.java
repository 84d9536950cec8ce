package io.schemapilot.report.render;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class RenderersGoldenTest {

    @Test
    void text_matches_golden() throws IOException {
        io.schemapilot.testing.GoldenFiles.assertMatches("golden", "check.txt", new TextRenderer(false).render(SampleReports.sample()));
    }

    @Test
    void text_of_a_clean_report_matches_golden() throws IOException {
        io.schemapilot.testing.GoldenFiles.assertMatches("golden", "check-clean.txt", new TextRenderer(false).render(SampleReports.clean()));
    }

    @Test
    void markdown_matches_golden() throws IOException {
        String md = new MarkdownRenderer().render(SampleReports.sample());
        assertFalse(md.contains("\u001b"), "no ANSI in Markdown");
        io.schemapilot.testing.GoldenFiles.assertMatches("golden", "check.md", md);
    }

    @Test
    void json_matches_golden() throws IOException {
        io.schemapilot.testing.GoldenFiles.assertMatches("golden", "check.json", new JsonRenderer().render(SampleReports.sample()));
    }

    @Test
    void sarif_matches_golden() throws IOException {
        io.schemapilot.testing.GoldenFiles.assertMatches("golden", "check.sarif", new SarifRenderer().render(SampleReports.sample()));
    }
}
