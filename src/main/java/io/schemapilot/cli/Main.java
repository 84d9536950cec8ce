package io.schemapilot.cli;

import io.schemapilot.analysis.ParseAhead;
import java.util.Arrays;
import picocli.CommandLine;

/** {@code java -jar schemapilot.jar ARGS...}: runs the command line and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        quietLibraryLogs(args);
        // the files of a check are split and parsed on the other core while the command line is built
        ParseAhead.start(Cli.checkFileArguments(args));
        CommandLine cmd = Cli.commandLine(args);
        int status = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(status);
    }

    /**
     * Libraries (the embedded PostgreSQL) and schemapilot's own warnings log through slf4j-simple to stderr: warnings
     * only, unless -v. Without -v a warning reads as a line for the user ({@code [WARN] public.orders was locked ...}),
     * not as a log record naming a Java class ({@code [WARN] io.schemapilot.catalog.CatalogReader - ...}).
     */
    static void quietLibraryLogs(String[] args) {
        boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        }
        if (!verbose) {
            setIfAbsent("org.slf4j.simpleLogger.showLogName", "false");
            setIfAbsent("org.slf4j.simpleLogger.showShortLogName", "false");
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
