package io.schemapilot.cli;

import io.schemapilot.analysis.Analyzer;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The current schema a command runs against, from {@code --db} or {@code --schema}: its catalog, and — when real
 * data is there to check (a live database, or a schema file that also holds rows) — an open connection to it.
 * Closing it closes the connection and drops the embedded database a schema file was loaded into.
 */
final class CatalogContext implements AutoCloseable {
    private final CatalogSnapshot catalog;
    private final Connection data;
    private final Runnable cleanup;

    private CatalogContext(CatalogSnapshot catalog, Connection data, Runnable cleanup) {
        this.catalog = catalog;
        this.data = data;
        this.cleanup = cleanup;
    }

    static CatalogContext none() {
        return new CatalogContext(null, null, () -> { });
    }

    /** @param wantData keep a connection for data checks when there is data; {@code log}: verbose, or null */
    static CatalogContext open(DatabaseOptions database, boolean wantData, PrintWriter log) {
        Path schema = database.schema();
        if (schema != null) {
            return fromSchemaFile(schema, wantData, log);
        }
        if (database.hasDb()) {
            if (log != null) {
                log.println("reading the catalog of the --db database (read-only session) ...");
            }
            Connection c = Connections.openReadOnly(database.dbUrlOrNull());
            try {
                CatalogSnapshot snapshot = new CatalogReader().read(c);
                if (wantData) {
                    return new CatalogContext(snapshot, c, () -> closeQuietly(c));
                }
                closeQuietly(c);
                return new CatalogContext(snapshot, null, () -> { });
            } catch (RuntimeException e) {
                closeQuietly(c);
                throw e;
            }
        }
        return none();
    }

    private static CatalogContext fromSchemaFile(Path schema, boolean wantData, PrintWriter log) {
        if (!Files.isRegularFile(schema)) {
            throw new CliException(ExitCode.USAGE, "--schema " + schema
                    + ": no such file; pass the current schema as a .sql file (e.g. pg_dump --schema-only)");
        }
        String text;
        try {
            text = Files.readString(schema, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "--schema " + schema + ": cannot read (" + e.getMessage() + ")");
        }
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
                return new CatalogContext(snapshot, keep, () -> {
                    closeQuietly(keep);
                    server.dropDatabase(db);
                });
            }
            closeQuietly(c);
            server.dropDatabase(db);
            return new CatalogContext(snapshot, null, () -> { });
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
    static boolean holdsData(String schemaSql) {
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

    CatalogSnapshot catalog() {
        return catalog;
    }

    /** A connection to real data, or null. */
    Connection data() {
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
