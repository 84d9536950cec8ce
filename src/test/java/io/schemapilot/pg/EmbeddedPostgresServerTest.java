package io.schemapilot.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EmbeddedPostgresServerTest {

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void one_server_per_jvm_even_when_asked_from_many_threads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<EmbeddedPostgresServer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(EmbeddedPostgresServer::get);
            }
            List<Future<EmbeddedPostgresServer>> got = pool.invokeAll(calls);
            EmbeddedPostgresServer first = got.get(0).get();
            for (Future<EmbeddedPostgresServer> f : got) {
                assertSame(first, f.get());
            }
            assertTrue(EmbeddedPostgresServer.isRunning());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void is_tuned_for_speed_and_reports_its_version() throws Exception {
        EmbeddedPostgresServer s = EmbeddedPostgresServer.get();
        assertTrue(s.serverVersion().startsWith("16."), s.serverVersion());
        assertEquals(16, s.serverVersionNum() / 10000);
        assertTrue(s.startTime().toMillis() > 0);
        try (Connection c = s.connect("postgres")) {
            assertEquals("off", one(c, "SHOW fsync"));
            assertEquals("off", one(c, "SHOW synchronous_commit"));
            assertEquals("off", one(c, "SHOW full_page_writes"));
            assertEquals("16MB", one(c, "SHOW shared_buffers"));
            assertTrue(one(c, "SHOW TimeZone").endsWith("UTC"));
            assertEquals("UTF8", one(c, "SHOW server_encoding"));
        }
    }

    @Test
    void gives_fresh_databases_and_copies_of_templates() throws Exception {
        EmbeddedPostgresServer s = EmbeddedPostgresServer.get();
        String a = s.createDatabase();
        String b = s.createDatabase();
        assertNotEquals(a, b);
        try (Connection c = s.connect(a)) {
            assertEquals(a, one(c, "SELECT current_database()"));
            c.createStatement().execute("CREATE TABLE kept (x int); INSERT INTO kept VALUES (42)");
        }
        try (Connection c = s.connect(b)) {
            assertEquals("0", one(c, "SELECT count(*) FROM pg_class WHERE relname = 'kept'"));
        }
        String copy = s.createDatabase(a);
        try (Connection c = s.connect(copy)) {
            assertEquals("42", one(c, "SELECT x FROM kept"));
        }
        assertTrue(s.jdbcUrl(copy).endsWith("/" + copy + "?user=postgres"), s.jdbcUrl(copy));
        for (String db : List.of(a, b, copy)) {
            s.dropDatabase(db);
        }
        assertThrows(SQLException.class, () -> s.connect(a).close());
        s.dropDatabase(a); // missing is fine
    }

    @Test
    void a_jvm_using_it_prints_nothing_on_stdout_and_cleans_up_on_exit() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                EmbeddedStdoutProbe.class.getName());
        File out = Files.createTempFile("probe-out", ".txt").toFile();
        File err = Files.createTempFile("probe-err", ".txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe JVM did not finish");
        String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
        String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertEquals("", stdout, "stdout is reserved for results");
        Path data = Path.of(line(stderr, "DATA="));
        Path log = Path.of(line(stderr, "LOG="));
        assertFalse(Files.exists(data), "data directory deleted at exit: " + data);
        assertFalse(Files.exists(log), "log file deleted at exit: " + log);
        out.delete();
        err.delete();
    }

    @Test
    void the_server_output_goes_to_its_log_file() throws Exception {
        EmbeddedPostgresServer s = EmbeddedPostgresServer.get();
        String marker = "no_such_table_" + System.nanoTime();
        try (Connection c = s.connect("postgres")) {
            assertThrows(SQLException.class, () -> c.createStatement().execute("SELECT * FROM " + marker));
        }
        String log = "";
        for (int i = 0; i < 50 && !log.contains(marker); i++) {
            Thread.sleep(50);
            log = Files.readString(s.logFile());
        }
        assertTrue(log.contains(marker), "the postgres error is in " + s.logFile());
    }

    private static String line(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in: " + text)).substring(prefix.length());
    }
}
