package io.schemapilot.pg;

import java.io.IOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pristine, stopped PostgreSQL cluster (the result of {@code initdb}) kept in the user's cache directory, so that
 * the embedded server of the next JVM starts by copying it instead of running {@code initdb} again. Keyed by the
 * embedded binaries (their archive's size), so other binaries get their own. Off when {@code SCHEMAPILOT_PG_CACHE=off}.
 * Location: {@code $SCHEMAPILOT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/schemapilot}, else
 * {@code ~/.cache/schemapilot}.
 */
final class ClusterCache {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCache.class);
    private static final String MARKER = "schemapilot-pristine";
    /** Bump when the initdb options in {@link EmbeddedPostgresServer} change: C locale, UTF-8, 1 MB WAL segments. */
    private static final String INITDB_OPTIONS = "c-utf8-wal1";
    /** Files of a running or stopped cluster that must not be copied. */
    private static final Set<String> SKIP = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");
    private static final String[] ARCHIVES = {"postgres-linux-x86_64.txz", "postgres-linux-arm_64.txz",
        "postgres-linux-x86_64-alpine_linux.txz", "postgres-darwin-x86_64.txz", "postgres-darwin-arm_64.txz"};

    private ClusterCache() {
    }

    static boolean enabled() {
        return !"off".equalsIgnoreCase(System.getenv("SCHEMAPILOT_PG_CACHE"));
    }

    /** The cached cluster of the bundled binaries, or null. */
    static Path lookup() {
        return lookup(null);
    }

    /**
     * The cached cluster of some binaries, or null.
     *
     * @param binaries a key naming the binaries (e.g. {@code zonky-15.19.0-<sha1>}); null for the bundled ones
     */
    static Path lookup(String binaries) {
        if (!enabled()) {
            return null;
        }
        Path d = dir(binaries);
        return d != null && Files.isRegularFile(d.resolve(MARKER)) && Files.isRegularFile(d.resolve("PG_VERSION"))
                ? d : null;
    }

    /** Copies a stopped, freshly made cluster of the bundled binaries into the cache. */
    static void save(Path dataDir) {
        save(dataDir, null);
    }

    /** Copies a stopped, freshly made cluster into the cache (atomically: a concurrent JVM may do the same). */
    static void save(Path dataDir, String binaries) {
        Path target = dir(binaries);
        if (target == null) {
            return;
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try {
            Files.createDirectories(target.getParent());
            delete(tmp);
            copy(dataDir, tmp);
            Files.writeString(tmp.resolve(MARKER), "a pristine cluster made by initdb; safe to delete\n");
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                LOG.debug("cached the pristine cluster in {}", target);
            } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                delete(tmp); // another JVM was first
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not cache the cluster in {}: {}", target, e.toString());
            delete(tmp);
        }
    }

    static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                try {
                    // PostgreSQL refuses a data directory that others can read
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                if (!SKIP.contains(name) && !name.equals(MARKER)) {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not delete {}: {}", dir, e.toString());
        }
    }

    private static Path dir(String binaries) {
        String key = binaries == null ? binariesKey() : binaries + "-" + INITDB_OPTIONS;
        if (key == null) {
            return null;
        }
        return root().resolve("embedded-pg").resolve("cluster-" + key);
    }

    /**
     * schemapilot's cache directory: {@code $SCHEMAPILOT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/schemapilot}, else
     * {@code ~/.cache/schemapilot}.
     */
    static Path root() {
        String base = System.getenv("SCHEMAPILOT_CACHE_DIR");
        if (base != null && !base.isBlank()) {
            return Path.of(base);
        } else if (System.getenv("XDG_CACHE_HOME") != null && !System.getenv("XDG_CACHE_HOME").isBlank()) {
            return Path.of(System.getenv("XDG_CACHE_HOME"), "schemapilot");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "schemapilot");
    }

    private static volatile String key;

    /** The size of the embedded binaries archive: different binaries, different cluster. */
    private static String binariesKey() {
        if (key != null) {
            return key.isEmpty() ? null : key;
        }
        String k = "";
        for (String name : ARCHIVES) {
            URL url = ClusterCache.class.getResource("/" + name);
            if (url != null) {
                try {
                    URLConnection conn = url.openConnection();
                    conn.setUseCaches(false);
                    long size = conn.getContentLengthLong();
                    if (size > 0) {
                        k = name.replace(".txz", "") + "-" + size + "-" + INITDB_OPTIONS;
                        break;
                    }
                } catch (IOException e) {
                    LOG.debug("cannot size {}: {}", name, e.toString());
                }
            }
        }
        key = k;
        return k.isEmpty() ? null : k;
    }
}
