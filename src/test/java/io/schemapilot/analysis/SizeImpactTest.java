package io.schemapilot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.TableWork;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Table sizes from the catalog turn lock hazards into durations, and lower the risk on tiny tables. */
class SizeImpactTest {
    private static final long GB = 1024L * 1024 * 1024;

    private static CatalogSnapshot.Table table(String name, long rows, long bytes) {
        List<CatalogSnapshot.Column> cols = List.of(
                new CatalogSnapshot.Column("id", "bigint", "int8", -1, true, null, ' ', ' ', ' '),
                new CatalogSnapshot.Column("qty", "integer", "int4", -1, false, null, ' ', ' ', ' '),
                new CatalogSnapshot.Column("note", "text", "text", -1, false, null, ' ', ' ', ' '));
        return new CatalogSnapshot.Table("public", name, 'r', false, null, rows, bytes, cols, List.of(),
                List.of(new CatalogSnapshot.Index(name + "_qty_idx", false, false, true, false, "btree",
                        List.of("qty"), "CREATE INDEX " + name + "_qty_idx ON public." + name + " (qty)", 8192)),
                List.of(), List.of());
    }

    private static final CatalogSnapshot CATALOG = new CatalogSnapshot("app", "16.10", 160010,
            Map.of("search_path", "public"), List.of("public"),
            List.of(table("orders", 120_000_000L, 40 * GB), table("tiny", 40, 48 * 1024),
                    table("fresh", -1, 8192)),
            List.of(), List.of());

    private static FileReport check(String sql) {
        FileReport raw = new Analyzer().analyze("m.sql", "SET lock_timeout = '2s';\n" + sql, AnalysisSettings.defaults(),
                CATALOG);
        return SizeImpact.apply(raw, CATALOG);
    }

    private static Finding only(FileReport r, String hazard) {
        List<Finding> fs = r.findings().stream().filter(f -> f.hazard().equals(hazard)).toList();
        assertEquals(1, fs.size(), hazard + " in " + r.findings());
        return fs.get(0);
    }

    @Test
    void a_big_table_gets_the_duration_and_keeps_its_risk() {
        Finding before = only(new Analyzer().analyze("m.sql", "SET lock_timeout = '2s';\nCREATE INDEX o_note ON orders (note);",
                AnalysisSettings.defaults(), CATALOG), "create-index-non-concurrent");
        Finding f = only(check("CREATE INDEX o_note ON orders (note);"), "create-index-non-concurrent");
        assertEquals(before.risk(), f.risk());
        assertTrue(f.risk().atLeast(Risk.HIGH));
        assertTrue(f.message().startsWith(before.message().stripTrailing()), f.message());
        // 40 GB at 50 MB/s: about 859 s
        assertTrue(f.message().endsWith(" On public.orders (40 GB, about 120,000,000 rows) the SHARE lock is held for"
                + " about 14 min (estimated from the catalog's sizes)."), f.message());
    }

    @Test
    void a_column_qualified_object_resolves_to_its_table() {
        Finding f = only(check("ALTER TABLE orders ALTER COLUMN qty TYPE bigint;"), "alter-column-type-rewrite");
        assertTrue(f.message().contains("On public.orders (40 GB, about 120,000,000 rows) the ACCESS EXCLUSIVE lock is"
                + " held for about 18 min"), f.message());
        Finding direct = SizeImpact.apply(new FileReport("m.sql", 1, List.of(), List.of(new Finding(
                "set-not-null-full-scan", Risk.HIGH, 1, 1, 1, "public.orders.qty", null, false, "Scans.", null,
                null)), List.of(), null, List.of("")), CATALOG).findings().get(0);
        // 40 GB at 200 MB/s: about 215 s
        assertEquals("Scans. On public.orders (40 GB, about 120,000,000 rows) the work takes about 4 min"
                + " (estimated from the catalog's sizes).", direct.message());
        assertEquals(Risk.HIGH, direct.risk());
    }

    @Test
    void a_tiny_table_lowers_the_risk_and_says_why() {
        Finding f = only(check("CREATE INDEX t_note ON tiny (note);"), "create-index-non-concurrent");
        assertEquals(Risk.MEDIUM, f.risk());
        assertTrue(f.message().endsWith(" Risk lowered: public.tiny is small (40 rows, 48 kB), so the lock is held for"
                + " well under a second."), f.message());
        Finding rewrite = only(check("ALTER TABLE tiny ALTER COLUMN qty TYPE bigint;"), "alter-column-type-rewrite");
        assertFalse(rewrite.risk().atLeast(Risk.HIGH), rewrite.toString());
        assertTrue(rewrite.message().contains("Risk lowered: public.tiny is small"), rewrite.message());
    }

    @Test
    void unknown_statistics_change_nothing() {
        FileReport raw = new Analyzer().analyze("m.sql", "SET lock_timeout = '2s';\nCREATE INDEX f_note ON fresh (note);",
                AnalysisSettings.defaults(), CATALOG);
        Finding before = only(raw, "create-index-non-concurrent");
        Finding after = only(SizeImpact.apply(raw, CATALOG), "create-index-non-concurrent");
        assertEquals(before, after);
        assertSame(raw, SizeImpact.apply(raw, null), "no catalog: the same report");
    }

    @Test
    void drops_on_a_tiny_table_are_not_lowered() {
        FileReport raw = new Analyzer().analyze("m.sql", "SET lock_timeout = '2s';\nALTER TABLE tiny DROP COLUMN note;",
                AnalysisSettings.defaults(), CATALOG);
        Finding before = only(raw, "drop-column");
        Finding after = only(SizeImpact.apply(raw, CATALOG), "drop-column");
        assertEquals(before, after);
        assertEquals(Risk.CRITICAL, after.risk());
    }

    @Test
    void an_index_name_resolves_to_its_table() {
        Finding f = only(check("REINDEX INDEX tiny_qty_idx;"), "reindex-non-concurrent");
        assertEquals(Risk.MEDIUM, f.risk(), f.toString());
        assertTrue(f.message().contains("public.tiny is small"), f.message());
    }

    @Test
    void sizes_and_durations_read_like_a_person_wrote_them() {
        assertEquals("40 GB", TableWork.size(40 * GB));
        assertEquals("512 kB", TableWork.size(512 * 1024));
        assertEquals("1.5 MB", TableWork.size(1536 * 1024));
        assertEquals("800 bytes", TableWork.size(800));
        assertEquals("12 s", TableWork.duration(12.3));
        assertEquals("14 min", TableWork.duration(859));
        assertEquals("2.5 h", TableWork.duration(9000));
        assertEquals("well under a second", TableWork.duration(0.3));
        assertEquals("120,000,000", TableWork.rows(120_000_000L));
        assertNotNull(TableWork.scanSeconds(CATALOG.tables().get(0)));
        assertEquals(null, TableWork.scanSeconds(CATALOG.tables().get(2)));
    }
}
