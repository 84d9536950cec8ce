package io.schemapilot.cli;

import io.schemapilot.analysis.ParseAhead;
import java.util.Arrays;
import picocli.CommandLine;

/** {@code java -jar schemapilot.jar ARGS...}: runs the command line and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        // the files of a check are split and parsed on the other core while the command line is built
        ParseAhead.start(Cli.checkFileArguments(args));
        quietLibraryLogs(args);
        CommandLine cmd = Cli.commandLine(args);
        int status = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(status);
    }

    /** Libraries (the embedded PostgreSQL) log through slf4j-simple to stderr: warnings only, unless -v. */
    private static void quietLibraryLogs(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
    }
}
