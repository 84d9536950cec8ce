package io.schemapilot.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The one factory of the command line, used by {@link Main} and by the tests. */
public final class Cli {
    /** The version the CLI and every report state. */
    public static final String VERSION = "0.1.0";

    private Cli() {
    }

    /** The command line of this process: real stdin, environment and terminal; UTF-8 stdout and stderr. */
    public static CommandLine commandLine() {
        CommandLine cmd = commandLine(CliEnv.system());
        cmd.setOut(new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        return cmd;
    }

    /** The command line over the given environment; tests then set their own out/err writers. */
    public static CommandLine commandLine(CliEnv env) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine cmd = new CommandLine(new SchemapilotCommand(env));
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        return cmd;
    }
}
