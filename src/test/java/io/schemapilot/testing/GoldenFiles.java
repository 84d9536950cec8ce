package io.schemapilot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with {@code src/test/resources/<folder>/<name>}. Run the tests with
 * {@code -Dgolden.update=true} to rewrite the files after an intended change (then review the diff).
 */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    public static void assertMatches(String folder, String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Path dir = Path.of("src", "test", "resources", folder);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = GoldenFiles.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) {
                throw new AssertionError("golden file " + folder + "/" + name
                        + " is missing; run with -Dgolden.update=true");
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "rendered output differs from " + folder + "/" + name
                + " (after an intended change: -Dgolden.update=true, then review the diff)");
    }
}
