package io.schemapilot.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Splits and reads migration files on another thread while the process is still starting up, so that a short CLI
 * run on a large file finds its statements ready when the analysis begins. {@code main} starts it with the files
 * named on a {@code check} command line before the command line is even built; that start-up (the command-line
 * model, reading the files again) then runs on one core while the statements are split and parsed on the other.
 *
 * <p>It only ever saves time: {@link Analyzer#analyze} uses what was prepared for a path only when it was prepared
 * from exactly the text being analysed (the one the command read itself, with all its checks). A file that cannot
 * be read here, is too large, is not UTF-8 or cannot be split is simply left to the normal path.
 */
public final class ParseAhead {
    /** Files larger than this are left to the normal path (the CLI refuses files over 10 MB by default). */
    private static final long MAX_BYTES = 10L << 20;
    /** Stop reading ahead once this much has been read (a long list of files is read as the analysis goes). */
    private static final long MAX_TOTAL_BYTES = 32L << 20;

    /** Path as given -> the text read and what it gives; null when nothing could be prepared. */
    private static final Map<String, CompletableFuture<Ahead>> AHEAD = new ConcurrentHashMap<>();
    private static volatile boolean started;

    private record Ahead(String text, Analyzer.Prepared prepared) {
    }

    private ParseAhead() {
    }

    /**
     * Starts preparing {@code paths} (as given on the command line), in order, on one daemon thread. Paths that are
     * not regular files are skipped.
     */
    public static void start(List<String> paths) {
        if (paths.isEmpty()) {
            return;
        }
        // the futures this call owns: a path already being prepared (given twice, or by an earlier call) is not
        List<String> own = new ArrayList<>(paths.size());
        List<CompletableFuture<Ahead>> futures = new ArrayList<>(paths.size());
        for (String p : paths) {
            CompletableFuture<Ahead> f = new CompletableFuture<>();
            if (AHEAD.putIfAbsent(p, f) == null) {
                own.add(p);
                futures.add(f);
            }
        }
        if (own.isEmpty()) {
            return;
        }
        started = true;
        Thread t = new Thread(new Worker(own, futures), "schemapilot-parse-ahead");
        t.setDaemon(true);
        try {
            t.start();
        } catch (Throwable e) {
            futures.forEach(f -> f.complete(null));
        }
    }

    /**
     * Prepares the files in order and completes every future it was given, whatever happens: {@link #take} may
     * already have taken one out of the map and be waiting for it.
     */
    private static final class Worker implements Runnable {
        private final List<String> paths;
        private final List<CompletableFuture<Ahead>> futures;

        Worker(List<String> paths, List<CompletableFuture<Ahead>> futures) {
            this.paths = paths;
            this.futures = futures;
        }

        @Override
        public void run() {
            long total = 0;
            for (int i = 0; i < paths.size(); i++) {
                Ahead a = null;
                try {
                    if (total <= MAX_TOTAL_BYTES) {
                        String text = read(Path.of(paths.get(i)));
                        if (text != null) {
                            total += text.length();
                            a = new Ahead(text, Analyzer.prepare(text));
                        }
                    }
                } catch (Throwable e) {
                    a = null; // the normal path reports whatever is wrong
                } finally {
                    futures.get(i).complete(a);
                }
            }
        }
    }

    /** The file's text as the CLI reads a valid UTF-8 file (without a byte-order mark), or null. */
    private static String read(Path path) throws IOException {
        if (!Files.isRegularFile(path) || Files.size(path) > MAX_BYTES) {
            return null;
        }
        byte[] b;
        try (InputStream in = Files.newInputStream(path)) {
            b = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (b.length > MAX_BYTES) {
            return null;
        }
        int start = b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
        return new String(b, start, b.length - start, StandardCharsets.UTF_8);
    }

    /**
     * What was prepared for {@code path} from exactly {@code text}, waiting for it when it is still being prepared;
     * null when nothing was (then the caller splits and parses as usual). Each preparation is handed out once.
     */
    static Analyzer.Prepared take(String path, String text) {
        if (!started || path == null) {
            return null;
        }
        CompletableFuture<Ahead> f = AHEAD.remove(path);
        if (f == null) {
            return null;
        }
        Ahead a = f.join();
        return a != null && a.text().length() == text.length() && a.text().equals(text) ? a.prepared() : null;
    }
}
