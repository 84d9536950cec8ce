package io.schemapilot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code main} builds a root with only the {@code check} subcommand for {@code check ...}: it must behave exactly as
 * the full command tree (output, errors, help, exit codes).
 */
class CliFastPathTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(Function<CliEnv, CommandLine> factory, String... args) {
        CommandLine cmd = factory.apply(CliEnv.of(new ByteArrayInputStream(
                "CREATE INDEX i ON t (a);\n".getBytes(StandardCharsets.UTF_8)), Map.of()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** -v says how long the run took. */
    private static String timeless(String err) {
        return err.replaceAll("in \\d+ ms", "in N ms");
    }

    private String write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void check_only_tree_behaves_as_the_full_tree() throws IOException {
        String bad = write("V1__bad.sql", "ALTER TABLE orders ADD COLUMN c jsonb;\nCREATE INDEX i ON orders (c);\n"
                + "BEGIN;\nALTER TABLE orders ALTER COLUMN id TYPE bigint;\nUPDATE orders SET c = '{}';\nCOMMIT;\n");
        String safe = write("V2__safe.sql", "SET lock_timeout = '2s';\nCREATE INDEX CONCURRENTLY j ON orders (d);\n");
        String broken = write("V3__broken.sql", "SELECT $$ unterminated;\n");
        String missing = dir.resolve("V4__missing.sql").toString();
        List<String[]> cases = List.of(
                new String[] {"check", bad},
                new String[] {"check", "--format", "json", bad, safe},
                new String[] {"check", "--format=JSON", "--hygiene", bad},
                new String[] {"check", "--format", "sarif", "--fail-on", "critical", bad},
                new String[] {"check", "--format", "markdown", "--pg-version", "10", bad},
                new String[] {"check", "--no-color", "--assume-in-transaction", "--disable", "add-column-json", bad},
                new String[] {"check", "-v", safe},
                new String[] {"check", safe, broken, missing},
                new String[] {"check", dir.toString()},
                new String[] {"check", "-"},
                new String[] {"check", "--format", "yaml", bad},
                new String[] {"check", "--fail-on", "severe", bad},
                new String[] {"check", "--disable", "no-such-id", bad},
                new String[] {"check", "--bogus", bad},
                new String[] {"check", "--formt", "json", bad},
                new String[] {"check", "--max-file-size", "10", bad},
                new String[] {"check", "--max-file-size", "lots", bad},
                new String[] {"check", "--data-checks", "maybe", bad},
                new String[] {"check", "--db", "postgres://localhost/x", "--schema", safe, bad},
                new String[] {"check"},
                new String[] {"check", "--help"},
                new String[] {"check", "-h"},
                new String[] {"check", "--version"},
                new String[] {"check", "-V"});
        for (String[] args : cases) {
            Run full = run(Cli::commandLine, args);
            Run fast = run(Cli::checkOnly, args);
            String what = String.join(" ", args);
            assertEquals(full.exit(), fast.exit(), what + ": exit\n" + full.err() + "\n---\n" + fast.err());
            assertEquals(full.out(), fast.out(), what + ": stdout");
            assertEquals(timeless(full.err()), timeless(fast.err()), what + ": stderr");
        }
        assertTrue(run(Cli::checkOnly, "check", "--help").out().startsWith("Usage: schemapilot check "));
    }

    @Test
    void the_options_with_a_value_are_those_of_the_check_command() {
        CommandLine check = Cli.commandLine(CliEnv.of(new ByteArrayInputStream(new byte[0]), Map.of()))
                .getSubcommands().get("check");
        Set<String> withValue = new TreeSet<>();
        for (OptionSpec o : check.getCommandSpec().options()) {
            if (o.arity().min() > 0) {
                withValue.addAll(List.of(o.names()));
            }
        }
        assertEquals(withValue, new TreeSet<>(Cli.CHECK_OPTIONS_WITH_VALUE));
    }

    @Test
    void file_arguments_of_a_check_command_line() {
        List<String> args = new ArrayList<>(List.of("check", "--format", "json", "a.sql", "-o", "out.json",
                "--schema", "schema.sql", "--hygiene", "--format=sarif", "b.sql", "-", "--db", "c.sql", "--",
                "-d.sql"));
        assertEquals(List.of("a.sql", "b.sql", "c.sql", "-d.sql"), Cli.checkFileArguments(args.toArray(String[]::new)));
        assertEquals(List.of(), Cli.checkFileArguments(new String[] {"plan", "a.sql"}));
        assertEquals(List.of(), Cli.checkFileArguments(new String[0]));
    }
}
