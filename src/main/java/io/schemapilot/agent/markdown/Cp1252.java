package io.schemapilot.agent.markdown;

/**
 * Windows-1252, both ways, with the five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) mapped to the
 * C1 control characters of the same value, the way most "UTF-8 read as Latin-1" accidents produce them.
 */
final class Cp1252 {
    /** The characters for bytes 0x80..0x9F; {@code 0} marks a byte Windows-1252 leaves undefined. */
    private static final char[] HIGH = {
            '\u20AC', 0, '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
            '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', 0, '\u017D', 0,
            0, '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
            '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', 0, '\u017E', '\u0178'};

    private Cp1252() {
    }

    /** The character byte {@code b} (0..255) stands for. */
    static char toChar(int b) {
        if (b >= 0x80 && b <= 0x9F) {
            char c = HIGH[b - 0x80];
            return c == 0 ? (char) b : c;
        }
        return (char) b;
    }

    /** The byte (0..255) that decodes to {@code c}, or -1 when no byte does. */
    static int toByte(char c) {
        if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
            return c;
        }
        if (c >= 0x80 && c <= 0x9F) {
            return HIGH[c - 0x80] == 0 ? c : -1;
        }
        for (int i = 0; i < HIGH.length; i++) {
            if (HIGH[i] == c) {
                return 0x80 + i;
            }
        }
        return -1;
    }

    /** Decodes every byte, never failing. */
    static String decode(byte[] bytes, int from, int to) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            sb.append(toChar(bytes[i] & 0xFF));
        }
        return sb.toString();
    }
}
