package io.schemapilot.pg;

import java.sql.Connection;
import java.sql.SQLException;

/** Run in a child JVM by {@link EmbeddedPostgresServerTest}: uses the embedded server and must print nothing. */
public final class EmbeddedStdoutProbe {

    private EmbeddedStdoutProbe() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer s = EmbeddedPostgresServer.get();
        String db = s.createDatabase();
        try (Connection c = s.connect(db)) {
            c.createStatement().execute("CREATE TABLE t (x int)");
            try {
                c.createStatement().execute("SELECT * FROM no_such_table");
            } catch (SQLException expected) {
                // the server logs this error: it must land in the log file, not on stdout
            }
        }
        System.err.println("DATA=" + s.dataDirectory());
        System.err.println("LOG=" + s.logFile());
        System.err.println("STARTMS=" + s.startTime().toMillis());
    }
}
