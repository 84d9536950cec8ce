package io.schemapilot.agent;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths the agent tests read: project folders relative to the Maven basedir, fixtures from the classpath. */
public final class TestPaths {

    private TestPaths() {
    }

    /** The Maven basedir (surefire sets {@code basedir}; else the working directory). */
    public static Path basedir() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize();
    }

    /** A folder of the project: {@code prompts}, {@code skills}, {@code tools}. */
    public static Path project(String folder) {
        return basedir().resolve(folder);
    }

    /**
     * The seed persona documents: {@code -Dsp.seedsDir=...} when given, else {@code ../shared/seeds} beside the
     * project. Tests that need them skip when the folder is absent.
     */
    public static Path seeds() {
        String p = System.getProperty("sp.seedsDir");
        if (p == null || p.isBlank()) {
            p = System.getenv("SP_SEEDS_DIR");
        }
        return p == null || p.isBlank() ? basedir().resolve("../shared/seeds").normalize() : Path.of(p);
    }

    public static boolean seedsPresent() {
        return Files.isDirectory(seeds());
    }

    /** A test resource folder or file, e.g. {@code personas/broken}. */
    public static Path resource(String name) {
        try {
            var url = TestPaths.class.getClassLoader().getResource(name);
            if (url == null) {
                throw new IllegalStateException("no test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
