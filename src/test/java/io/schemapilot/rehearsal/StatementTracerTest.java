package io.schemapilot.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.StatementSplitter;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementTracerTest {
    private static final String SCHEMA = """
            CREATE TABLE items (id bigint PRIMARY KEY, qty integer NOT NULL, note text);
            INSERT INTO items SELECT g, g % 7, NULL FROM generate_series(1, 300) g;
            """;

    @Test
    void a_caller_given_label_names_every_run_lock_and_rewrite_and_locks_are_held_until_commit() throws Exception {
        String sql = """
                BEGIN;
                SET lock_timeout = '2s';
                ALTER TABLE items ALTER COLUMN qty TYPE bigint;
                SELECT pg_sleep(0.2);
                COMMIT;
                CREATE INDEX CONCURRENTLY items_note_idx ON items (note);
                """;
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, SCHEMA, "schema.sql");
                CatalogSnapshot before = new CatalogReader().read(c);
                List<ParsedStatement> parsed = Analyzer.parse(StatementSplitter.split(sql).statements());
                FileReport findings = new Analyzer().analyze("up.sql", sql, AnalysisSettings.defaults(), before);
                StatementTracer.PhaseResult r = new StatementTracer(c, before, AnalysisSettings.defaults())
                        .run("up", "7.1", parsed, findings);
                assertTrue(r.ok(), r.notes()::toString);
                assertEquals(parsed.size(), r.runs().size());
                assertTrue(r.runs().stream().allMatch(x -> x.step().equals("7.1") && x.phase().equals("up")));
                assertEquals(List.of(new Rehearsal.Rewrite("7.1", "public.items")), r.rewrites());
                Rehearsal.Lock ax = r.locks().stream().filter(l -> l.observed()).findFirst().orElseThrow();
                assertEquals("7.1", ax.step());
                assertEquals(LockMode.ACCESS_EXCLUSIVE, ax.lock());
                assertEquals("public.items", ax.object());
                assertTrue(ax.hazards().contains("alter-column-type-rewrite"), ax.hazards()::toString);
                assertTrue(ax.heldMs() >= 200, () -> "held until COMMIT, after the sleep: " + ax.heldMs());
                Rehearsal.Lock cic = r.locks().stream().filter(l -> !l.observed()).findFirst().orElseThrow();
                assertEquals("7.1", cic.step());
                assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, cic.lock());
            }
        });
    }

    @Test
    void a_do_block_that_commits_runs_outside_a_transaction() throws Exception {
        String up = """
                DO $sp$
                DECLARE
                  lo bigint;
                BEGIN
                  SELECT min(id) INTO lo FROM items;
                  WHILE lo IS NOT NULL LOOP
                    UPDATE items SET note = 'n' || id WHERE id BETWEEN lo AND lo + 99;
                    COMMIT;
                    SELECT min(id) INTO lo FROM items WHERE id > lo + 99;
                  END LOOP;
                END
                $sp$;
                DO $$ BEGIN PERFORM 1; END $$;
                """;
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, SCHEMA, "schema.sql");
                Rehearsal r = Rehearser.rehearse(c, new Rehearser.Input(SCHEMA, "schema.sql", up, "up.sql", null,
                        null, AnalysisSettings.defaults()));
                assertTrue(r.upOk(), () -> r.notes() + " " + r.statements());
                assertTrue(r.locks().stream().filter(l -> l.step().equals("1")).noneMatch(Rehearsal.Lock::observed),
                        r.locks()::toString);
                try (Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT count(*) FROM items WHERE note IS NULL")) {
                    rs.next();
                    assertEquals(0, rs.getInt(1));
                }
                assertFalse(r.statements().stream().anyMatch(s -> !s.ok()));
            }
        });
    }
}
