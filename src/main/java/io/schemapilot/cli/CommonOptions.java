package io.schemapilot.cli;

import picocli.CommandLine.Option;

/** Options every command has: how much to say on stderr, colour, stack traces. */
public final class CommonOptions {

    @Option(names = {"-v", "--verbose"}, description = "Say on stderr what is being done and how long it took.")
    boolean verbose;

    @Option(names = "--no-color", description = "No ANSI colours (also: the NO_COLOR environment variable).")
    boolean noColor;

    @Option(names = "--stacktrace", description = "On an error, also print the Java stack trace.")
    boolean stacktrace;

    public boolean verbose() {
        return verbose;
    }

    public boolean noColor() {
        return noColor;
    }

    public boolean stacktrace() {
        return stacktrace;
    }
}
