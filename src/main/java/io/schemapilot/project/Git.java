package io.schemapilot.project;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code git} as a process (no shell) in a directory, with a timeout and a cap on what it may print. Any
 * {@code GIT_DIR} / {@code GIT_WORK_TREE} / {@code GIT_INDEX_FILE} of the surrounding process is removed so the
 * directory decides which repository is meant; prompts are off.
 */
final class Git {

    static final long MAX_OUTPUT_BYTES = 64L << 20;

    /** What a run printed. */
    record Result(int exit, byte[] out, String err, boolean outputCapped) {
        String text() {
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    private final String executable;
    private final Duration timeout;

    Git(String executable, Duration timeout) {
        this.executable = executable;
        this.timeout = timeout;
    }

    /**
     * @throws IllegalArgumentException when git cannot be started or does not finish in time
     */
    Result run(Path dir, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.remove("GIT_DIR");
        env.remove("GIT_WORK_TREE");
        env.remove("GIT_INDEX_FILE");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.put("GIT_OPTIONAL_LOCKS", "0");
        env.put("LC_ALL", "C");
        env.put("GIT_PAGER", "cat");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalArgumentException("git is not installed or not on the PATH (cannot run '" + executable + "')");
        }
        try {
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = new CompletableFuture<>();
            CompletableFuture<byte[]> out = new CompletableFuture<>();
            reader("schemapilot-git-err", p.getErrorStream(), 64 * 1024, err);
            reader("schemapilot-git-out", p.getInputStream(), MAX_OUTPUT_BYTES, out);
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException("git " + args.get(0) + " did not finish within "
                        + timeout.toSeconds() + " s");
            }
            byte[] o = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String e = new String(err.get(timeout.toMillis(), TimeUnit.MILLISECONDS), StandardCharsets.UTF_8);
            return new Result(p.exitValue(), o, e.strip(), o.length >= MAX_OUTPUT_BYTES);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("git " + args.get(0) + " was interrupted");
        } catch (IOException | ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            throw new IllegalArgumentException("git " + args.get(0) + " failed: " + e.getMessage());
        }
    }

    private static void reader(String name, InputStream in, long cap, CompletableFuture<byte[]> result) {
        Thread t = new Thread(() -> result.complete(readCapped(in, cap)), name);
        t.setDaemon(true);
        t.start();
    }

    private static byte[] readCapped(InputStream in, long cap) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (buf.size() < cap) {
                    buf.write(chunk, 0, (int) Math.min(n, cap - buf.size()));
                }
            }
        } catch (IOException ignored) {
            // what was read so far is what there is
        }
        return buf.toByteArray();
    }

    /** The first line of git's message, without a leading "fatal: " / "error: ". */
    static String firstLine(String err) {
        if (err == null || err.isBlank()) {
            return "";
        }
        String line = err.strip().lines().findFirst().orElse("");
        return line.replaceFirst("^(?:fatal|error): ", "");
    }
}
