package io.schemapilot.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** The one factory of the command line, used by {@link Main} and by the tests. */
public final class Cli {
    /** The version the CLI and every report state. */
    public static final String VERSION = io.schemapilot.report.ToolInfo.VERSION;
    /** The root command's name (as in {@link SchemapilotCommand}'s annotation). */
    static final String NAME = "schemapilot";

    /** The options of {@code check} (its own and its mixins') that take a value, in every spelling. */
    static final Set<String> CHECK_OPTIONS_WITH_VALUE = Set.of("--schema", "--pg-version", "--disable",
            "--max-file-size", "--data-checks", "--check-budget", "--format", "--fail-on", "-o", "--output");

    private Cli() {
    }

    /** The command line of this process: real stdin, environment and terminal; UTF-8 stdout and stderr. */
    public static CommandLine commandLine() {
        return processIo(commandLine(CliEnv.system()));
    }

    /**
     * The command line of this process for these arguments. For {@code check ...} (the command run most, and the
     * one whose start-up time counts: editors and CI run it on every change) it is a root that has only the
     * {@code check} subcommand, which parses, runs, prints help and reports errors exactly as the full tree does:
     * building the models of all the other subcommands by reflection is a fifth of a short run.
     */
    public static CommandLine commandLine(String[] args) {
        if (args.length > 0 && args[0].equals("check")) {
            return processIo(checkOnly(CliEnv.system()));
        }
        return commandLine();
    }

    /** The command line over the given environment; tests then set their own out/err writers. */
    public static CommandLine commandLine(CliEnv env) {
        return configure(new CommandLine(new SchemapilotCommand(env)));
    }

    /** The root command with only its {@code check} subcommand (see {@link #commandLine(String[])}). */
    static CommandLine checkOnly(CliEnv env) {
        CommandSpec root = CommandSpec.wrapWithoutInspection(new SchemapilotCommand(env)).name(NAME);
        CommandLine cmd = new CommandLine(root);
        cmd.addSubcommand("check", new CommandLine(new CheckCommand()));
        return configure(cmd);
    }

    private static CommandLine configure(CommandLine cmd) {
        ErrorHandler errors = new ErrorHandler();
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExecutionExceptionHandler(errors);
        cmd.setParameterExceptionHandler(errors);
        return cmd;
    }

    private static CommandLine processIo(CommandLine cmd) {
        cmd.setOut(new PrintWriter(new BufferedWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16), false));
        cmd.setErr(new PrintWriter(new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true));
        return cmd;
    }

    /**
     * The arguments of a {@code check} command line that may name migration files, found without building the
     * command line: those that are not options or the values of options. A guess for reading ahead, never used to
     * decide what is checked (picocli parses the command line).
     */
    static List<String> checkFileArguments(String[] args) {
        List<String> out = new ArrayList<>();
        if (args.length == 0 || !args[0].equals("check")) {
            return out;
        }
        boolean options = true;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (options && a.equals("--")) {
                options = false;
            } else if (options && a.startsWith("-")) {
                if (CHECK_OPTIONS_WITH_VALUE.contains(a)) {
                    i++;
                }
            } else if (!a.isEmpty() && !a.startsWith("@")) {
                out.add(a);
            }
        }
        return out;
    }
}
