package io.schemapilot.testing;

import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.pg.PgTarget;
import io.schemapilot.pg.SessionOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real PostgreSQL for tests: the JVM's embedded server (one per test JVM, shared), a fresh database for each test,
 * and, when {@code SCHEMAPILOT_TEST_PG_URL} is set, that server as well.
 *
 * <pre>{@code
 * try (TestDatabases.TestDb db = TestDatabases.fresh()) {
 *     try (Connection c = db.connect()) { ... }
 * }
 * TestDatabases.onEachServer(db -> { ... });   // embedded, then SCHEMAPILOT_TEST_PG_URL when set
 * }</pre>
 */
public final class TestDatabases {

    /** The environment variable naming an extra server to test against, e.g. postgres://postgres@127.0.0.1/postgres */
    public static final String ENV = "SCHEMAPILOT_TEST_PG_URL";

    private static final Map<String, String> TEMPLATES = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static volatile ExternalServer external;
    private static volatile boolean externalChecked;

    private TestDatabases() {
    }

    /** A test body that may throw. */
    @FunctionalInterface
    public interface Check {
        void run(TestDb db) throws Exception;
    }

    /** A database that exists for one test; closing it drops it. */
    public interface TestDb extends AutoCloseable {
        String name();

        /** "embedded PostgreSQL 16.10" or "SCHEMAPILOT_TEST_PG_URL (PostgreSQL 15.x)". */
        String serverLabel();

        /** A superuser (or the URL's user) session, autocommit on, no timeouts. */
        Connection connect() throws SQLException;

        /** The target, for code that connects by itself (e.g. {@link Connections#open}). */
        PgTarget target();

        /** A JDBC URL with the user (and no password). */
        String jdbcUrl();

        @Override
        void close();
    }

    // ------------------------------------------------------------------------------------------ embedded

    public static EmbeddedPostgresServer embedded() {
        return EmbeddedPostgresServer.get();
    }

    /** A fresh, empty database on the embedded server. */
    public static TestDb fresh() {
        EmbeddedPostgresServer s = embedded();
        return new EmbeddedDb(s, s.createDatabase());
    }

    /**
     * A fresh database on the embedded server that already holds {@code schemaSql}: the SQL is loaded once per JVM
     * into a template database, and each call clones it ({@code CREATE DATABASE ... TEMPLATE}).
     */
    public static TestDb withSchema(String schemaSql) {
        EmbeddedPostgresServer s = embedded();
        String template = TEMPLATES.computeIfAbsent(schemaSql,
                sql -> new SchemaLoader(s).loadInto(sql, "test schema"));
        return new EmbeddedDb(s, s.createDatabase(template));
    }

    // ------------------------------------------------------------------------------------------ both servers

    /** The server in {@code SCHEMAPILOT_TEST_PG_URL}, when the variable is set (it must then answer). */
    public static Optional<ExternalServer> external() {
        if (!externalChecked) {
            synchronized (TestDatabases.class) {
                if (!externalChecked) {
                    String url = System.getenv(ENV);
                    external = url == null || url.isBlank() ? null : new ExternalServer(url);
                    externalChecked = true;
                }
            }
        }
        return Optional.ofNullable(external);
    }

    /**
     * Runs {@code check} on a fresh database of the embedded server, then on one of the
     * {@code SCHEMAPILOT_TEST_PG_URL} server when set. A failure names the server it happened on.
     */
    public static void onEachServer(Check check) throws Exception {
        List<TestDb> dbs = new ArrayList<>();
        dbs.add(fresh());
        external().ifPresent(x -> dbs.add(x.fresh()));
        try {
            for (TestDb db : dbs) {
                try {
                    check.run(db);
                } catch (AssertionError e) {
                    AssertionError wrapped = new AssertionError("on " + db.serverLabel() + ": " + e.getMessage(), e);
                    throw wrapped;
                }
            }
        } finally {
            for (TestDb db : dbs) {
                db.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ implementations

    private record EmbeddedDb(EmbeddedPostgresServer server, String name) implements TestDb {
        @Override
        public String serverLabel() {
            return "embedded PostgreSQL " + server.serverVersion();
        }

        @Override
        public Connection connect() throws SQLException {
            return server.connect(name);
        }

        @Override
        public PgTarget target() {
            return new PgTarget(List.of(new PgTarget.Endpoint("localhost", server.port())), name, "postgres", null,
                    Map.of(), "embedded");
        }

        @Override
        public String jdbcUrl() {
            return server.jdbcUrl(name);
        }

        @Override
        public void close() {
            server.dropDatabase(name);
        }
    }

    /** The server named by {@code SCHEMAPILOT_TEST_PG_URL}. */
    public static final class ExternalServer {
        private final PgTarget admin;
        private final String version;

        ExternalServer(String url) {
            this.admin = Connections.resolve(url, Map.of());
            try (Connection c = open(admin); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT current_setting('server_version')")) {
                rs.next();
                this.version = rs.getString(1);
            } catch (SQLException e) {
                throw new IllegalStateException(ENV + " is set but its server does not answer: " + e.getMessage(), e);
            }
        }

        public String label() {
            return ENV + " (PostgreSQL " + version + ")";
        }

        public PgTarget adminTarget() {
            return admin;
        }

        /** A fresh database on this server. */
        public TestDb fresh() {
            String name = "sp_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
            exec(admin, "CREATE DATABASE " + EmbeddedPostgresServer.quoteIdent(name));
            PgTarget t = admin.withDatabase(name);
            return new TestDb() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public String serverLabel() {
                    return label();
                }

                @Override
                public Connection connect() throws SQLException {
                    return open(t);
                }

                @Override
                public PgTarget target() {
                    return t;
                }

                @Override
                public String jdbcUrl() {
                    return t.jdbcUrl() + "?user=" + t.user();
                }

                @Override
                public void close() {
                    exec(admin, "DROP DATABASE IF EXISTS " + EmbeddedPostgresServer.quoteIdent(name)
                            + " WITH (FORCE)");
                }
            };
        }

        private static Connection open(PgTarget t) {
            return Connections.open(t, SessionOptions.readWrite().withStatementTimeout(Duration.ZERO)
                    .withLockTimeout(Duration.ZERO));
        }

        private static void exec(PgTarget t, String sql) {
            try (Connection c = open(t); Statement st = c.createStatement()) {
                st.execute(sql);
            } catch (SQLException e) {
                throw new DatabaseException(DatabaseException.Kind.OTHER, sql + ": " + e.getMessage(), e);
            }
        }
    }
}
