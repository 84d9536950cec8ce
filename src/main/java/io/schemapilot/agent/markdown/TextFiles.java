package io.schemapilot.agent.markdown;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a small text file the lenient way: strips a byte-order mark, accepts UTF-16 with a BOM, falls back to
 * Windows-1252 when the bytes are not UTF-8, normalises line ends to {@code \n} and repairs mis-encoded
 * characters ({@link Mojibake}). Everything it had to do is reported as a warning; only a file that is not text
 * at all, or too large, is refused.
 */
public final class TextFiles {

    /** Persona, skill and manifest files are small; anything bigger is almost certainly the wrong file. */
    public static final long MAX_BYTES = 1_000_000;

    /** The decoded text and what had to be done to get it. */
    public record Text(String text, List<String> warnings) {
        public Text {
            warnings = List.copyOf(warnings);
        }
    }

    private TextFiles() {
    }

    /** @throws IOException when the file cannot be read, is larger than {@link #MAX_BYTES} or is binary */
    public static Text read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw new IOException("file is " + size + " bytes; the limit for these files is " + MAX_BYTES);
        }
        return decode(Files.readAllBytes(file));
    }

    /** @throws IOException when the bytes are binary (contain NUL outside UTF-16) */
    public static Text decode(byte[] bytes) throws IOException {
        List<String> warnings = new ArrayList<>();
        String text;
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
            warnings.add("file is UTF-16 (big-endian); read it as such");
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
            warnings.add("file is UTF-16 (little-endian); read it as such");
        } else {
            for (byte b : bytes) {
                if (b == 0) {
                    throw new IOException("binary file (contains NUL bytes), not Markdown or YAML text");
                }
            }
            int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
            try {
                text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                        .toString();
            } catch (CharacterCodingException e) {
                text = Cp1252.decode(bytes, start, bytes.length);
                warnings.add("file is not valid UTF-8 (first bad byte at offset " + firstBadUtf8(bytes, start)
                        + "); read it as Windows-1252");
            }
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        Mojibake.Repair repair = Mojibake.repair(text);
        String note = Mojibake.describe(repair);
        if (note != null) {
            warnings.add(note);
        }
        return new Text(repair.text(), warnings);
    }

    private static int firstBadUtf8(byte[] bytes, int start) {
        int i = start;
        while (i < bytes.length) {
            int b = bytes[i] & 0xFF;
            int need = b < 0x80 ? 0 : b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            if (need < 0) {
                return i;
            }
            for (int k = 1; k <= need; k++) {
                if (i + k >= bytes.length || (bytes[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += need + 1;
        }
        return i;
    }
}
