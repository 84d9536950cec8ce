package io.schemapilot.cli;

import io.schemapilot.cli.SourceFiles.Loaded;
import io.schemapilot.cli.SourceFiles.Source;
import io.schemapilot.cli.SourceFiles.Unreadable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Collection;

/** Reading input files and writing results for the commands: one clear line and exit 2 when it goes wrong. */
final class CommandIo {
    /** Input files other than migrations (a {@code --schema} dump may hold data) are checked up to this size. */
    static final long CHECKED_BYTES = 256L << 20;

    private CommandIo() {
    }

    /**
     * The file as UTF-8 text; {@code what} names it in the error ("--down", "FILE"), which says what is wrong as
     * {@code check} does for a migration file (missing, a directory, binary, not UTF-8 and where).
     */
    static String readText(Path file, String what) {
        Source s = load(file, what, CHECKED_BYTES);
        return ((Loaded) s).text();
    }

    /**
     * Fails with one line (exit 2) when {@code file} cannot be read as SQL text: missing, a directory, binary, not
     * UTF-8. For the files commands hand to other layers by path ({@code --schema}, {@code --from}, {@code --to}),
     * so the user gets the same clear answer as for a migration file. Files over {@link #CHECKED_BYTES} are only
     * checked to exist.
     */
    static void requireReadable(Path file, String what) {
        if (file == null) {
            return;
        }
        requireFile(file, what);
        try {
            if (Files.size(file) > CHECKED_BYTES) {
                return;
            }
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": cannot read (" + reason(e) + ")");
        }
        load(file, what, CHECKED_BYTES);
    }

    private static Source load(Path file, String what, long maxBytes) {
        requireFile(file, what);
        Source s = new SourceFiles(maxBytes, InputStream.nullInputStream()).file(file.toString(), file);
        if (s instanceof Unreadable u) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": " + u.problem());
        }
        return s;
    }

    private static void requireFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": is a directory; pass a .sql file");
        }
        if (!Files.exists(file)) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": no such file; " + (what.equals("--schema")
                    ? "pass the current schema as a .sql file (e.g. pg_dump --schema-only)" : "check the path"));
        }
    }

    /**
     * Fails with one line (exit 2), before anything is done, when {@code --output target} cannot be written: it is a
     * directory, it is one of the command's input files (the report would replace the migration), or a part of its
     * folder path is a file. Null or "-" (standard output) always passes.
     */
    static void checkOutput(Path target, Collection<Path> inputs) {
        if (target == null || target.toString().equals("-")) {
            return;
        }
        String where = "--output " + target;
        if (Files.isDirectory(target)) {
            throw new CliException(ExitCode.USAGE, where + ": cannot write (it is a directory); give a file name, e.g. "
                    + target.resolve("report.txt"));
        }
        if (Files.exists(target)) {
            for (Path in : inputs) {
                if (in != null && sameFile(target, in)) {
                    throw new CliException(ExitCode.USAGE, where + ": is an input of this run (" + in
                            + "); writing the report there would overwrite it, so choose another file");
                }
            }
        }
        Path parent = target.toAbsolutePath().getParent();
        while (parent != null && !Files.exists(parent)) {
            parent = parent.getParent();
        }
        if (parent != null && !Files.isDirectory(parent)) {
            throw new CliException(ExitCode.USAGE, where + ": cannot write (" + parent + " is a file, not a folder);"
                    + " choose another path");
        }
    }

    /** Whether two paths name the same existing file. */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException | InvalidPathException e) {
            return false;
        }
    }

    /** Writes the result to {@code target} (null or "-": standard output), creating its folder. */
    static void write(String text, Path target, PrintWriter stdout) {
        if (target == null || target.toString().equals("-")) {
            stdout.print(text);
            stdout.flush();
            return;
        }
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(target, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--output " + target + ": cannot write (" + reason(e)
                    + "); check that the folder exists and is writable");
        }
    }

    /** Why an I/O operation failed, in words (the JDK's file exceptions often carry only the path). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? "I/O error" : ErrorHandler.oneLine(e.getMessage());
    }
}
