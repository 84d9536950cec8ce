package io.schemapilot.catalog;

import io.schemapilot.analysis.Analyzer;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The current schema a command or an agent tool runs against, from {@code --db} or {@code --schema}: its catalog, and — when real
 * data is there to check (a live database, or a schema file that also holds rows) — an open connection to it.
 * Closing it closes the connection and drops the embedded database a schema file was loaded into.
 */
public final class CatalogTarget implements AutoCloseable {
    private final CatalogSnapshot catalog;
    private final Connection data;
    private final Runnable cleanup;

    private CatalogTarget(CatalogSnapshot catalog, Connection data, Runnable cleanup) {
        this.catalog = catalog;
        this.data = data;
        this.cleanup = cleanup;
    }

    /**
     * Where the current schema comes from: a live database ({@code url} null means DATABASE_URL or the libpq
     * {@code PG*} variables), a schema file loaded into the embedded PostgreSQL, or nothing.
     */
    public record Source(boolean db, String url, Path schemaFile) {
        public static Source none() {
            return new Source(false, null, null);
        }

        public static Source database(String urlOrNull) {
            return new Source(true, urlOrNull, null);
        }

        public static Source schema(Path file) {
            return new Source(false, null, file);
        }

        public boolean isNone() {
            return !db && schemaFile == null;
        }

        /** How reports name it: {@code --schema} or {@code --db}. */
        public String label() {
            return schemaFile != null ? "--schema" : db ? "--db" : null;
        }
    }

    public static CatalogTarget none() {
        return new CatalogTarget(null, null, () -> { });
    }

    /** @param wantData keep a connection for data checks when there is data; {@code log}: verbose, or null */
    public static CatalogTarget open(Source source, boolean wantData, PrintWriter log) {
        Path schema = source.schemaFile();
        if (schema != null) {
            return fromSchemaFile(schema, wantData, log);
        }
        if (source.db()) {
            if (log != null) {
                log.println("reading the catalog of the --db database (read-only session) ...");
            }
            Connection c = Connections.openReadOnly(source.url());
            try {
                CatalogSnapshot snapshot = new CatalogReader().read(c);
                if (wantData) {
                    return new CatalogTarget(snapshot, c, () -> closeQuietly(c));
                }
                closeQuietly(c);
                return new CatalogTarget(snapshot, null, () -> { });
            } catch (RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
        }
        return none();
    }

    private static CatalogTarget fromSchemaFile(Path schema, boolean wantData, PrintWriter log) {
        if (!Files.isRegularFile(schema)) {
            throw new IllegalArgumentException("--schema " + schema
                    + ": no such file; pass the current schema as a .sql file (e.g. pg_dump --schema-only)");
        }
        String text = io.schemapilot.sql.SqlFiles.readText(schema, "--schema");
        if (log != null) {
            log.println("loading " + schema + " into the embedded PostgreSQL ...");
        }
        EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
        String db = new SchemaLoader(server).loadInto(text, schema.toString());
        Connection c = null;
        try {
            c = server.connect(db);
            CatalogSnapshot snapshot = new CatalogReader().read(c);
            if (wantData && holdsData(text)) {
                Connection keep = c;
                return new CatalogTarget(snapshot, keep, () -> {
                    closeQuietly(keep);
                    server.dropDatabase(db);
                });
            }
            closeQuietly(c);
            server.dropDatabase(db);
            return new CatalogTarget(snapshot, null, () -> { });
        } catch (SQLException e) {
            closeQuietly(c);
            server.dropDatabase(db);
            throw new DatabaseException(DatabaseException.Kind.OTHER,
                    "cannot read the schema loaded from " + schema + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            server.dropDatabase(db);
            throw e;
        }
    }

    /** The schema file inserts or copies rows: its data can answer the data checks. */
    public static boolean holdsData(String schemaSql) {
        try {
            for (ParsedStatement st : Analyzer.parse(StatementSplitter.split(schemaSql).statements())) {
                if (st.has(Change.Insert.class) || st.source().keyword().equals("copy")) {
                    return true;
                }
            }
        } catch (SqlSyntaxException e) {
            return false;
        }
        return false;
    }

    public CatalogSnapshot catalog() {
        return catalog;
    }

    /** A connection to real data, or null. */
    public Connection data() {
        return data;
    }

    @Override
    public void close() {
        cleanup.run();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a connection that failed: nothing more to do
            }
        }
    }
}
