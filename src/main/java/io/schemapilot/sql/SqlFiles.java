package io.schemapilot.sql;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reading SQL files as text, with the problems in plain words: one decoder for the CLI's migration files and for the
 * files services read by path (a schema, {@code --from}/{@code --to}), so that no caller passes on a JDK decoder's
 * message such as "Input length = 1".
 */
public final class SqlFiles {
    private SqlFiles() {
    }

    /** Decoded text, or why the bytes are not SQL text (then {@code text} is null). */
    public record Decoded(String text, String problem) {
        static Decoded text(String text) {
            return new Decoded(text, null);
        }

        static Decoded problem(String problem) {
            return new Decoded(null, problem);
        }
    }

    /**
     * The file's text.
     *
     * @param what how the file was given, e.g. {@code --schema}; starts every message
     * @throws IllegalArgumentException one line: missing, a folder, not SQL text (see {@link #decode}), unreadable
     */
    public static String readText(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " " + file + ": is a folder; pass a .sql file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + ": no such file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
        Decoded d = decode(bytes);
        if (d.problem() != null) {
            throw new IllegalArgumentException(what + " " + file + ": " + d.problem());
        }
        return d.text();
    }

    /**
     * Checks the bytes are UTF-8 SQL text and decodes them (a UTF-8 byte-order mark is dropped); otherwise says
     * why not in words: UTF-16, binary (a NUL byte), or the first invalid UTF-8 byte with its line and column.
     */
    public static Decoded decode(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return Decoded.problem("is UTF-16 text (byte-order mark at the start); save it as UTF-8");
        }
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                return Decoded.problem("binary file (NUL byte at offset " + i
                        + "), not SQL text; pass a .sql text file");
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            // the common case, and valid UTF-8 as it is: one copy, instead of a decoder, a char buffer and another copy
            return Decoded.text(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF ? 3 : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length - start);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int from = Math.max(lineStart, start);
            int column = new String(bytes, from, offset - from, StandardCharsets.UTF_8).codePointCount(0, offset - from) + 1;
            return Decoded.problem(String.format(Locale.ROOT,
                    "invalid UTF-8 at byte offset %d (line %d, column %d: byte 0x%02X); save the file as UTF-8"
                            + " (e.g. iconv -f latin1 -t utf-8)", offset, line, column, bytes[offset] & 0xFF));
        }
        out.flip();
        return Decoded.text(out.toString());
    }
}
