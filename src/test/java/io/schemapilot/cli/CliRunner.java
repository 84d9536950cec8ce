package io.schemapilot.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line built by {@link Cli#commandLine(CliEnv)} with captured stdout and stderr. */
final class CliRunner {

    record Run(int exit, String out, String err) {
        /** stderr has no Java stack trace. */
        boolean noStackTrace() {
            return !err.contains("\tat ") && !err.contains("Exception:") && !err.contains("Caused by");
        }
    }

    private CliRunner() {
    }

    static Run run(String... args) {
        return run(CliEnv.of(new ByteArrayInputStream(new byte[0]), Map.of()), args);
    }

    static Run runWithStdin(byte[] stdin, String... args) {
        return run(CliEnv.of(new ByteArrayInputStream(stdin), Map.of()), args);
    }

    static Run run(CliEnv env, String... args) {
        CommandLine cmd = Cli.commandLine(env);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
