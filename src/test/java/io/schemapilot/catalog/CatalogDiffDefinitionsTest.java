package io.schemapilot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogDiff.Change;
import io.schemapilot.catalog.CatalogDiff.Difference;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The diff compares what is behind a name, not only the name: the query of a view or materialized view, the
 * partition key of a partitioned table and the bound of a partition. On the embedded server and, when set, on
 * {@code SCHEMAPILOT_TEST_PG_URL}.
 */
class CatalogDiffDefinitionsTest {

    private static final String BASE = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text, active boolean NOT NULL DEFAULT true);
            CREATE VIEW active_users AS SELECT id, email FROM users WHERE active;
            CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users;
            CREATE TABLE events (id bigint, at date NOT NULL, kind text) PARTITION BY RANGE (at);
            CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
            CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
            CREATE TABLE metrics (id bigint, region text) PARTITION BY LIST (region);
            CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES IN ('eu');
            """;

    private static CatalogSnapshot read(Connection c) throws Exception {
        return new CatalogReader().read(c);
    }

    private static void exec(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String describe(List<Difference> d) {
        return d.stream().map(Difference::description).collect(Collectors.joining("\n"));
    }

    private static Difference only(List<Difference> d) {
        assertEquals(1, d.size(), describe(d));
        return d.get(0);
    }

    @Test
    void a_changed_view_query_is_a_difference_and_the_same_query_recreated_is_not() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, BASE);
                CatalogSnapshot before = read(c);

                // the same query, written differently and recreated: pg_get_viewdef is the same
                exec(c, "DROP VIEW active_users; CREATE VIEW active_users AS\n  select id,\n  email from users "
                        + "where active;");
                assertTrue(CatalogDiff.same(before, read(c)), describe(CatalogDiff.diff(before, read(c))));

                exec(c, "CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE active AND email "
                        + "IS NOT NULL");
                Difference d = only(CatalogDiff.diff(before, read(c)));
                assertEquals(Change.CHANGED, d.change());
                assertEquals("view", d.objectType());
                assertEquals("public.active_users", d.object());
                assertTrue(d.description().startsWith("view public.active_users: definition changed from "),
                        d.description());
                assertTrue(d.description().contains("IS NOT NULL"), d.description());
                assertTrue(!d.description().contains("\n"), "one line: " + d.description());

                // the down puts it back: the schema is restored
                exec(c, "CREATE OR REPLACE VIEW active_users AS SELECT id, email FROM users WHERE active");
                assertTrue(CatalogDiff.same(before, read(c)), describe(CatalogDiff.diff(before, read(c))));
            }
        });
    }

    @Test
    void a_materialized_view_recreated_with_another_query_is_a_difference() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, BASE);
                CatalogSnapshot before = read(c);
                exec(c, "DROP MATERIALIZED VIEW user_count; "
                        + "CREATE MATERIALIZED VIEW user_count AS SELECT count(*) AS n FROM users WHERE active");
                Difference d = only(CatalogDiff.diff(before, read(c)));
                assertEquals("materialized view", d.objectType());
                assertTrue(d.description().startsWith("materialized view public.user_count: definition changed"),
                        d.description());
                assertTrue(d.description().contains("WHERE"), d.description());
            }
        });
    }

    @Test
    void partition_keys_and_bounds_are_compared() throws Exception {
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                exec(c, BASE);
                CatalogSnapshot before = read(c);

                // a partition detached and attached again with its old bound: no difference
                exec(c, "ALTER TABLE events DETACH PARTITION events_2025; ALTER TABLE events ATTACH PARTITION "
                        + "events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')");
                assertTrue(CatalogDiff.same(before, read(c)), describe(CatalogDiff.diff(before, read(c))));

                // ... and with another bound: a difference naming both bounds
                exec(c, "ALTER TABLE events DETACH PARTITION events_2025; ALTER TABLE events ATTACH PARTITION "
                        + "events_2025 FOR VALUES FROM ('2025-01-01') TO ('2025-07-01')");
                Difference bound = only(CatalogDiff.diff(before, read(c)));
                assertEquals("table", bound.objectType());
                assertEquals("public.events_2025", bound.object());
                assertTrue(bound.description().contains("partition bound changed from FOR VALUES FROM ('2025-01-01') "
                        + "TO ('2026-01-01') to FOR VALUES FROM ('2025-01-01') TO ('2025-07-01')"), bound.description());

                // a list partition becoming the default partition
                exec(c, "ALTER TABLE events DETACH PARTITION events_2025; ALTER TABLE events ATTACH PARTITION "
                        + "events_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');"
                        + "ALTER TABLE metrics DETACH PARTITION metrics_eu; "
                        + "ALTER TABLE metrics ATTACH PARTITION metrics_eu DEFAULT");
                Difference def = only(CatalogDiff.diff(before, read(c)));
                assertTrue(def.description().contains("public.metrics_eu: partition bound changed from FOR VALUES IN "
                        + "('eu') to DEFAULT"), def.description());
                exec(c, "ALTER TABLE metrics DETACH PARTITION metrics_eu; "
                        + "ALTER TABLE metrics ATTACH PARTITION metrics_eu FOR VALUES IN ('eu')");
                assertTrue(CatalogDiff.same(before, read(c)), describe(CatalogDiff.diff(before, read(c))));

                // the same table partitioned by another key (and method)
                exec(c, "DROP TABLE metrics; CREATE TABLE metrics (id bigint, region text) PARTITION BY HASH (id);"
                        + "CREATE TABLE metrics_eu PARTITION OF metrics FOR VALUES WITH (MODULUS 1, REMAINDER 0)");
                List<Difference> d = CatalogDiff.diff(before, read(c));
                String text = describe(d);
                assertTrue(text.contains("partitioned table public.metrics: partition key changed from PARTITION BY "
                        + "LIST (region) to PARTITION BY HASH (id)"), text);
                assertTrue(text.contains("table public.metrics_eu: partition bound changed from FOR VALUES IN ('eu') "
                        + "to FOR VALUES WITH (modulus 1, remainder 0)"), text);
                assertEquals(2, d.size(), text);
            }
        });
    }

    @Test
    void definitions_are_compared_without_regard_to_layout() {
        assertEquals("SELECT a FROM t WHERE (b = 'x  y')",
                CatalogDiff.normalised(" SELECT a\n   FROM t\n  WHERE ( b = 'x  y' );"));
        assertEquals("RANGE (created_at)", CatalogDiff.normalised("RANGE ( created_at )"));
        assertEquals("SELECT \"A  b\" FROM t", CatalogDiff.normalised("SELECT \"A  b\"\tFROM t"));
        assertEquals("SELECT 'it''s  here'", CatalogDiff.normalised("SELECT   'it''s  here'"));
    }
}
