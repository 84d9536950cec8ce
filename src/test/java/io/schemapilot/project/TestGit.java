package io.schemapilot.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real git repository in a temporary folder, for tests: init with a user, write files, commit. */
public final class TestGit {

    private final Path dir;

    private TestGit(Path dir) {
        this.dir = dir;
    }

    /** {@code git init} in {@code dir} with user.name / user.email set in the repository's config. */
    public static TestGit init(Path dir) {
        TestGit g = new TestGit(dir);
        g.git("init", "-q");
        g.git("config", "user.name", "schemapilot test");
        g.git("config", "user.email", "test@example.invalid");
        g.git("config", "commit.gpgsign", "false");
        g.git("config", "core.autocrlf", "false");
        return g;
    }

    public Path dir() {
        return dir;
    }

    public TestGit write(String path, String text) {
        try {
            Path p = dir.resolve(path);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text, StandardCharsets.UTF_8);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String read(String path) {
        try {
            return Files.readString(dir.resolve(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public TestGit delete(String path) {
        try {
            Files.delete(dir.resolve(path));
            return this;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code git add -A} and {@code git commit}. */
    public TestGit commitAll(String message) {
        git("add", "-A");
        git("commit", "-q", "-m", message);
        return this;
    }

    /** Runs git in the repository and returns its standard output; fails the test on a non-zero exit. */
    public String git(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("GIT_DIR");
        pb.environment().remove("GIT_WORK_TREE");
        pb.environment().remove("GIT_INDEX_FILE");
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
