package io.schemapilot.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving targets from URLs, DATABASE_URL, PG* variables and ~/.pgpass: no server needed. */
class ConnectionsTest {

    @TempDir
    Path tmp;

    /** An environment with no password file, so the real ~/.pgpass of the machine is never read. */
    private Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put("PGPASSFILE", tmp.resolve("none").toString());
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void reads_a_postgres_url_with_escaped_password_and_parameters() {
        PgTarget t = Connections.resolve("postgres://app:p%40ss%2Fw0rd@db.internal:6543/shop?sslmode=require"
                + "&connect_timeout=5&application_name=other", env());
        assertEquals("db.internal", t.host());
        assertEquals(6543, t.port());
        assertEquals("shop", t.database());
        assertEquals("app", t.user());
        assertEquals("p@ss/w0rd", t.password());
        assertEquals("require", t.params().get("sslmode"));
        assertEquals("5", t.params().get("connectTimeout"));
        assertFalse(t.params().containsKey("application_name"), "application_name is always schemapilot");
        assertEquals("--db", t.source());
        assertEquals("jdbc:postgresql://db.internal:6543/shop", t.jdbcUrl());
        assertEquals("postgres://app@db.internal:6543/shop", t.describe());
        assertFalse(t.toString().contains("p@ss"), t.toString());
    }

    @Test
    void reads_postgresql_and_jdbc_urls_and_libpq_key_value_strings() {
        PgTarget a = Connections.resolve("postgresql://u@h/d", env());
        assertEquals(List.of(new PgTarget.Endpoint("h", 5432)), a.endpoints());
        assertNull(a.password());

        PgTarget b = Connections.resolve("jdbc:postgresql://h2:5544/d2?user=u2&password=s3cret&sslmode=disable",
                env());
        assertEquals("h2", b.host());
        assertEquals(5544, b.port());
        assertEquals("d2", b.database());
        assertEquals("u2", b.user());
        assertEquals("s3cret", b.password());
        assertEquals("disable", b.params().get("sslmode"));

        PgTarget c = Connections.resolve("host=h3 port=5433 dbname='my db' user=u3 password='a b\\'c'", env());
        assertEquals("h3", c.host());
        assertEquals(5433, c.port());
        assertEquals("my db", c.database());
        assertEquals("a b'c", c.password());
    }

    @Test
    void reads_ipv6_and_several_hosts() {
        PgTarget t = Connections.resolve("postgres://u@[::1]:5433,other:5434,third/d?target_session_attrs=read-write",
                env());
        assertEquals(List.of(new PgTarget.Endpoint("::1", 5433), new PgTarget.Endpoint("other", 5434),
                new PgTarget.Endpoint("third", 5432)), t.endpoints());
        assertEquals("jdbc:postgresql://[::1]:5433,other:5434,third:5432/d", t.jdbcUrl());
        assertEquals("primary", t.params().get("targetServerType"));
    }

    @Test
    void without_a_url_uses_database_url_then_pg_variables() {
        PgTarget fromUrl = Connections.resolve(null, env("DATABASE_URL", "postgres://x@dbu:1111/fromurl",
                "PGHOST", "ignored"));
        assertEquals("DATABASE_URL", fromUrl.source());
        assertEquals("dbu", fromUrl.host());
        assertEquals("fromurl", fromUrl.database());

        PgTarget fromPg = Connections.resolve(null, env("PGHOST", "pghost", "PGPORT", "6000", "PGDATABASE", "pgdb",
                "PGUSER", "pguser", "PGPASSWORD", "pgpw", "PGSSLMODE", "verify-full"));
        assertEquals("PG* variables", fromPg.source());
        assertEquals(new PgTarget.Endpoint("pghost", 6000), fromPg.endpoints().get(0));
        assertEquals("pgdb", fromPg.database());
        assertEquals("pguser", fromPg.user());
        assertEquals("pgpw", fromPg.password());
        assertEquals("verify-full", fromPg.params().get("sslmode"));
    }

    @Test
    void a_url_missing_parts_takes_them_from_pg_variables_and_the_url_wins() {
        PgTarget t = Connections.resolve("postgres:///onlydb", env("PGHOST", "envhost", "PGUSER", "envuser",
                "PGPORT", "7000"));
        assertEquals("envhost", t.host());
        assertEquals(7000, t.port());
        assertEquals("envuser", t.user());
        assertEquals("onlydb", t.database());

        PgTarget u = Connections.resolve("postgres://urluser:urlpw@urlhost/urldb", env("PGPASSWORD", "envpw",
                "PGUSER", "envuser"));
        assertEquals("urluser", u.user());
        assertEquals("urlpw", u.password());

        // the database defaults to the user name, as in libpq
        assertEquals("envuser", Connections.resolve("postgres://envhost", env("PGUSER", "envuser")).database());
    }

    @Test
    void nothing_named_is_one_clear_line() {
        DatabaseException e = assertThrows(DatabaseException.class, () -> Connections.resolve(null, env()));
        assertEquals(DatabaseException.Kind.BAD_TARGET, e.kind());
        assertEquals(3, e.exitCode());
        assertTrue(e.getMessage().startsWith("no database given: pass --db postgres://"), e.getMessage());
    }

    @Test
    void unreadable_targets_are_refused_without_showing_the_password() {
        DatabaseException bad = assertThrows(DatabaseException.class,
                () -> Connections.resolve("mysql://root:hunter2@h/db", env()));
        assertEquals(DatabaseException.Kind.BAD_TARGET, bad.kind());
        assertFalse(bad.getMessage().contains("hunter2"), bad.getMessage());

        DatabaseException port = assertThrows(DatabaseException.class,
                () -> Connections.resolve("postgres://u:hunter2@h:99999/db", env()));
        assertTrue(port.getMessage().contains("99999"), port.getMessage());
        assertFalse(port.getMessage().contains("hunter2"));

        DatabaseException socket = assertThrows(DatabaseException.class,
                () -> Connections.resolve("postgres://u@/db?host=/var/run/postgresql", env()));
        assertTrue(socket.getMessage().contains("Unix-domain socket"), socket.getMessage());
    }

    @Test
    void finds_the_password_in_a_pgpass_file() throws IOException {
        Path pgpass = tmp.resolve("pgpass");
        Files.writeString(pgpass, """
                # comment
                otherhost:*:*:*:nope
                dbhost:5432:shop:app:first\\:match
                *:*:*:app:fallback
                """);
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> e = env("PGPASSFILE", pgpass.toString());
        assertEquals("first:match", Connections.resolve("postgres://app@dbhost/shop", e).password());
        assertEquals("fallback", Connections.resolve("postgres://app@dbhost:6000/shop", e).password());
        assertNull(Connections.resolve("postgres://someone@dbhost/shop", e).password());
        // PGPASSWORD comes before the file
        e.put("PGPASSWORD", "fromenv");
        assertEquals("fromenv", Connections.resolve("postgres://app@dbhost/shop", e).password());
    }

    @Test
    void a_pgpass_file_readable_by_others_is_ignored_like_libpq_does() throws IOException {
        Path pgpass = tmp.resolve("pgpass-open");
        Files.writeString(pgpass, "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(pgpass, PosixFilePermissions.fromString("rw-r--r--"));
        assertNull(Connections.resolve("postgres://app@h/d", env("PGPASSFILE", pgpass.toString())).password());
    }

    @Test
    void session_options_default_to_read_only_with_timeouts() {
        SessionOptions o = SessionOptions.analysis();
        assertTrue(o.readOnly());
        assertEquals(30, o.statementTimeout().toSeconds());
        assertEquals(2, o.lockTimeout().toSeconds());
        assertEquals("schemapilot", o.applicationName());
        assertFalse(SessionOptions.readWrite().readOnly());
    }
}
