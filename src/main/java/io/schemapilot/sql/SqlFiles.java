package io.schemapilot.sql;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a whole SQL file (a schema, a down migration) for the services, with the same plain-language problems the
 * CLI gives for migration files, so that callers other than the CLI (agent tools, MCP) never pass on a decoder's
 * message such as "Input length = 1".
 */
public final class SqlFiles {
    private SqlFiles() {
    }

    /**
     * The file's text (UTF-8, a byte-order mark dropped).
     *
     * @param what how the file was given, e.g. {@code --schema}; starts every message
     * @throws IllegalArgumentException one line: missing, a folder, binary, not UTF-8, or unreadable
     */
    public static String readText(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " " + file + ": is a folder; pass a .sql file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(what + " " + file + ": no such file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " " + file + ": not UTF-8 text; save it as UTF-8 (e.g. iconv -f "
                    + "latin1 -t utf-8)");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new IllegalArgumentException(what + " " + file + ": binary file (NUL at character " + nul
                    + "), not SQL text");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
