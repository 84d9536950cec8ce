package io.schemapilot.agent.tools;

import java.util.Map;

/**
 * A named check a manifest can put on a string argument ({@code x-check: read-only-sql}); it runs after the
 * type, enum and pattern checks.
 */
@FunctionalInterface
public interface ArgumentCheck {

    /** @return null when the value is acceptable, else what is wrong with it, as one sentence */
    String problem(String value);

    /** The checks every loader knows: {@code read-only-sql} and {@code relative-path}. */
    static Map<String, ArgumentCheck> defaults() {
        return Map.of(
                "read-only-sql", ReadOnlySqlCheck::problem,
                "relative-path", ArgumentCheck::relativePathProblem);
    }

    /** A path relative to the project that stays inside it: not absolute, no {@code ..} segment, no {@code ~}. */
    static String relativePathProblem(String value) {
        String v = value.replace('\\', '/');
        if (v.isEmpty()) {
            return "the path is empty";
        }
        if (v.startsWith("/") || v.startsWith("~") || v.matches("^[A-Za-z]:.*")) {
            return "'" + value + "' is not a path relative to the project";
        }
        for (String seg : v.split("/")) {
            if (seg.equals("..")) {
                return "'" + value + "' leaves the project (..)";
            }
        }
        return null;
    }
}
