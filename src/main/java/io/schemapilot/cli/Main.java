package io.schemapilot.cli;

import picocli.CommandLine;

/** {@code java -jar schemapilot.jar ARGS...}: runs the command line and exits with its status. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cmd = Cli.commandLine();
        int status = cmd.execute(args);
        cmd.getOut().flush();
        cmd.getErr().flush();
        System.exit(status);
    }
}
