package io.schemapilot.agent.markdown;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MojibakeTest {

    /** What an editor produces when it reads UTF-8 as Windows-1252 and saves the result as UTF-8. */
    private static String mangle(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Cp1252.decode(b, 0, b.length);
    }

    @Test
    void repairs_emoji_and_accents_that_round_trip() {
        String text = "## " + mangle("\uD83E\uDDE0") + " Identity, caf" + mangle("\u00e9") + ", 10" + mangle("\u20ac");
        Mojibake.Repair r = Mojibake.repair(text);
        assertEquals("## \uD83E\uDDE0 Identity, caf\u00e9, 10\u20ac", r.text());
        assertEquals(3, r.repaired());
        assertTrue(r.unrepaired().isEmpty());
        assertTrue(Mojibake.describe(r).contains("repaired 3 mis-encoded characters"));
    }

    @Test
    void keeps_and_reports_a_sequence_that_lost_a_byte() {
        String text = "line one\n## \u00f0\u0178\u2019 Your Style";
        Mojibake.Repair r = Mojibake.repair(text);
        assertEquals(text, r.text());
        assertEquals(0, r.repaired());
        assertEquals(1, r.unrepaired().size());
        assertTrue(r.unrepaired().get(0).startsWith("line 2:"), r.unrepaired().toString());
        assertTrue(Mojibake.describe(r).contains("cannot be repaired"));
    }

    @Test
    void leaves_clean_text_alone() {
        String text = "Plain ASCII, caf\u00e9 cr\u00e8me, \u20ac 5, \u00c4rger, \uD83E\uDDE0 already fine";
        Mojibake.Repair r = Mojibake.repair(text);
        assertSame(text, r.text());
        assertFalse(r.changed());
        assertEquals(null, Mojibake.describe(r));
    }

    @Test
    void text_files_fall_back_to_windows_1252_and_refuse_binary() throws IOException {
        TextFiles.Text t = TextFiles.decode("caf\u00e9\r\nnext".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("caf\u00e9\nnext", t.text());
        assertTrue(t.warnings().get(0).contains("not valid UTF-8 (first bad byte at offset 3)"), t.warnings().toString());

        TextFiles.Text bom = TextFiles.decode("\uFEFF---\nname: x".getBytes(StandardCharsets.UTF_8));
        assertEquals("---\nname: x", bom.text());
        assertTrue(bom.warnings().isEmpty());

        IOException e = assertThrows(IOException.class, () -> TextFiles.decode(new byte[]{'a', 0, 'b'}));
        assertTrue(e.getMessage().contains("binary"));
    }
}
