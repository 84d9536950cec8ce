package io.schemapilot.report.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    @Test
    void header_names_the_max_risk() {
        String md = new MarkdownRenderer().render(SampleReports.sample());
        assertTrue(md.startsWith("## schemapilot check: max risk **critical**\n"), md);
    }

    @Test
    void every_table_row_has_six_cells_even_with_pipes_in_messages() {
        String md = new MarkdownRenderer().render(SampleReports.sample());
        md.lines().filter(l -> l.startsWith("| ")).forEach(row -> {
            String unescaped = row.replace("\\|", "");
            assertEquals(7, unescaped.chars().filter(c -> c == '|').count(), row);
        });
    }

    @Test
    void html_in_messages_is_escaped() {
        String md = new MarkdownRenderer().render(SampleReports.sample());
        assertTrue(md.contains("a long &lt;query&gt;"));
    }

    @Test
    void fix_sql_is_in_a_fenced_block() {
        String md = new MarkdownRenderer().render(SampleReports.sample());
        assertTrue(md.contains("```sql\nALTER TABLE orders ADD CONSTRAINT orders_user_fk"));
    }

    @Test
    void code_spans_survive_backticks() {
        assertEquals("``a`b``", MarkdownRenderer.code("a`b"));
        assertEquals("`` `x ``", MarkdownRenderer.code("`x"));
        assertEquals("`x\\|y`", MarkdownRenderer.code("x|y"));
    }
}
