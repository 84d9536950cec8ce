package io.schemapilot.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with {@code src/test/resources/plan/<name>}. {@code -Dgolden.update=true} rewrites the
 * files after an intended change (then review the diff).
 */
final class PlanGolden {
    private static final Path SOURCE_DIR = Path.of("src", "test", "resources", "plan");

    private PlanGolden() {
    }

    static void assertMatches(String name, String actual) throws IOException {
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(SOURCE_DIR);
            Files.writeString(SOURCE_DIR.resolve(name), actual, StandardCharsets.UTF_8);
            return;
        }
        String expected;
        try (InputStream in = PlanGolden.class.getResourceAsStream("/plan/" + name)) {
            if (in == null) {
                throw new AssertionError("golden file plan/" + name + " is missing; run with -Dgolden.update=true");
            }
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(expected, actual, "rendered output differs from plan/" + name
                + " (after an intended change: -Dgolden.update=true, then review the diff)");
    }
}
