package io.schemapilot.catalog;

import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a schema file (plain SQL or {@code pg_dump} output, with or without data) into a fresh database of the
 * embedded server, statement by statement (plain statements travel in batches, one round trip and one transaction
 * per batch; a batch that fails is run again one statement at a time), and reads its catalog.
 * {@code COPY ... FROM stdin} blocks are fed through the driver's copy API; psql meta-commands ({@code \connect},
 * {@code \restrict}, ...) are skipped. A statement that fails stops the load with a {@link SchemaLoadException}
 * naming the statement, its line and PostgreSQL's message.
 *
 * <p>What the shadow database cannot or must not do is left out, with a warning on stderr: ownership and privilege
 * statements for roles that do not exist here, {@code CREATE ROLE} for a role that already exists, and statements
 * about whole databases or the server ({@code CREATE DATABASE}, {@code ALTER SYSTEM}, ...). {@code COPY} to or from
 * a server file or a program is refused: a schema file must not run commands on this machine.
 */
public final class SchemaLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaLoader.class);

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^copy\\s.*\\bfrom\\s+stdin\\b.*");
    private static final Pattern COPY_TO_STDOUT = Pattern.compile("(?is)^copy\\s.*\\bto\\s+stdout\\b.*");
    private static final Pattern OWNER_TO = Pattern.compile("(?is)^alter\\s.*\\bowner\\s+to\\s.*");
    private static final Pattern SERVER_WIDE = Pattern.compile(
            "(?is)^(create|drop|alter)\\s+database\\b.*|^alter\\s+system\\b.*|^(create|alter|drop)\\s+tablespace\\b.*");
    private static final Pattern CREATE_ROLE = Pattern.compile("(?is)^create\\s+(role|user|group)\\b.*");
    private static final int MAX_BATCH = 200;
    private static final Set<String> BATCH_KEYWORDS = Set.of("create", "alter", "drop", "insert", "update", "delete",
            "select", "set", "comment", "do");
    private static final Pattern NOT_IN_BATCH = Pattern.compile("(?is)^(create\\s+(unique\\s+)?index\\s+concurrently"
            + "|drop\\s+index\\s+concurrently|alter\\s+type\\s.*\\badd\\s+value\\b|set\\s+transaction\\b"
            + "|set\\s+session\\s+characteristics\\b|(create|alter|drop)\\s+subscription\\b"
            + "|alter\\s+table\\s.*\\bdetach\\s+partition\\s.*\\bconcurrently\\b).*");
    private static final Pattern DO_TRANSACTION = Pattern.compile("(?i)\\b(commit|rollback)\\b");

    private final EmbeddedPostgresServer server;

    /** Uses the JVM's embedded server, started on first use. */
    public SchemaLoader() {
        this(null);
    }

    /** Uses {@code server} (null: the JVM's embedded server, started on first use). */
    public SchemaLoader(EmbeddedPostgresServer server) {
        this.server = server;
    }

    private EmbeddedPostgresServer server() {
        return server != null ? server : EmbeddedPostgresServer.get();
    }

    /**
     * Loads the file into a fresh database, reads its catalog and drops the database.
     *
     * @throws SchemaLoadException when the file cannot be read or a statement fails (exit 2)
     * @throws DatabaseException   when the embedded server cannot start (exit 3)
     */
    public CatalogSnapshot load(Path schemaFile) {
        return load(readFile(schemaFile), schemaFile.toString());
    }

    /** As {@link #load(Path)}, for SQL text; {@code sourceName} names it in messages. */
    public CatalogSnapshot load(String sql, String sourceName) {
        EmbeddedPostgresServer s = server();
        String db = loadInto(sql, sourceName);
        try (Connection c = s.connect(db)) {
            return new CatalogReader().read(c);
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot read the catalog of the shadow database loaded from " + sourceName + ": "
                            + firstLine(e.getMessage()), e);
        } finally {
            s.dropDatabase(db);
        }
    }

    /**
     * Loads the file into a fresh database of the embedded server and keeps it; returns the database's name (for
     * data checks, rehearsal, ...; connect with {@link EmbeddedPostgresServer#connect(String)}).
     */
    public String loadInto(Path schemaFile) {
        return loadInto(readFile(schemaFile), schemaFile.toString());
    }

    /** As {@link #loadInto(Path)}, for SQL text. */
    public String loadInto(String sql, String sourceName) {
        List<SqlStatement> statements = split(sql, sourceName);
        EmbeddedPostgresServer s = server();
        String db = s.createDatabase();
        boolean ok = false;
        try (Connection c = s.connect(db)) {
            run(c, sql, statements, sourceName);
            ok = true;
            return db;
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot use the shadow database for " + sourceName + ": " + firstLine(e.getMessage()), e);
        } finally {
            if (!ok) {
                s.dropDatabase(db);
            }
        }
    }

    /**
     * Runs the schema text on an open connection (any server: the embedded one, or a test server). Autocommit must
     * be on; explicit {@code BEGIN}/{@code COMMIT} in the text are honoured. Session settings the file changed
     * (pg_dump empties {@code search_path}, for one) are reset afterwards with {@code RESET ALL}.
     *
     * @throws SchemaLoadException when a statement fails
     */
    public static void loadInto(Connection c, String sql, String sourceName) {
        try {
            run(c, sql, split(sql, sourceName), sourceName);
            try (Statement st = c.createStatement()) {
                st.execute("RESET ALL");
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot load " + sourceName + ": " + firstLine(e.getMessage()), e);
        }
    }

    // ------------------------------------------------------------------------------------------ internals

    private static List<SqlStatement> split(String sql, String sourceName) {
        try {
            return StatementSplitter.split(sql).statements();
        } catch (SqlSyntaxException e) {
            throw new SchemaLoadException(sourceName, 0, e.line(),
                    sourceName + ": cannot be read as SQL: " + e.located(), e);
        }
    }

    private static void run(Connection c, String raw, List<SqlStatement> statements, String sourceName)
            throws SQLException {
        String[] lines = null;
        long t0 = System.nanoTime();
        int executed = 0;
        List<SqlStatement> batch = new ArrayList<>();
        try (Statement st = c.createStatement()) {
            for (SqlStatement s : statements) {
                if (s.isPsqlMeta()) {
                    LOG.debug("{}: skipping psql command at line {}: {}", sourceName, s.line(), s.excerpt());
                    continue;
                }
                String text = s.text();
                String kw = s.keyword();
                if (SERVER_WIDE.matcher(text).matches()) {
                    LOG.warn("{}: statement {} (line {}) skipped: it acts on a whole database or the server, and the "
                            + "shadow database is made by schemapilot: {}", sourceName, s.number(), s.line(),
                            s.excerpt());
                    continue;
                }
                if (batchable(text, kw) && !inTransaction(c)) {
                    batch.add(s);
                    if (batch.size() >= MAX_BATCH) {
                        executed += flush(st, batch, sourceName);
                    }
                    continue;
                }
                executed += flush(st, batch, sourceName);
                if (kw.equals("copy")) {
                    if (COPY_FROM_STDIN.matcher(text).matches()) {
                        if (lines == null) {
                            lines = raw.split("\n", -1);
                        }
                        copyIn(c, s, lines, sourceName);
                        executed++;
                        continue;
                    }
                    if (!COPY_TO_STDOUT.matcher(text).matches()) {
                        throw new SchemaLoadException(sourceName, s.number(), s.line(), sourceName + ": statement "
                                + s.number() + " (line " + s.line() + ") refused: COPY from or to a server file or "
                                + "program is not run on the shadow database; use COPY ... FROM stdin", null);
                    }
                    continue;
                }
                boolean skippable = isSkippable(text, kw);
                boolean savepoint = skippable && inTransaction(c);
                try {
                    if (savepoint) {
                        st.execute("SAVEPOINT schemapilot_load");
                    }
                    st.execute(text);
                    if (savepoint) {
                        st.execute("RELEASE SAVEPOINT schemapilot_load");
                    }
                    executed++;
                } catch (SQLException e) {
                    String state = e.getSQLState() == null ? "" : e.getSQLState();
                    if (skippable && (state.equals("42704") || state.equals("42710"))) {
                        if (savepoint) {
                            st.execute("ROLLBACK TO SAVEPOINT schemapilot_load");
                        }
                        if (state.equals("42704")) {
                            LOG.warn("{}: statement {} (line {}) skipped: {}", sourceName, s.number(), s.line(),
                                    pgMessage(e));
                        }
                        continue;
                    }
                    throw failed(sourceName, s, e);
                }
            }
            executed += flush(st, batch, sourceName);
            if (inTransaction(c)) {
                // a file that opened a transaction and never closed it: psql would roll it back at exit
                throw new SchemaLoadException(sourceName, 0, 0, sourceName
                        + ": the file ends inside a transaction (BEGIN without COMMIT); add the COMMIT", null);
            }
        }
        LOG.debug("{}: {} statements loaded in {} ms", sourceName, executed, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Runs batched statements in one round trip and one transaction (a 200-table schema is a thousand statements; one
     * round trip each is most of its load time on a busy machine). When the batch fails nothing of it is kept, and the
     * statements run again one by one, so the error names the failing statement exactly as without batching.
     */
    private static int flush(Statement st, List<SqlStatement> batch, String sourceName) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        int n = batch.size();
        try {
            if (n > 1) {
                StringBuilder sql = new StringBuilder();
                for (SqlStatement s : batch) {
                    sql.append(s.text()).append("\n;\n"); // the newline ends a trailing -- comment
                }
                st.execute("BEGIN");
                try {
                    st.execute(sql.toString());
                    st.execute("COMMIT");
                    return n;
                } catch (SQLException e) {
                    st.execute("ROLLBACK");
                    LOG.debug("{}: a batch of {} statements failed ({}); running them one by one", sourceName, n,
                            firstLine(e.getMessage()));
                }
            }
            for (SqlStatement s : batch) {
                try {
                    st.execute(s.text());
                } catch (SQLException e) {
                    throw failed(sourceName, s, e);
                }
            }
            return n;
        } finally {
            batch.clear();
        }
    }

    /**
     * Statements that may share a transaction with their neighbours: plain DDL and DML; not those PostgreSQL refuses
     * in a transaction block, not transaction control, not the skippable ones (they need their own savepoint), not
     * {@code ALTER TYPE ... ADD VALUE} (the new label cannot be used in the same transaction).
     */
    private static boolean batchable(String text, String kw) {
        return BATCH_KEYWORDS.contains(kw) && !isSkippable(text, kw) && !NOT_IN_BATCH.matcher(text).matches()
                && !(kw.equals("do") && DO_TRANSACTION.matcher(text).find());
    }

    /** Statements whose failure for a missing role (or an existing role) does not matter to the shadow schema. */
    private static boolean isSkippable(String text, String kw) {
        return kw.equals("grant") || kw.equals("revoke") || OWNER_TO.matcher(text).matches()
                || (kw.equals("alter") && text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                .startsWith("alter default privileges"))
                || CREATE_ROLE.matcher(text).matches()
                || kw.equals("security");
    }

    private static boolean inTransaction(Connection c) throws SQLException {
        if (c.isWrapperFor(BaseConnection.class)) {
            return c.unwrap(BaseConnection.class).getTransactionState() != TransactionState.IDLE;
        }
        return !c.getAutoCommit();
    }

    /** Feeds the data lines after {@code COPY ... FROM stdin;} (up to the {@code \.} line) to the copy API. */
    private static void copyIn(Connection c, SqlStatement s, String[] lines, String sourceName) throws SQLException {
        // the splitter keeps line numbers (it blanks the data lines), so the data starts on the line after the
        // statement's last line
        int lastLine = s.line() + (int) s.text().chars().filter(ch -> ch == '\n').count();
        StringBuilder data = new StringBuilder();
        int i = lastLine; // 0-based index of the next line
        boolean terminated = false;
        for (; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.equals("\\.")) {
                terminated = true;
                break;
            }
            data.append(line).append('\n');
        }
        if (!terminated) {
            throw new SchemaLoadException(sourceName, s.number(), s.line(), sourceName + ": statement " + s.number()
                    + " (line " + s.line() + ") failed: its COPY data has no closing \\. line", null);
        }
        try {
            long rows = c.unwrap(PGConnection.class).getCopyAPI().copyIn(s.text(), new StringReader(data.toString()));
            LOG.debug("{}: COPY at line {} loaded {} rows", sourceName, s.line(), rows);
        } catch (IOException e) {
            throw new SchemaLoadException(sourceName, s.number(), s.line(), sourceName + ": statement " + s.number()
                    + " (line " + s.line() + ") failed: " + e.getMessage(), e);
        } catch (SQLException e) {
            throw failed(sourceName, s, e);
        }
    }

    private static SchemaLoadException failed(String sourceName, SqlStatement s, SQLException e) {
        return new SchemaLoadException(sourceName, s.number(), s.line(),
                sourceName + ": statement " + s.number() + " (line " + s.line() + ") failed: " + pgMessage(e), e);
    }

    /** {@code ERROR: relation "users" does not exist}: severity and message, one line. */
    static String pgMessage(SQLException e) {
        if (e instanceof PSQLException pe) {
            ServerErrorMessage m = pe.getServerErrorMessage();
            if (m != null && m.getMessage() != null) {
                String sev = m.getSeverity() == null ? "ERROR" : m.getSeverity();
                return sev + ": " + firstLine(m.getMessage());
            }
        }
        return firstLine(e.getMessage());
    }

    static String readFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SchemaLoadException(file.toString(), file + ": no such file", e);
        } catch (IOException e) {
            throw new SchemaLoadException(file.toString(), file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new SchemaLoadException(file.toString(), file + ": not UTF-8 text; convert it to UTF-8", e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
