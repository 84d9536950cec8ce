package io.schemapilot.cli;

import io.schemapilot.project.NaturalOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Turns the {@code FILE} arguments of {@code check} into SQL texts, or into one clear problem per input: a missing
 * or unreadable file, a directory without {@code *.sql} files, a file over the size limit, a binary file, text that
 * is not UTF-8. A directory stands for its {@code *.sql} files (not recursive), in natural order
 * ({@code V2__} before {@code V10__}); {@code -} is standard input.
 */
final class SourceFiles {
    static final String STDIN_PATH = "<stdin>";
    static final long DEFAULT_MAX_BYTES = 10L << 20;

    /** One input: its text, or why it has none. */
    sealed interface Source permits Loaded, Unreadable {
        String path();
    }

    record Loaded(String path, String text, long bytes) implements Source {
    }

    /** @param problem what is wrong and what to do, without the path */
    record Unreadable(String path, String problem) implements Source {
    }

    private final long maxBytes;
    private final InputStream stdin;

    SourceFiles(long maxBytes, InputStream stdin) {
        this.maxBytes = maxBytes;
        this.stdin = stdin;
    }

    /** The inputs of one {@code FILE} argument (several for a directory). */
    List<Source> expand(String arg) {
        if (arg.equals("-")) {
            return List.of(readStdin());
        }
        Path path = Path.of(arg);
        if (Files.isDirectory(path)) {
            return directory(arg, path);
        }
        return List.of(readFile(arg, path));
    }

    /** One file by its path (never standard input, never a directory listing), shown as {@code shown}. */
    Source file(String shown, Path path) {
        return readFile(shown, path);
    }

    private List<Source> directory(String arg, Path dir) {
        List<Path> sql = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.{sql,SQL}")) {
            for (Path p : entries) {
                if (Files.isRegularFile(p)) {
                    sql.add(p);
                }
            }
        } catch (IOException e) {
            return List.of(new Unreadable(arg, "cannot list this directory (" + reason(e) + "); check its permissions"));
        }
        if (sql.isEmpty()) {
            return List.of(new Unreadable(arg, "is a directory with no *.sql files; pass migration files or a folder that holds them"));
        }
        sql.sort(Comparator.comparing((Path p) -> p.getFileName().toString(), SourceFiles::naturalCompare));
        String prefix = arg.endsWith("/") || arg.endsWith("\\") ? arg : arg + "/";
        List<Source> out = new ArrayList<>();
        for (Path p : sql) {
            out.add(readFile(prefix + p.getFileName(), p));
        }
        return out;
    }

    private Source readFile(String shown, Path path) {
        try {
            if (!Files.exists(path)) {
                return new Unreadable(shown, "no such file; check the path (or pass - to read standard input)");
            }
            if (Files.isRegularFile(path)) {
                long size = Files.size(path);
                if (size > maxBytes) {
                    return new Unreadable(shown, "file is " + size(size) + ", over the " + size(maxBytes)
                            + " limit; split it, or raise the limit with --max-file-size " + suggestLimit(size));
                }
            }
            try (InputStream in = Files.newInputStream(path)) {
                return decode(shown, readLimited(in));
            }
        } catch (AccessDeniedException e) {
            return new Unreadable(shown, "permission denied; make the file readable");
        } catch (NoSuchFileException e) {
            return new Unreadable(shown, "no such file; check the path (or pass - to read standard input)");
        } catch (IOException e) {
            return new Unreadable(shown, "cannot read (" + reason(e) + ")");
        } catch (TooLarge e) {
            return new Unreadable(shown, "more than " + size(maxBytes) + "; split it, or raise the limit with --max-file-size");
        }
    }

    private Source readStdin() {
        try {
            return decode(STDIN_PATH, readLimited(stdin));
        } catch (IOException e) {
            return new Unreadable(STDIN_PATH, "cannot read standard input (" + reason(e) + ")");
        } catch (TooLarge e) {
            return new Unreadable(STDIN_PATH, "more than " + size(maxBytes)
                    + " on standard input; split it, or raise the limit with --max-file-size");
        }
    }

    private static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private byte[] readLimited(InputStream in) throws IOException, TooLarge {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1);
        byte[] bytes = in.readNBytes(cap);
        if (bytes.length > maxBytes) {
            throw new TooLarge();
        }
        return bytes;
    }

    /** Checks the bytes are UTF-8 text and decodes them (a UTF-8 byte-order mark is dropped). */
    static Source decode(String shown, byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            return new Unreadable(shown, "is UTF-16 text (byte-order mark at the start); save it as UTF-8");
        }
        boolean ascii = true;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == 0) {
                return new Unreadable(shown, "binary file (NUL byte at offset " + i
                        + "), not SQL text; pass a .sql text file");
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            // the common case, and valid UTF-8 as it is: one copy, instead of a decoder, a char buffer and another copy
            return new Loaded(shown, new String(bytes, StandardCharsets.ISO_8859_1), bytes.length);
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
            return new Unreadable(shown, String.format(Locale.ROOT,
                    "invalid UTF-8 at byte offset %d (line %d, column %d: byte 0x%02X); save the file as UTF-8"
                            + " (e.g. iconv -f latin1 -t utf-8)", offset, line, column, bytes[offset] & 0xFF));
        }
        out.flip();
        return new Loaded(shown, out.toString(), bytes.length);
    }

    /** "10 MB", "20.5 MB", "512 KB", "12 bytes". */
    static String size(long bytes) {
        if (bytes >= 1L << 20) {
            double mb = bytes / (double) (1L << 20);
            return (mb == Math.rint(mb) ? String.valueOf((long) mb) : String.format(Locale.ROOT, "%.1f", mb)) + " MB";
        }
        if (bytes >= 1L << 10) {
            double kb = bytes / (double) (1L << 10);
            return (kb == Math.rint(kb) ? String.valueOf((long) kb) : String.format(Locale.ROOT, "%.1f", kb)) + " KB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }

    private static String suggestLimit(long size) {
        long mb = (size + (1L << 20) - 1) >> 20;
        return Math.max(1, mb) + "MB";
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The order of a directory's files: digit runs as numbers (V2__a.sql before V10__b.sql), V1__a before V1_1__a. */
    static int naturalCompare(String a, String b) {
        return NaturalOrder.VERSIONS.compare(a, b);
    }
}
