package io.schemapilot.agent.markdown;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs text whose UTF-8 bytes were once decoded as Windows-1252 / Latin-1 and saved again, which turns
 * {@code 🧠} into {@code ðŸ§ } and {@code é} into {@code Ã©}. A sequence is replaced only when its characters map
 * back to bytes that form one valid UTF-8 character and that character, read the wrong way again, gives exactly
 * the original sequence (the repair round-trips). A sequence that starts like a multi-byte character but is cut
 * short (a byte was lost on the way) is kept as it is and reported.
 */
public final class Mojibake {

    /**
     * @param text       the repaired text
     * @param repaired   how many sequences were replaced
     * @param examples   up to three "{@code ðŸ§  -> 🧠}" samples
     * @param unrepaired "line N: 'ðŸ’'" for each broken sequence kept as it was
     */
    public record Repair(String text, int repaired, List<String> examples, List<String> unrepaired) {
        public Repair {
            examples = List.copyOf(examples);
            unrepaired = List.copyOf(unrepaired);
        }

        public boolean changed() {
            return repaired > 0;
        }
    }

    private Mojibake() {
    }

    public static Repair repair(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> examples = new ArrayList<>();
        List<String> unrepaired = new ArrayList<>();
        int repaired = 0;
        int line = 1;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= 0xC2 && c <= 0xF4) {
                int need = c <= 0xDF ? 1 : c <= 0xEF ? 2 : 3;
                byte[] buf = new byte[need + 1];
                buf[0] = (byte) c;
                int k = 0;
                while (k < need && i + 1 + k < n) {
                    int b = Cp1252.toByte(text.charAt(i + 1 + k));
                    if (b < 0x80 || b > 0xBF) {
                        break;
                    }
                    buf[k + 1] = (byte) b;
                    k++;
                }
                if (k == need) {
                    String original = text.substring(i, i + 1 + need);
                    String decoded = strictUtf8(buf);
                    if (decoded != null && wrongWayAgain(decoded).equals(original)) {
                        out.append(decoded);
                        repaired++;
                        if (examples.size() < 3) {
                            examples.add(original.strip() + " -> " + decoded);
                        }
                        i += 1 + need;
                        continue;
                    }
                } else if (k >= 1 && need >= 2) {
                    unrepaired.add("line " + line + ": '" + text.substring(i, i + 1 + k) + "'");
                }
            }
            if (c == '\n') {
                line++;
            }
            out.append(c);
            i++;
        }
        return new Repair(repaired == 0 ? text : out.toString(), repaired, examples, unrepaired);
    }

    /** One-line summary of a repair for a load warning, or null when nothing was found. */
    public static String describe(Repair r) {
        List<String> parts = new ArrayList<>();
        if (r.repaired() > 0) {
            parts.add("repaired " + r.repaired() + " mis-encoded character" + (r.repaired() == 1 ? "" : "s")
                    + " (UTF-8 that had been read as Windows-1252), e.g. " + String.join(", ", r.examples()));
        }
        if (!r.unrepaired().isEmpty()) {
            List<String> shown = r.unrepaired().size() > 3 ? r.unrepaired().subList(0, 3) : r.unrepaired();
            parts.add("kept " + r.unrepaired().size() + " mis-encoded sequence" + (r.unrepaired().size() == 1 ? "" : "s")
                    + " that cannot be repaired (a byte is missing): " + String.join(", ", shown)
                    + (r.unrepaired().size() > 3 ? ", ..." : ""));
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    private static String strictUtf8(byte[] bytes) {
        try {
            CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            String s = cb.toString();
            return s.codePointCount(0, s.length()) == 1 ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String wrongWayAgain(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Cp1252.decode(b, 0, b.length);
    }
}
