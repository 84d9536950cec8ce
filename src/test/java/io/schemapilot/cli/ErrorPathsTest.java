package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The error paths of the working commands, as the contract states them: bad input gets exit 2 (a database or model
 * that cannot be used, 3) with one clear line on stderr, no stack trace, nothing on stdout, and loses nothing — no
 * input file overwritten, no migration folder half written, the target database untouched.
 */
class ErrorPathsTest {
    private static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users (id), status text);
            """;
    private static final String DATA = """
            INSERT INTO users SELECT g, 'u' || g || '@x.io' FROM generate_series(1, 200) g;
            INSERT INTO orders SELECT g, g % 200 + 1, CASE WHEN g % 10 = 0 THEN NULL ELSE 'new' END
            FROM generate_series(1, 1000) g;
            """;
    private static final String MIGRATION = """
            ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
            CREATE INDEX orders_status_idx ON orders (status);
            """;
    private static final String DOWN = """
            DROP INDEX orders_status_idx;
            ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void files() throws IOException {
        Files.writeString(dir.resolve("schema.sql"), SCHEMA + DATA);
        Files.writeString(dir.resolve("m.sql"), MIGRATION);
        Files.writeString(dir.resolve("down.sql"), DOWN);
        Files.writeString(dir.resolve("dollar.sql"), "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n");
        Files.write(dir.resolve("binary.sql"), new byte[] {'S', 'E', 'L', 0, 1, 2, (byte) 0xff});
        Files.write(dir.resolve("latin1.sql"), "SELECT 'caf\u00e9';\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.createDirectories(dir.resolve("folder"));
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    /** One line on stderr, no stack trace, nothing on stdout. */
    private static void oneLineError(CliRunner.Run r) {
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.noStackTrace(), r.err());
        assertEquals("", r.out(), r.err());
    }

    // ------------------------------------------------------------------------------------------ usage errors

    @Test
    void usage_errors_are_one_line_with_the_suggestion_and_the_pointer_to_help() {
        CliRunner.Run unknown = run("check", "--fromat", "json", p("m.sql"));
        assertEquals(2, unknown.exit());
        oneLineError(unknown);
        assertTrue(unknown.err().startsWith("schemapilot check: Unknown option: '--fromat'"), unknown.err());
        assertTrue(unknown.err().contains("Try 'schemapilot check --help'"), unknown.err());

        CliRunner.Run typo = run("chek", p("m.sql"));
        assertEquals(2, typo.exit());
        oneLineError(typo);
        assertTrue(typo.err().contains("Did you mean: ") && typo.err().contains("check"), typo.err());

        CliRunner.Run missing = run("rehearse");
        assertEquals(2, missing.exit());
        oneLineError(missing);
        assertTrue(missing.err().contains("Missing required parameter: 'FILE'"), missing.err());
    }

    @Test
    void a_check_budget_too_long_or_zero_is_a_usage_error_not_an_internal_one() {
        CliRunner.Run overflow = run("check", "--check-budget", "9999999999999999h", p("m.sql"));
        assertEquals(2, overflow.exit(), overflow.err());
        oneLineError(overflow);
        assertTrue(overflow.err().contains("--check-budget: '9999999999999999h' is too long"), overflow.err());

        CliRunner.Run digits = run("check", "--check-budget", "99999999999999999999", p("m.sql"));
        assertEquals(2, digits.exit(), digits.err());
        assertFalse(digits.err().contains("For input string"), digits.err());

        CliRunner.Run zero = run("check", "--check-budget", "0", p("m.sql"));
        assertEquals(2, zero.exit(), zero.err());
        assertTrue(zero.err().contains("--check-budget"), zero.err());
    }

    // ------------------------------------------------------------------------------------------ input files

    @Test
    void files_named_by_options_get_the_same_clear_problem_as_migration_files() {
        CliRunner.Run binary = run("plan", "--from", p("schema.sql"), "--to", p("binary.sql"));
        assertEquals(2, binary.exit());
        oneLineError(binary);
        assertTrue(binary.err().contains("--to " + p("binary.sql") + ": binary file (NUL byte at offset 3)"),
                binary.err());

        CliRunner.Run latin1 = run("check", "--schema", p("latin1.sql"), p("m.sql"));
        assertEquals(2, latin1.exit());
        oneLineError(latin1);
        assertTrue(latin1.err().contains("--schema " + p("latin1.sql") + ": invalid UTF-8 at byte offset 11 (line 1,"
                + " column 12"), latin1.err());

        CliRunner.Run folder = run("plan", "--from", p("folder"), "--to", p("schema.sql"));
        assertEquals(2, folder.exit());
        oneLineError(folder);
        assertTrue(folder.err().contains("--from " + p("folder") + ": is a directory"), folder.err());

        CliRunner.Run down = run("rehearse", p("m.sql"), "--schema", p("schema.sql"), "--down", p("latin1.sql"));
        assertEquals(2, down.exit());
        oneLineError(down);
        assertTrue(down.err().contains("--down " + p("latin1.sql") + ": invalid UTF-8 at byte offset 11"), down.err());
    }

    @Test
    void rehearse_refuses_sql_that_cannot_be_split_as_an_input_error_naming_the_file() {
        CliRunner.Run up = run("rehearse", p("dollar.sql"), "--schema", p("schema.sql"));
        assertEquals(2, up.exit(), up.out() + up.err());
        oneLineError(up);
        assertTrue(up.err().contains(p("dollar.sql") + ": line 1, column 36: unterminated dollar-quoted string"),
                up.err());

        CliRunner.Run down = run("rehearse", p("m.sql"), "--schema", p("schema.sql"), "--down", p("dollar.sql"));
        assertEquals(2, down.exit(), down.out() + down.err());
        oneLineError(down);
        assertTrue(down.err().contains("--down " + p("dollar.sql") + ": line 1, column 36"), down.err());
    }

    @Test
    void rehearse_refuses_sarif_and_a_second_file_before_it_connects_anywhere() {
        CliRunner.Run sarif = run("rehearse", p("m.sql"), "--db", "postgres://nobody@127.0.0.1:1/none",
                "--format", "sarif");
        assertEquals(2, sarif.exit(), sarif.err());
        oneLineError(sarif);
        assertTrue(sarif.err().contains("--format sarif is for check"), sarif.err());

        CliRunner.Run two = run("rehearse", p("m.sql"), p("down.sql"), "--schema", p("schema.sql"));
        assertEquals(2, two.exit(), two.err());
        oneLineError(two);
        assertTrue(two.err().contains("looks like a second one (give the down with --down)"), two.err());
    }

    // ------------------------------------------------------------------------------------------ outputs

    @Test
    void output_onto_an_input_file_is_refused_and_the_migration_is_kept() throws IOException {
        List<String[]> runs = List.of(
                new String[] {"check", p("m.sql"), "--output", p("m.sql")},
                new String[] {"check", dir.toString(), "--output", p("m.sql"), "--max-file-size", "1MB"},
                new String[] {"plan", p("m.sql"), "-o", p("m.sql")},
                new String[] {"plan", "--from", p("schema.sql"), "--to", p("down.sql"), "-o", p("schema.sql")},
                new String[] {"rehearse", p("m.sql"), "--schema", p("schema.sql"), "--down", p("down.sql"), "-o",
                        p("down.sql")});
        for (String[] args : runs) {
            CliRunner.Run r = run(args);
            assertEquals(2, r.exit(), String.join(" ", args) + "\n" + r.err());
            oneLineError(r);
            assertTrue(r.err().contains("is an input of this run"), r.err());
        }
        assertEquals(MIGRATION, Files.readString(dir.resolve("m.sql")));
        assertEquals(DOWN, Files.readString(dir.resolve("down.sql")));
        assertEquals(SCHEMA + DATA, Files.readString(dir.resolve("schema.sql")));
    }

    @Test
    void plan_checks_format_output_and_write_folder_before_it_writes_any_migration_file() throws IOException {
        Path out = dir.resolve("out");
        CliRunner.Run sarif = run("plan", p("m.sql"), "--write", out.toString(), "--format", "sarif");
        assertEquals(2, sarif.exit(), sarif.err());
        oneLineError(sarif);
        assertFalse(Files.exists(out), "files were written before the error");

        CliRunner.Run folder = run("plan", p("m.sql"), "--write", out.toString(), "--output", p("folder"));
        assertEquals(2, folder.exit(), folder.err());
        oneLineError(folder);
        assertTrue(folder.err().contains("--output " + p("folder") + ": cannot write (it is a directory)"),
                folder.err());
        assertFalse(Files.exists(out), "files were written before the error");

        CliRunner.Run file = run("plan", p("m.sql"), "--write", p("down.sql"));
        assertEquals(2, file.exit(), file.err());
        oneLineError(file);
        assertTrue(file.err().contains("--write " + p("down.sql") + ": is a file"), file.err());
        assertEquals(DOWN, Files.readString(dir.resolve("down.sql")));

        CliRunner.Run style = run("plan", p("m.sql"), "--style", "flyway");
        assertEquals(2, style.exit(), style.err());
        oneLineError(style);
        assertTrue(style.err().contains("--style goes with --write"), style.err());
    }

    @Test
    void plan_write_does_not_replace_a_users_file_without_force() throws IOException {
        Path sq = dir.resolve("sqitch");
        Files.createDirectories(sq);
        String mine = "%syntax-version=1.0.0\n%project=mine\n\nusers 2020-01-01T00:00:00Z me <me@x.io> # mine\n";
        Files.writeString(sq.resolve("sqitch.plan"), mine);

        CliRunner.Run refused = run("plan", p("m.sql"), "--write", sq.toString(), "--style", "sqitch");
        assertEquals(2, refused.exit(), refused.err());
        oneLineError(refused);
        assertTrue(refused.err().contains("would replace " + sq.resolve("sqitch.plan")), refused.err());
        assertTrue(refused.err().contains("--force"), refused.err());
        assertEquals(mine, Files.readString(sq.resolve("sqitch.plan")));
        try (var files = Files.list(sq)) {
            assertEquals(1, files.count(), "nothing else was written");
        }

        CliRunner.Run forced = run("plan", p("m.sql"), "--write", sq.toString(), "--style", "sqitch", "--force");
        assertEquals(0, forced.exit(), forced.err());
        assertTrue(Files.readString(sq.resolve("sqitch.plan")).contains("%project=schemapilot"));
        // the same plan written again replaces nothing of the user's: no --force needed
        CliRunner.Run again = run("plan", p("m.sql"), "--write", sq.toString(), "--style", "sqitch");
        assertEquals(0, again.exit(), again.err());
    }

    // ------------------------------------------------------------------------------------------ databases

    @Test
    void a_password_the_url_parser_cannot_read_is_not_printed() {
        for (String password : List.of("S3cr/etPW", "S3cr?etPW", "S3cr etPW")) {
            CliRunner.Run r = run("check", "--db", "postgres://app:" + password + "@127.0.0.1:1/shop", p("m.sql"));
            assertEquals(3, r.exit(), r.err());
            oneLineError(r);
            assertFalse(r.err().contains("S3cr"), r.err());
            assertFalse(r.err().contains("etPW"), r.err());
        }
        CliRunner.Run ipv6 = run("check", "--db", "postgres://app:S3cr etPW@[::1", p("m.sql"));
        assertEquals(3, ipv6.exit(), ipv6.err());
        assertFalse(ipv6.err().contains("S3cr"), ipv6.err());
        CliRunner.Run noScheme = run("check", "--db", "app:S3cr etPW@127.0.0.1/shop", p("m.sql"));
        assertEquals(3, noScheme.exit(), noScheme.err());
        assertFalse(noScheme.err().contains("S3cr"), noScheme.err());
    }

    /**
     * {@code --db FILE}: the file is the migration and the database comes from DATABASE_URL (as the option's help
     * says); before, picocli took the file as the URL and the command reported its FILE missing. Run as a process,
     * since the database variables are read from the real environment.
     */
    @Test
    void db_followed_by_a_file_reads_the_database_from_the_environment() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(SCHEMA + DATA)) {
            String url = db.target().describe();
            String before = fingerprint(db);

            Proc check = main(Map.of("DATABASE_URL", url), "check", "--db", p("m.sql"), "--format", "json");
            assertEquals(1, check.exit(), check.err());
            assertTrue(check.out().contains("\"nulls-orders-status\""), check.out());
            assertTrue(check.out().contains("catalog read from the --db database"), check.out());

            Proc rehearse = main(Map.of("DATABASE_URL", url), "rehearse", "--db", p("m.sql"), "--down", p("down.sql"),
                    "--format", "json");
            assertEquals(0, rehearse.exit(), rehearse.err());
            assertTrue(rehearse.out().contains("\"schema_restored\" : true"), rehearse.out());

            assertEquals(before, fingerprint(db), "the target database changed");
        }
    }

    /**
     * A table locked by another session while {@code check --db} and {@code rehearse --db} read the catalog: both
     * finish, say so in one readable warning line (not a log record naming a Java class), and change nothing.
     */
    @Test
    void a_locked_table_is_a_readable_warning_and_the_target_is_untouched() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(SCHEMA + DATA);
             Connection locker = db.connect()) {
            String url = db.target().describe();
            String before = fingerprint(db);
            locker.setAutoCommit(false);
            try (Statement st = locker.createStatement()) {
                st.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE");
            }
            try {
                Proc check = main(Map.of(), "check", "--db", url, p("m.sql"));
                assertEquals(1, check.exit(), check.err());
                Proc rehearse = main(Map.of(), "rehearse", p("m.sql"), "--db", url, "--down", p("down.sql"));
                // the shadow lacks what could not be read: a pass would prove little, so the rehearsal does not pass
                assertEquals(1, rehearse.exit(), rehearse.err());
                assertTrue(rehearse.err().contains("run the rehearsal again when the target is quiet"), rehearse.err());
                for (Proc r : List.of(check, rehearse)) {
                    assertTrue(r.err().contains("public.orders was locked by another session"), r.err());
                    assertFalse(r.err().contains("io.schemapilot"), r.err());
                    assertFalse(r.err().contains("\tat "), r.err());
                }
            } finally {
                locker.rollback();
            }
            assertEquals(before, fingerprint(db), "the target database changed");
        }
    }

    // ------------------------------------------------------------------------------------------ ask

    @Test
    void ask_with_a_database_that_cannot_be_reached_stops_with_exit_3_before_the_model_runs() {
        Path project = AskFixtures.project(dir.resolve("app"), null);
        Map<String, String> env = AskFixtures.env(project);

        CliRunner.Run db = AskFixtures.ask(project, env, "--db", "postgres://app@127.0.0.1:1/shop",
                "plan " + AskFixtures.V9);
        assertEquals(3, db.exit(), db.out() + db.err());
        oneLineError(db);
        assertTrue(db.err().contains("cannot connect to postgres://app@127.0.0.1:1/shop"), db.err());

        CliRunner.Run schema = AskFixtures.ask(project, env, "--schema", p("missing.sql"), "plan " + AskFixtures.V9);
        assertEquals(2, schema.exit(), schema.out() + schema.err());
        oneLineError(schema);
        assertTrue(schema.err().contains("--schema " + p("missing.sql") + ": no such file"), schema.err());
    }

    @Test
    void ask_in_text_with_an_unreachable_model_prints_the_error_once_on_stderr_and_nothing_on_stdout() {
        Path project = AskFixtures.project(dir.resolve("app"), "retry:\n  max_attempts: 1\ntimeout: 5s\n");
        Map<String, String> env = new LinkedHashMap<>(AskFixtures.env(project));
        env.put("OLLAMA_HOST", "http://127.0.0.1:1");

        CliRunner.Run r = AskFixtures.ask(project, env, "--model", "ollama:nothing", "hello");
        assertEquals(3, r.exit(), r.out() + r.err());
        oneLineError(r);
        assertTrue(r.err().contains("cannot reach ollama"), r.err());
    }

    @Test
    void ask_without_any_persona_file_says_why_and_what_to_do() throws IOException {
        Path project = dir.resolve("bare");
        Files.createDirectories(project.resolve(".git"));
        Path emptyHome = Files.createDirectories(dir.resolve("home-without-prompts"));
        Map<String, String> env = Map.of("SCHEMAPILOT_HOME", emptyHome.toString(),
                "HOME", project.resolve("home").toString());

        CliRunner.Run r = AskFixtures.ask(project, env, "hello");
        assertEquals(2, r.exit(), r.err());
        oneLineError(r);
        assertTrue(r.err().contains("no persona named 'default'"), r.err());
        assertTrue(r.err().contains("SCHEMAPILOT_HOME") && r.err().contains("--personas DIR"), r.err());
        assertFalse(r.err().strip().endsWith("known:"), r.err());
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Tables, columns, constraints, indexes and every row of the test database, as one string. */
    private static String fingerprint(TestDatabases.TestDb db) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String sql : List.of(
                    "SELECT c.relname || ':' || c.relkind::text || ':' || c.relfilenode::text FROM pg_class c"
                            + " WHERE c.relnamespace = 'public'::regnamespace ORDER BY 1",
                    "SELECT attrelid::regclass || '.' || attname || ':' || format_type(atttypid, atttypmod) || ':'"
                            + " || attnotnull::text FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
                            + " WHERE c.relnamespace = 'public'::regnamespace AND attnum > 0 AND NOT attisdropped"
                            + " ORDER BY 1",
                    "SELECT conname || pg_get_constraintdef(oid) FROM pg_constraint"
                            + " WHERE connamespace = 'public'::regnamespace ORDER BY 1",
                    "SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM users u",
                    "SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM orders o")) {
                try (ResultSet rs = st.executeQuery(sql)) {
                    while (rs.next()) {
                        sb.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return sb.toString();
    }

    private record Proc(int exit, String out, String err) {
    }

    /**
     * {@code java io.schemapilot.cli.Main ARGS} in {@code dir}, with an environment that has no database variables
     * but {@code env}'s (the JVM of the tests cannot change its own).
     */
    private Proc main(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("PG") || k.equals("DATABASE_URL"));
        pb.environment().putAll(env);
        Path out = dir.resolve("proc.out");
        Path err = dir.resolve("proc.err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                emptyFile()));
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("schemapilot " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private java.io.File emptyFile() throws IOException {
        Path empty = dir.resolve("empty-stdin");
        if (!Files.exists(empty)) {
            Files.write(empty, new ByteArrayInputStream(new byte[0]).readAllBytes());
        }
        return empty.toFile();
    }
}
