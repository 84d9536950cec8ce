package io.schemapilot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyzerTest {
    private static final AnalysisSettings S = AnalysisSettings.defaults();

    private static FileReport analyze(String sql) {
        return new Analyzer().analyze("m.sql", sql, S, null);
    }

    private static List<String> ids(FileReport r) {
        return r.findings().stream().map(Finding::hazard).toList();
    }

    @Test
    void findings_carry_statement_number_line_and_column() {
        FileReport r = analyze("SET lock_timeout = '2s';\n\n  CREATE INDEX i ON orders (a);\n");
        Finding f = r.findings().stream().filter(x -> x.hazard().equals("create-index-non-concurrent")).findFirst()
                .orElseThrow();
        assertEquals(2, f.statement());
        assertEquals(3, f.line());
        assertEquals(3, f.column());
        assertEquals(2, r.statements());
        assertEquals("CREATE INDEX i ON orders (a);".replace(";", ""), r.excerpt(2));
    }

    @Test
    void ignore_comment_above_a_statement_suppresses_that_hazard_only_there() {
        FileReport r = analyze("""
                SET lock_timeout = '2s';
                -- schemapilot:ignore create-index-non-concurrent small lookup table, built in 50 ms
                CREATE INDEX a_idx ON countries (code);
                CREATE INDEX b_idx ON orders (code);
                """);
        List<Finding> idx = r.findings().stream().filter(f -> f.hazard().equals("create-index-non-concurrent")).toList();
        assertEquals(1, idx.size());
        assertEquals(3, idx.get(0).statement());
        assertEquals(List.of(), r.unusedIgnores());
    }

    @Test
    void ignore_file_suppresses_everywhere_and_unused_ignores_are_reported() {
        FileReport r = analyze("""
                -- schemapilot:ignore-file create-index-non-concurrent
                -- schemapilot:ignore-file no-such-hazard
                SET lock_timeout = '2s';
                CREATE INDEX a_idx ON countries (code);
                -- schemapilot:ignore drop-table nothing to suppress here
                CREATE INDEX b_idx ON orders (code);
                """);
        assertTrue(ids(r).stream().noneMatch(id -> id.equals("create-index-non-concurrent")));
        assertEquals(2, r.unusedIgnores().size());
        assertEquals("no-such-hazard", r.unusedIgnores().stream().filter(u -> u.reason().contains("unknown"))
                .findFirst().orElseThrow().hazard());
        assertTrue(r.unusedIgnores().stream().anyMatch(u -> u.hazard().equals("drop-table") && u.line() == 5));
    }

    @Test
    void unreadable_statement_is_a_parse_error_and_does_not_stop_the_run() {
        FileReport r = analyze("FROBNICATE everything;\nCREATE INDEX i ON orders (a);");
        assertEquals(1, r.parseErrors().size());
        assertEquals(1, r.parseErrors().get(0).statement());
        assertTrue(ids(r).contains("create-index-non-concurrent"));
    }

    @Test
    void unsplittable_file_reports_an_error_with_position() {
        FileReport r = analyze("SELECT 1;\nDO $x$ BEGIN");
        assertNotNull(r.error());
        assertTrue(r.error().startsWith("line 2, column 4"), r.error());
    }

    @Test
    void parallel_parsing_of_a_large_file_gives_the_same_findings_as_small_pieces() {
        StringBuilder big = new StringBuilder("SET lock_timeout = '2s';\n");
        for (int i = 0; i < 1000; i++) {
            big.append("CREATE INDEX i").append(i).append(" ON t").append(i % 7).append(" (a);\n");
            big.append("CREATE INDEX CONCURRENTLY j").append(i).append(" ON t").append(i % 7).append(" (b);\n");
        }
        FileReport r = analyze(big.toString());
        assertNull(r.error());
        assertEquals(2001, r.statements());
        List<Finding> idx = r.findings().stream().filter(f -> f.hazard().equals("create-index-non-concurrent")).toList();
        assertEquals(1000, idx.size());
        for (int k = 0; k < idx.size(); k++) {
            assertEquals(2 + 2 * k, idx.get(k).statement(), "findings in statement order");
        }
    }
}
