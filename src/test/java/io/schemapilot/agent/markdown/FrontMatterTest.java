package io.schemapilot.agent.markdown;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontMatterTest {

    private final FrontMatter fm = new FrontMatter(List.of("name", "description", "model", "tools", "skills"));

    @Test
    void strict_yaml_front_matter_and_a_body_that_contains_dashes() throws Exception {
        FrontMatter.Document d = fm.parse("---\nname: a\nskills:\n  - x\n  - y\n---\n\nBody\n\n---\n\nmore\n");
        assertTrue(d.present());
        assertFalse(d.lenient());
        assertEquals("a", d.fields().get("name").asText());
        assertEquals(2, d.fields().get("skills").size());
        assertEquals("\nBody\n\n---\n\nmore\n", d.body());
        assertEquals(7, d.bodyLine());
        assertTrue(d.warnings().isEmpty());
    }

    @Test
    void no_front_matter_is_all_body() throws Exception {
        FrontMatter.Document d = fm.parse("# Title\n\ntext");
        assertFalse(d.present());
        assertEquals(0, d.fields().size());
        assertEquals("# Title\n\ntext", d.body());
    }

    @Test
    void unclosed_front_matter_is_an_error() {
        FrontMatterException e = assertThrows(FrontMatterException.class, () -> fm.parse("---\nname: a\n\nbody"));
        assertTrue(e.getMessage().contains("never closed"), e.getMessage());
    }

    @Test
    void lenient_reading_keeps_lists_and_takes_broken_values_as_text() throws Exception {
        String text = "---\nname: x\ndescription: Use when: things break\n  and more: here\ntools:\n  - a\n  - b\nmodel: 'opus'\n---\nbody";
        FrontMatter.Document d = fm.parse(text);
        assertTrue(d.lenient());
        assertEquals("Use when: things break\n  and more: here", d.fields().get("description").asText());
        assertTrue(d.fields().get("tools").isArray());
        assertEquals("opus", d.fields().get("model").asText());
        String w = d.warnings().get(0);
        assertTrue(w.startsWith("front matter is not valid YAML ("), w);
        assertTrue(w.contains("'description' (lines 3-4) as plain text"), w);
    }

    @Test
    void lenient_reading_does_not_split_at_labels_inside_examples() throws Exception {
        String text = "---\nname: x\ndescription: Helps. Examples:\n\n<example>\nContext: c\nuser: \"u\"\nstrange: s\n"
                + "</example>\nuser: \"also a label\"\nmodel: opus\n---\n";
        FrontMatter.Document d = fm.parse(text);
        String desc = d.fields().get("description").asText();
        assertTrue(desc.contains("strange: s"), desc);
        assertTrue(desc.endsWith("user: \"also a label\""), desc);
        assertEquals("opus", d.fields().get("model").asText());
        assertEquals(3, d.fields().size());
    }

    @Test
    void lenient_reading_reports_repeated_fields_and_stray_lines() throws Exception {
        String text = "---\nstray words before any key\nname: one: two\nname: three\n---\n";
        FrontMatter.Document d = fm.parse(text);
        assertEquals("three", d.fields().get("name").asText());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("line 2 is not a 'key: value' field")), d.warnings().toString());
        assertTrue(d.warnings().stream().anyMatch(w -> w.contains("'name' appears twice")), d.warnings().toString());
    }
}
