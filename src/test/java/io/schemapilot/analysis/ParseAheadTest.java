package io.schemapilot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.report.FileReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ParseAheadTest {
    private static final AnalysisSettings S = AnalysisSettings.defaults();

    @TempDir
    Path dir;

    /** A migration long enough to take the parallel paths (more than 256 statements), with findings. */
    private static String migration() {
        StringBuilder sb = new StringBuilder("CREATE TYPE state AS ENUM ('a', 'b');\nBEGIN;\n");
        for (int i = 0; i < 150; i++) {
            sb.append("ALTER TABLE orders ADD COLUMN c").append(i).append(" jsonb DEFAULT now();\n");
            sb.append("CREATE INDEX i").append(i).append(" ON orders (c").append(i).append(");\n");
        }
        sb.append("ALTER TYPE state ADD VALUE 'c';\nUPDATE orders SET s = 'c';\nCOMMIT;\n");
        sb.append("DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD CONSTRAINT k CHECK (x > 0)'; END $$;\n");
        return sb.toString();
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p.toString();
    }

    /** The report of the normal path: split and parse on the calling thread. */
    private static FileReport normal(String sql) {
        return new Analyzer().analyze("not-read-ahead.sql", sql, S, null);
    }

    private static FileReport renamed(FileReport r, String path) {
        List<String> excerpts = new ArrayList<>();
        for (int i = 1; i <= r.statements(); i++) {
            excerpts.add(r.excerpt(i));
        }
        return new FileReport(path, r.statements(), r.parseErrors(), r.findings(), r.unusedIgnores(), r.error(),
                excerpts);
    }

    @Test
    void a_file_read_ahead_gives_the_same_report_as_the_normal_path() throws IOException {
        String sql = migration();
        String path = write("V1__big.sql", sql.getBytes(StandardCharsets.UTF_8));
        ParseAhead.start(List.of(path));
        Analyzer.Prepared ahead = ParseAhead.take(path, sql);
        assertNotNull(ahead, "prepared ahead");
        assertNull(ParseAhead.take(path, sql), "handed out once");

        ParseAhead.start(List.of(path));
        FileReport viaAhead = new Analyzer().analyze(path, sql, S, null);
        FileReport expected = renamed(normal(sql), path);
        assertEquals(expected, viaAhead);
        assertTrue(viaAhead.findings().size() > 100, "findings: " + viaAhead.findings().size());
    }

    @Test
    void a_byte_order_mark_is_dropped_as_the_cli_drops_it() throws IOException {
        String sql = "CREATE INDEX i ON orders (a);\n";
        byte[] body = sql.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        String path = write("bom.sql", bytes);
        ParseAhead.start(List.of(path));
        assertNotNull(ParseAhead.take(path, sql));
    }

    @Test
    void another_text_than_the_one_read_ahead_is_split_and_parsed_again() throws IOException {
        String path = write("changed.sql", "CREATE INDEX i ON orders (a);\n".getBytes(StandardCharsets.UTF_8));
        ParseAhead.start(List.of(path));
        String other = "CREATE INDEX j ON orders (b);\nDROP TABLE x;\n";
        assertNull(ParseAhead.take(path, other));

        ParseAhead.start(List.of(path));
        assertEquals(renamed(normal(other), path), new Analyzer().analyze(path, other, S, null));
    }

    @Test
    void files_that_cannot_be_prepared_are_left_to_the_normal_path() throws IOException {
        String unterminated = "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n";
        String bad = write("unterminated.sql", unterminated.getBytes(StandardCharsets.UTF_8));
        String missing = dir.resolve("missing.sql").toString();
        ParseAhead.start(List.of(bad, missing, dir.toString()));
        assertNull(ParseAhead.take(bad, unterminated));
        assertNull(ParseAhead.take(missing, ""));
        assertNull(ParseAhead.take(dir.toString(), ""));

        ParseAhead.start(List.of(bad));
        FileReport failed = new Analyzer().analyze(bad, unterminated, S, null);
        assertNotNull(failed.error());
        assertEquals(renamed(normal(unterminated), bad), failed);
    }

    @Test
    void taking_a_file_the_reader_has_not_reached_yet_waits_for_it() throws IOException {
        String sql = migration();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            paths.add(write("V" + i + "__big.sql", sql.getBytes(StandardCharsets.UTF_8)));
        }
        ParseAhead.start(paths);
        // the last first: taken out of the map before the reader gets to it, it must still be completed
        for (int i = paths.size() - 1; i >= 0; i--) {
            assertNotNull(ParseAhead.take(paths.get(i), sql), paths.get(i));
        }
    }

    @Test
    void a_path_given_twice_is_prepared_once() throws IOException {
        String sql = "CREATE INDEX i ON orders (a);\n";
        String path = write("twice.sql", sql.getBytes(StandardCharsets.UTF_8));
        ParseAhead.start(List.of(path, path));
        assertNotNull(ParseAhead.take(path, sql));
        assertNull(ParseAhead.take(path, sql));
    }

    @Test
    void nothing_started_means_nothing_to_take() {
        assertNull(ParseAhead.take("never-started.sql", "SELECT 1;"));
        Analyzer.Prepared p = Analyzer.prepare("SELECT 1;\nSELECT 2;\n");
        assertEquals(2, p.parsed().size());
        assertSame(p.split().statements().get(1), p.parsed().get(1).source());
    }
}
