package io.schemapilot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading input files and writing results for the commands: one clear line and exit 2 when it goes wrong. */
final class CommandIo {
    private CommandIo() {
    }

    /** The file as UTF-8 text; {@code what} names it in the error ("--down", "--schema", "FILE"). */
    static String readText(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": no such file");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, what + " " + file + ": cannot read (" + e.getMessage() + ")");
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
            throw new CliException(ExitCode.USAGE, "--output " + target + ": cannot write ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                    + "); check that the folder exists and is writable");
        }
    }
}
