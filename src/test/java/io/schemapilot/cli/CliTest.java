package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.SchemaLoadException;
import io.schemapilot.pg.DatabaseException;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliTest {

    @Test
    void version() {
        CliRunner.Run r = run("--version");
        assertEquals(0, r.exit());
        assertEquals("schemapilot 0.1.0", r.out().strip());
    }

    @Test
    void help_lists_every_command_of_the_contract() {
        CliRunner.Run r = run("--help");
        assertEquals(0, r.exit());
        for (String c : new String[]{"check", "plan", "rehearse", "apply", "chat", "ask", "mcp", "personas", "skills",
                "tools", "instant", "demo", "doctor"}) {
            assertTrue(r.out().contains("  " + c + " "), c + " in help:\n" + r.out());
        }
    }

    @Test
    void no_command_is_a_usage_error() {
        CliRunner.Run r = run();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("schemapilot: a command is required"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void unknown_option_exits_2_with_one_message_and_a_hint() {
        CliRunner.Run r = run("check", "--frobnicate", "x.sql");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("schemapilot check: Unknown option: '--frobnicate'"), r.err());
        assertTrue(r.err().contains("Try 'schemapilot check --help' for more information."), r.err());
        assertTrue(r.err().lines().count() <= 3, r.err());
        assertTrue(r.noStackTrace());
        assertEquals("", r.out());
    }

    @Test
    void unknown_command_exits_2() {
        CliRunner.Run r = run("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Unmatched argument at index 0: 'frobnicate'"), r.err());
    }

    @Test
    void bad_option_values_exit_2_with_a_clear_line() {
        CliRunner.Run failOn = run("check", "--fail-on", "severe", "x.sql");
        assertEquals(2, failOn.exit());
        assertTrue(failOn.err().contains("unknown risk level 'severe' (use low, medium, high or critical)"), failOn.err());

        CliRunner.Run format = run("check", "--format", "xml", "x.sql");
        assertEquals(2, format.exit());
        assertTrue(format.err().contains("--format"), format.err());

        CliRunner.Run version = run("check", "--pg-version", "banana", "x.sql");
        assertEquals(2, version.exit());
        assertTrue(version.err().contains("invalid PostgreSQL version 'banana'"), version.err());

        CliRunner.Run size = run("check", "--max-file-size", "lots", "x.sql");
        assertEquals(2, size.exit());
        assertTrue(size.err().contains("'lots' is not a size"), size.err());
    }

    @Test
    void check_needs_a_file() {
        CliRunner.Run r = run("check");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("Missing required parameter: 'FILE'"), r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"apply", "mcp",
        "instant", "demo", "doctor"})
    void commands_not_built_yet_say_so_in_one_line_and_exit_2(String command) {
        CliRunner.Run r = run(command, "--some-option", "value", "file.sql");
        assertEquals(2, r.exit(), r.err());
        assertEquals("schemapilot " + command + ": not available yet in this version (0.1.0); available now: check, plan, rehearse, ask, chat",
                r.err().strip());
        assertEquals("", r.out());
    }

    @Test
    void stub_help_still_works() {
        CliRunner.Run r = run("doctor", "--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().replaceAll("\\s+", " ").contains("(not available yet)"), r.out());
    }

    @Test
    void exceptions_map_to_exit_codes() {
        assertEquals(ExitCode.USAGE, ErrorHandler.exitCode(new IllegalArgumentException("x")));
        assertEquals(ExitCode.USAGE, ErrorHandler.exitCode(new SchemaLoadException("s.sql", "bad", null)));
        assertEquals(ExitCode.ENVIRONMENT,
                ErrorHandler.exitCode(new DatabaseException(DatabaseException.Kind.UNREACHABLE, "down")));
        assertEquals(ExitCode.INTERNAL, ErrorHandler.exitCode(new NullPointerException()));
        assertEquals(ExitCode.ENVIRONMENT, ErrorHandler.exitCode(new CliException(ExitCode.ENVIRONMENT, "x")));
    }

    @Test
    void internal_errors_name_the_type_and_ask_for_a_report() {
        assertEquals("NullPointerException", ErrorHandler.describe(new NullPointerException()));
        assertEquals("while checking a.sql: IllegalStateException: boom",
                ErrorHandler.describe(new CliException(ExitCode.INTERNAL, "while checking a.sql",
                        new IllegalStateException("boom\n  more"))).replace(" more", ""));
    }

    @Test
    void colour_only_on_a_terminal_without_no_color() {
        CliEnv tty = new CliEnv(new ByteArrayInputStream(new byte[0]), Map.of(), true);
        CliEnv ttyNoColor = new CliEnv(new ByteArrayInputStream(new byte[0]), Map.of("NO_COLOR", "1"), true);
        CliEnv ttyDumb = new CliEnv(new ByteArrayInputStream(new byte[0]), Map.of("TERM", "dumb"), true);
        assertTrue(tty.colorAllowed());
        assertTrue(!ttyNoColor.colorAllowed() && !ttyDumb.colorAllowed());
        assertTrue(!CliEnv.of(new ByteArrayInputStream(new byte[0]), Map.of()).colorAllowed());
    }
}
