package io.schemapilot.cli;

import io.schemapilot.project.NaturalOrder;
import io.schemapilot.sql.SqlFiles;
import java.io.IOException;
import java.io.InputStream;
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

    /** Checks the bytes are UTF-8 text and decodes them (a UTF-8 byte-order mark is dropped): {@link SqlFiles#decode}. */
    static Source decode(String shown, byte[] bytes) {
        SqlFiles.Decoded d = SqlFiles.decode(bytes);
        return d.problem() != null ? new Unreadable(shown, d.problem()) : new Loaded(shown, d.text(), bytes.length);
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
