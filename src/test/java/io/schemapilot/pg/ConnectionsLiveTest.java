package io.schemapilot.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Opening sessions on real servers: the embedded one, and SCHEMAPILOT_TEST_PG_URL when set. Every failure kind
 * becomes a DatabaseException with one line that names the target and never the password.
 *
 * <p>A wrong password can only be tested on a server that asks for one: the embedded server is given a
 * {@code scram-sha-256} pg_hba line for one role. The SCHEMAPILOT_TEST_PG_URL server of the build machines uses
 * trust authentication, which accepts any password, so it is not tested there.
 */
class ConnectionsLiveTest {

    private static final String PID = String.valueOf(ProcessHandle.current().pid());

    /** Superuser targets on the database "postgres" of each server. */
    private static List<PgTarget> servers() {
        EmbeddedPostgresServer s = TestDatabases.embedded();
        List<PgTarget> out = new ArrayList<>();
        out.add(new PgTarget(List.of(new PgTarget.Endpoint("localhost", s.port())), "postgres", "postgres", null,
                Map.of(), "embedded"));
        TestDatabases.external().ifPresent(x -> out.add(x.adminTarget()));
        return out;
    }

    private static void exec(PgTarget t, String... sql) throws SQLException {
        try (Connection c = Connections.open(t, SessionOptions.readWrite()); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertOneLine(DatabaseException e, PgTarget where) {
        String m = e.getMessage();
        assertFalse(m.contains("\n"), m);
        assertTrue(m.contains(where.host() + ":" + where.port()), "names the target: " + m);
        assertEquals(3, e.exitCode());
    }

    @Test
    void an_analysis_session_is_read_only_with_timeouts_and_a_name() throws Exception {
        for (PgTarget t : servers()) {
            try (Connection c = Connections.open(t, SessionOptions.analysis())) {
                assertEquals("on", show(c, "default_transaction_read_only"), t.source());
                assertEquals("30s", show(c, "statement_timeout"));
                assertEquals("2s", show(c, "lock_timeout"));
                assertEquals("schemapilot", show(c, "application_name"));
                SQLException e = assertThrows(SQLException.class,
                        () -> c.createStatement().execute("CREATE TABLE must_not_exist (x int)"));
                assertEquals("25006", e.getSQLState(), "read_only_sql_transaction");
            }
        }
    }

    @Test
    void a_missing_database_says_which_and_what_to_do() {
        for (PgTarget t : servers()) {
            PgTarget missing = t.withDatabase("sp_no_such_db_" + PID);
            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> Connections.open(missing, SessionOptions.analysis()));
            assertEquals(DatabaseException.Kind.MISSING_DATABASE, e.kind());
            assertOneLine(e, missing);
            assertTrue(e.getMessage().contains("database \"sp_no_such_db_" + PID + "\" does not exist"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("check the database name"), e.getMessage());
        }
    }

    @Test
    void a_closed_port_is_unreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PgTarget t = new PgTarget(List.of(new PgTarget.Endpoint("127.0.0.1", port)), "db", "u", "hunter2", Map.of(),
                "--db");
        DatabaseException e = assertThrows(DatabaseException.class, () -> Connections.open(t,
                SessionOptions.analysis().withConnectTimeout(Duration.ofSeconds(3))));
        assertEquals(DatabaseException.Kind.UNREACHABLE, e.kind());
        assertOneLine(e, t);
        assertTrue(e.getMessage().startsWith("cannot connect to postgres://u@127.0.0.1:" + port + "/db: "
                + "connection refused; check the host and port"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void an_unknown_role_is_an_authentication_failure() {
        for (PgTarget t : servers()) {
            PgTarget nobody = new PgTarget(t.endpoints(), t.database(), "sp_nobody_" + PID, null, t.params(), "--db");
            DatabaseException e = assertThrows(DatabaseException.class,
                    () -> Connections.open(nobody, SessionOptions.analysis()));
            assertEquals(DatabaseException.Kind.AUTHENTICATION, e.kind());
            assertOneLine(e, nobody);
            assertTrue(e.getMessage().contains("sp_nobody_" + PID), e.getMessage());
        }
    }

    @Test
    void a_role_without_connect_privilege_gets_a_privilege_error() throws Exception {
        for (PgTarget t : servers()) {
            String role = "sp_noconnect_" + PID;
            String db = "sp_private_" + PID;
            exec(t, "DROP DATABASE IF EXISTS " + db, "DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN",
                    "CREATE DATABASE " + db, "REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC");
            try {
                PgTarget as = new PgTarget(t.endpoints(), db, role, null, t.params(), "--db");
                DatabaseException e = assertThrows(DatabaseException.class,
                        () -> Connections.open(as, SessionOptions.analysis()));
                assertEquals(DatabaseException.Kind.PRIVILEGE, e.kind(), e.getMessage());
                assertOneLine(e, as);
                assertTrue(e.getMessage().contains("permission denied for database \"" + db + "\""), e.getMessage());
            } finally {
                exec(t, "DROP DATABASE IF EXISTS " + db, "DROP ROLE IF EXISTS " + role);
            }
        }
    }

    @Test
    void timeouts_and_locks_become_clear_errors() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.fresh(); Connection admin = db.connect()) {
            admin.createStatement().execute("CREATE TABLE t (x int)");
            PgTarget t = db.target();
            try (Connection c = Connections.open(t, SessionOptions.analysis()
                    .withStatementTimeout(Duration.ofMillis(200)))) {
                SQLException e = assertThrows(SQLException.class,
                        () -> c.createStatement().execute("SELECT pg_sleep(2)"));
                DatabaseException d = Connections.translate(e, "run the check", t);
                assertEquals(DatabaseException.Kind.TIMEOUT, d.kind());
                assertTrue(d.getMessage().startsWith("cannot run the check on postgres://postgres@localhost:"),
                        d.getMessage());
            }
            admin.setAutoCommit(false);
            admin.createStatement().execute("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            try (Connection c = Connections.open(t, SessionOptions.analysis()
                    .withLockTimeout(Duration.ofMillis(200)))) {
                SQLException e = assertThrows(SQLException.class,
                        () -> c.createStatement().execute("SELECT count(*) FROM t"));
                DatabaseException d = Connections.translate(e, "count rows", t);
                assertEquals(DatabaseException.Kind.LOCKED, d.kind());
                assertTrue(d.getMessage().contains("lock timeout"), d.getMessage());
            } finally {
                admin.rollback();
            }
        }
    }

    @Test
    void a_wrong_password_fails_without_showing_it() throws Exception {
        EmbeddedPostgresServer s = TestDatabases.embedded();
        String role = "sp_pw_" + PID;
        PgTarget admin = servers().get(0);
        Path hba;
        try (Connection c = s.connect("postgres")) {
            hba = Path.of(show(c, "hba_file"));
        }
        String original = Files.readString(hba);
        exec(admin, "DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN PASSWORD 'right-horse'");
        Files.writeString(hba, "host all " + role + " 127.0.0.1/32 scram-sha-256\n"
                + "host all " + role + " ::1/128 scram-sha-256\n" + original);
        exec(admin, "SELECT pg_reload_conf()");
        try {
            PgTarget wrong = new PgTarget(admin.endpoints(), "postgres", role, "battery-staple", Map.of(), "--db");
            DatabaseException e = null;
            for (int i = 0; i < 50 && e == null; i++) { // the reload is asynchronous
                try (Connection ignored = Connections.open(wrong, SessionOptions.analysis())) {
                    Thread.sleep(100);
                } catch (DatabaseException x) {
                    e = x;
                }
            }
            assertTrue(e != null, "the server never asked for a password");
            assertEquals(DatabaseException.Kind.AUTHENTICATION, e.kind());
            assertOneLine(e, wrong);
            assertTrue(e.getMessage().contains("password authentication failed for user \"" + role + "\""),
                    e.getMessage());
            assertTrue(e.getMessage().contains("check the password"), e.getMessage());
            assertFalse(e.getMessage().contains("battery-staple"));

            DatabaseException none = assertThrows(DatabaseException.class, () -> Connections.open(
                    wrong.withPassword(null), SessionOptions.analysis()));
            assertEquals(DatabaseException.Kind.AUTHENTICATION, none.kind(), none.getMessage());

            try (Connection ok = Connections.open(wrong.withPassword("right-horse"), SessionOptions.analysis())) {
                assertEquals(role, show(ok, "session_authorization"));
            }
        } finally {
            Files.writeString(hba, original);
            exec(admin, "SELECT pg_reload_conf()", "DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void opens_a_session_from_a_url_string() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.fresh()) {
            String url = "postgres://postgres:ignored@localhost:" + TestDatabases.embedded().port() + "/" + db.name();
            try (Connection c = Connections.openReadOnly(url)) {
                assertEquals(db.name(), c.getCatalog());
                assertEquals("on", show(c, "default_transaction_read_only"));
            }
        }
    }
}
