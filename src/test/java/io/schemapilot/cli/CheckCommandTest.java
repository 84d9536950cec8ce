package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import io.schemapilot.report.render.JsonRendererTest;
import io.schemapilot.report.render.SarifRendererTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private String write(String name, String text) throws IOException {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private String write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        return p.toString();
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    // ---- bad input: one line each, exit 2, and the run goes on

    @Test
    void missing_file_exits_2_and_the_other_files_are_still_checked() throws IOException {
        String good = write("V1__ok.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n");
        String missing = dir.resolve("V2__nope.sql").toString();
        CliRunner.Run r = run("check", "--format", "json", missing, good);
        assertEquals(2, r.exit(), r.err());
        assertEquals("error: " + missing + ": no such file; check the path (or pass - to read standard input)",
                r.err().strip());
        JsonNode files = json(r.out()).path("files");
        assertEquals(2, files.size());
        assertTrue(files.get(0).path("error").asText().startsWith("no such file"));
        assertEquals(1, files.get(1).path("statements").asInt());
        assertFalse(files.get(1).has("error"));
        assertTrue(r.noStackTrace());
    }

    @Test
    void empty_file_is_not_an_error_but_gets_a_note() throws IOException {
        String empty = write("V1__empty.sql", "");
        CliRunner.Run r = run("check", empty);
        assertEquals(0, r.exit(), r.err());
        assertEquals("note: " + empty + ": empty file, 0 statements checked", r.err().strip());
        assertTrue(r.out().startsWith("0 findings in 1 file; max risk: low"), r.out());
    }

    @Test
    void comment_only_file_gets_a_note() throws IOException {
        String comments = write("V1__comments.sql", "-- nothing to do yet\n/* later */\n");
        CliRunner.Run r = run("check", comments);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("no SQL statements, 0 statements checked"), r.err());
    }

    @Test
    void binary_file_exits_2() throws IOException {
        String bin = write("V1__bin.sql", new byte[]{'S', 'E', 'L', 0, 1, 2, (byte) 0xFF});
        CliRunner.Run r = run("check", bin);
        assertEquals(2, r.exit());
        assertEquals("error: " + bin + ": binary file (NUL byte at offset 3), not SQL text; pass a .sql text file",
                r.err().strip());
        assertTrue(r.noStackTrace());
    }

    @Test
    void invalid_utf8_names_the_byte_offset_and_line() throws IOException {
        byte[] latin1 = "SELECT 1;\nSELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1);
        String bad = write("V1__latin1.sql", latin1);
        CliRunner.Run r = run("check", bad);
        assertEquals(2, r.exit());
        assertTrue(r.err().strip().startsWith("error: " + bad
                + ": invalid UTF-8 at byte offset 21 (line 2, column 12: byte 0xE9); save the file as UTF-8"), r.err());
        assertEquals(1, r.err().strip().lines().count());
    }

    @Test
    void utf16_file_is_refused_clearly() throws IOException {
        byte[] utf16 = "SELECT 1;".getBytes(StandardCharsets.UTF_16);
        CliRunner.Run r = run("check", write("V1__utf16.sql", utf16));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is UTF-16 text"), r.err());
    }

    @Test
    void utf8_byte_order_mark_is_accepted() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] sql = "CREATE TABLE t (id bigint);\n".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + sql.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(sql, 0, both, bom.length, sql.length);
        CliRunner.Run r = run("check", "--format", "json", write("V1__bom.sql", both));
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        assertEquals(1, json(r.out()).path("files").get(0).path("statements").asInt());
    }

    @Test
    void file_over_10_mb_is_refused_in_one_line_and_quickly() throws IOException {
        Path big = dir.resolve("V1__big.sql");
        byte[] block = "INSERT INTO t VALUES (1);\n".repeat(1 << 16).substring(0, 1 << 20).getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (int i = 0; i < 20; i++) {
                out.write(block);
            }
        }
        long started = System.nanoTime();
        CliRunner.Run r = run("check", big.toString());
        assertEquals(2, r.exit());
        assertEquals("error: " + big + ": file is 20 MB, over the 10 MB limit; split it, or raise the limit with"
                + " --max-file-size 20MB", r.err().strip());
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "refused without reading it");
    }

    @Test
    void max_file_size_lowers_and_raises_the_limit() throws IOException {
        String sql = write("V1__t.sql", "CREATE TABLE t (id bigint);\n-- " + "x".repeat(2000) + "\n");
        CliRunner.Run refused = run("check", "--max-file-size", "1KB", sql);
        assertEquals(2, refused.exit());
        assertTrue(refused.err().contains("over the 1 KB limit"), refused.err());
        CliRunner.Run accepted = run("check", "--max-file-size", "64kb", sql);
        assertTrue(accepted.exit() == 0 || accepted.exit() == 1, accepted.err());
    }

    @Test
    void unterminated_dollar_quote_exits_2_with_its_position() throws IOException {
        String sql = write("V1__fn.sql", "SELECT 1;\nCREATE FUNCTION f() RETURNS int AS $body$\n  SELECT 1;\n");
        CliRunner.Run r = run("check", "--format", "json", sql);
        assertEquals(2, r.exit());
        String err = r.err().strip();
        assertTrue(err.startsWith("error: " + sql + ": line 2"), err);
        assertTrue(err.contains("$body$") && err.contains("nothing in this file was checked"), err);
        assertEquals(1, err.lines().count());
        assertTrue(json(r.out()).path("files").get(0).path("error").asText().contains("line 2"));
    }

    @Test
    void unterminated_block_comment_exits_2() throws IOException {
        CliRunner.Run r = run("check", write("V1__c.sql", "SELECT 1;\n/* never closed\nSELECT 2;\n"));
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("comment"), r.err());
    }

    @Test
    void input_errors_win_over_findings_and_the_rest_is_reported() throws IOException {
        String ok = write("a/V1__ok.sql", "CREATE TABLE t (id bigint);\n");
        String bin = write("a/V2__bin.sql", new byte[]{0});
        CliRunner.Run r = run("check", "--format", "json", bin, ok);
        assertEquals(2, r.exit());
        assertEquals(2, json(r.out()).path("files").size());
    }

    // ---- directories and stdin

    @Test
    void directory_stands_for_its_sql_files_in_natural_order() throws IOException {
        write("m/V10__later.sql", "CREATE TABLE b (id bigint);\n");
        write("m/V2__first.sql", "CREATE TABLE a (id bigint);\n");
        write("m/notes.txt", "not sql");
        CliRunner.Run r = run("check", "--format", "json", dir.resolve("m").toString());
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        JsonNode files = json(r.out()).path("files");
        assertEquals(2, files.size());
        assertTrue(files.get(0).path("path").asText().endsWith("m/V2__first.sql"));
        assertTrue(files.get(1).path("path").asText().endsWith("m/V10__later.sql"));
    }

    @Test
    void directory_without_sql_files_is_an_input_error() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        CliRunner.Run r = run("check", dir.resolve("empty").toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("is a directory with no *.sql files"), r.err());
    }

    @Test
    void dash_reads_standard_input() throws IOException {
        CliRunner.Run r = CliRunner.runWithStdin("CREATE TABLE t (id bigint);\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8),
                "check", "--format", "json", "-");
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        JsonNode file = json(r.out()).path("files").get(0);
        assertEquals("<stdin>", file.path("path").asText());
        assertEquals(2, file.path("statements").asInt());
    }

    // ---- formats and output

    @Test
    void json_output_has_the_contract_keys() throws IOException {
        String sql = write("V1__t.sql", "CREATE TABLE t (id bigint);\nALTER TABLE users ADD COLUMN age int;\n");
        CliRunner.Run r = run("check", "--format", "json", sql);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        JsonNode root = json(r.out());
        JsonRendererTest.assertContractShape(root);
        assertEquals("16", root.path("pg_version").asText());
        assertTrue(root.path("assumptions").get(0).asText().startsWith("no catalog given"));
    }

    @Test
    void pg_version_goes_into_the_report() throws IOException {
        CliRunner.Run r = run("check", "--format", "json", "--pg-version", "12.4", write("V1__t.sql", "SELECT 1;"));
        assertEquals("12.4", json(r.out()).path("pg_version").asText());
    }

    @Test
    void sarif_output_is_valid() throws IOException {
        String sql = write("V1__t.sql", "ALTER TABLE users ADD COLUMN age int;\nDROP TABLE old_stuff;\n");
        CliRunner.Run r = run("check", "--format", "sarif", sql);
        SarifRendererTest.assertValidSarif(json(r.out()));
    }

    @Test
    void markdown_output_has_no_ansi() throws IOException {
        CliEnv tty = new CliEnv(new java.io.ByteArrayInputStream(new byte[0]), java.util.Map.of(), true);
        CliRunner.Run r = CliRunner.run(tty, "check", "--format", "markdown", write("V1__t.sql", "SELECT 1;"));
        assertTrue(r.out().startsWith("## schemapilot check: max risk"), r.out());
        assertFalse(r.out().contains("\u001b["));
    }

    @Test
    void text_is_coloured_only_on_a_terminal_without_no_color() throws IOException {
        String sql = write("V1__t.sql", "SELECT 1;");
        CliEnv tty = new CliEnv(new java.io.ByteArrayInputStream(new byte[0]), java.util.Map.of(), true);
        assertTrue(CliRunner.run(tty, "check", sql).out().contains("\u001b["));
        assertFalse(CliRunner.run(tty, "check", "--no-color", sql).out().contains("\u001b["));
        assertFalse(run("check", sql).out().contains("\u001b["));
    }

    @Test
    void output_writes_the_report_to_a_file() throws IOException {
        String sql = write("V1__t.sql", "CREATE TABLE t (id bigint);\n");
        Path report = dir.resolve("out/report.json");
        CliRunner.Run r = run("check", "--format", "json", "--output", report.toString(), sql);
        assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
        assertEquals("", r.out());
        JsonRendererTest.assertContractShape(json(Files.readString(report)));
    }

    @Test
    void unwritable_output_is_an_input_error_in_one_line() throws IOException {
        String sql = write("V1__t.sql", "SELECT 1;");
        String blocker = write("afile", "x");
        CliRunner.Run r = run("check", "--output", blocker + "/report.txt", sql);
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("schemapilot check: error: --output " + blocker + "/report.txt: cannot write"),
                r.err());
        assertEquals(1, r.err().strip().lines().count());
        assertTrue(r.noStackTrace());
    }

    // ---- options

    @Test
    void unknown_hazard_in_disable_is_a_usage_error() throws IOException {
        CliRunner.Run r = run("check", "--disable", "drop-column,no-such-thing", write("V1__t.sql", "SELECT 1;"));
        assertEquals(2, r.exit());
        assertEquals("schemapilot check: error: --disable: unknown hazard id 'no-such-thing'; use the ids the reports"
                + " show, e.g. create-index-non-concurrent", r.err().strip());
    }

    @Test
    void db_and_schema_together_are_a_usage_error() throws IOException {
        String sql = write("V1__t.sql", "SELECT 1;");
        CliRunner.Run r = run("check", "--db", "postgres://localhost/x", "--schema", sql, sql);
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("pass only one of them"), r.err());
    }

    @Test
    void missing_schema_file_is_one_line_and_a_stack_trace_only_on_request() throws IOException {
        String sql = write("V1__t.sql", "SELECT 1;");
        String schema = dir.resolve("nope.sql").toString();
        CliRunner.Run r = run("check", "--schema", schema, sql);
        assertEquals(2, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("--schema " + schema + ": no such file"), r.err());
        assertTrue(r.noStackTrace());

        CliRunner.Run traced = run("check", "--stacktrace", "--schema", schema, sql);
        assertEquals(2, traced.exit());
        assertTrue(traced.err().contains("\tat io.schemapilot.cli.CheckCommand"), traced.err());
    }

    @Test
    void unreachable_database_exits_3_in_one_line() throws IOException {
        String sql = write("V1__t.sql", "SELECT 1;");
        CliRunner.Run r = run("check", "--db", "postgres://nobody:secret@127.0.0.1:1/none", sql);
        assertEquals(3, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("secret"), "no password in errors");
        assertTrue(r.noStackTrace());
    }

    @Test
    void a_file_right_after_db_is_a_file_not_a_url() throws IOException {
        String sql = write("V1__t.sql", "SELECT 1;");
        DatabaseOptions options = new DatabaseOptions();
        options.db = sql;
        assertEquals(sql, options.takeMisreadFile());
        assertTrue(options.hasDb());
        assertEquals(null, options.dbUrlOrNull(), "--db alone: from the environment");

        DatabaseOptions url = new DatabaseOptions();
        url.db = "postgres://app@db.internal/shop";
        assertEquals(null, url.takeMisreadFile());
        assertEquals("postgres://app@db.internal/shop", url.dbUrlOrNull());
    }

    @Test
    void output_dash_is_standard_output() throws IOException {
        CliRunner.Run r = run("check", "--format", "json", "--output", "-", write("V1__t.sql", "SELECT 1;"));
        assertEquals(0, r.exit(), r.err());
        JsonRendererTest.assertContractShape(json(r.out()));
    }

    // ---- exit code rule

    @Test
    void exit_code_follows_fail_on() {
        Finding medium = new Finding("drop-not-null", Risk.MEDIUM, 1, 1, 1, "public.t", null, false, "m", "h", null);
        FileReport withMedium = new FileReport("a.sql", 1, List.of(), List.of(medium), List.of(), null, List.of("x"));
        CheckReport report = CheckReport.of("0.1.0", "16", List.of(withMedium), List.of(), List.of());
        assertEquals(ExitCode.OK, CheckCommand.outcome(report, Risk.HIGH, false));
        assertEquals(ExitCode.FINDINGS, CheckCommand.outcome(report, Risk.MEDIUM, false));
        assertEquals(ExitCode.FINDINGS, CheckCommand.outcome(report, Risk.LOW, false));
        assertEquals(ExitCode.USAGE, CheckCommand.outcome(report, Risk.LOW, true));

        List<FileReport> files = new ArrayList<>(report.files());
        files.add(FileReport.failed("b.sql", "binary file"));
        CheckReport withError = CheckReport.of("0.1.0", "16", files, List.of(), List.of());
        assertEquals(ExitCode.USAGE, CheckCommand.outcome(withError, Risk.HIGH, false));
    }

    @Test
    void natural_order() {
        List<String> names = new ArrayList<>(List.of("V10__c.sql", "V2__b.sql", "V1_1__a.sql", "V1__a.sql", "V002__x.sql"));
        names.sort(SourceFiles::naturalCompare);
        assertEquals(List.of("V1__a.sql", "V1_1__a.sql", "V2__b.sql", "V002__x.sql", "V10__c.sql"), names);
    }
}
