package io.schemapilot.agent.tools.builtin;

import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.pg.SessionOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/** The current schema of a tool call ({@link ToolContext#target()}): its catalog, or a session to query it. */
final class Targets {

    static final String NONE = "no current schema: schemapilot was started without --db URL (a live database) or"
            + " --schema FILE (the schema as SQL); ask the user to give one";

    private Targets() {
    }

    static void require(ToolContext ctx) throws ToolFailure {
        if (ctx.target().isNone()) {
            throw new ToolFailure(NONE);
        }
    }

    /** The catalog (and, with {@code wantData}, a connection to the data when there is data). */
    static CatalogTarget open(ToolContext ctx, boolean wantData) throws ToolFailure {
        require(ctx);
        return CatalogTarget.open(ctx.target(), wantData, null);
    }

    /** A session for read-only queries: the live database, or the schema file loaded into the embedded server. */
    interface QuerySession extends AutoCloseable {
        Connection connection();

        /** "--db" or "--schema FILE". */
        String label();

        @Override
        void close();
    }

    static QuerySession openForQueries(ToolContext ctx, Duration statementTimeout) throws ToolFailure {
        require(ctx);
        CatalogTarget.Source src = ctx.target();
        if (src.schemaFile() != null) {
            Path file = src.schemaFile();
            String sql;
            try {
                sql = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ToolFailure("cannot read the --schema file " + file.getFileName() + ": "
                        + e.getClass().getSimpleName());
            }
            EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
            String db = new SchemaLoader(server).loadInto(sql, file.toString());
            Connection c;
            try {
                c = server.connect(db);
            } catch (SQLException e) {
                server.dropDatabase(db);
                throw new DatabaseException(DatabaseException.Kind.OTHER,
                        "cannot connect to the embedded database holding --schema: " + e.getMessage(), e);
            }
            return new Session(c, "--schema " + file.getFileName(), () -> server.dropDatabase(db));
        }
        Connection c = Connections.open(Connections.resolve(src.url()),
                SessionOptions.analysis().withStatementTimeout(statementTimeout));
        return new Session(c, "--db", () -> { });
    }

    /** A query session that closes its connection, then runs {@code afterClose}. */
    private record Session(Connection connection, String label, Runnable afterClose) implements QuerySession {
        @Override
        public void close() {
            closeQuietly(connection);
            afterClose.run();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }
}
