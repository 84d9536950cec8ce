package io.schemapilot.rehearsal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.SchemaLoadException;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.Jdbc;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/** The batched schema load that rehearsals start with: fast, and as exact in its errors as one statement at a time. */
class SchemaLoadingTest {

    @Test
    void a_failure_inside_a_batch_names_its_statement_and_keeps_nothing_of_the_batch() throws Exception {
        String schema = """
                CREATE TABLE a (id int PRIMARY KEY);
                CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id)); -- a comment at the end
                INSERT INTO a VALUES (1), (2);
                CREATE INDEX b_a_idx ON b (a_id);
                INSERT INTO b VALUES (1, 3);
                CREATE TABLE c (id int);
                """;
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoadException e = assertThrows(SchemaLoadException.class,
                        () -> SchemaLoader.loadInto(c, schema, "schema.sql"));
                assertEquals(5, e.statementNumber(), e.getMessage());
                assertEquals(5, e.line(), e.getMessage());
                assertTrue(e.getMessage().contains("violates foreign key constraint"), e.getMessage());
                // the statements before the failing one ran one by one after the batch was rolled back
                assertEquals(2L, Jdbc.queryOne(c, "SELECT count(*) FROM a", rs -> rs.getLong(1)).orElseThrow());
                assertEquals(0L, Jdbc.queryOne(c, "SELECT count(*) FROM pg_class WHERE relname = 'c'",
                        rs -> rs.getLong(1)).orElseThrow());
            }
        });
    }

    @Test
    void statements_that_cannot_share_a_transaction_still_load() throws Exception {
        String schema = """
                CREATE TYPE mood AS ENUM ('sad', 'ok');
                ALTER TYPE mood ADD VALUE 'happy';
                CREATE TABLE t (id int PRIMARY KEY, m mood NOT NULL DEFAULT 'happy');
                INSERT INTO t VALUES (1);
                CREATE INDEX CONCURRENTLY t_m_idx ON t (m);
                DO $$ BEGIN CREATE TABLE u (id int); END $$;
                BEGIN;
                CREATE TABLE v (id int);
                COMMIT;
                """;
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, schema, "schema.sql");
                assertEquals(4L, Jdbc.queryOne(c, "SELECT count(*) FROM pg_class WHERE relname IN ('t', 't_m_idx', "
                        + "'u', 'v')", rs -> rs.getLong(1)).orElseThrow());
                assertEquals("happy", Jdbc.queryOne(c, "SELECT m::text FROM t", rs -> rs.getString(1)).orElseThrow());
            }
        });
    }
}
