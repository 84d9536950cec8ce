package io.schemapilot.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * A command of the contract that this version does not have yet: whatever its arguments, it says so in one line on
 * stderr and exits 2 (a usage error: the user asked for something this build cannot do).
 */
abstract class NotAvailableCommand implements Callable<Integer> {

    /** The commands this version has, named in the answer so the user knows where to go instead. */
    static final String AVAILABLE = "check, plan, rehearse, ask, chat";

    @Spec
    CommandSpec spec;

    /** Arguments are accepted unread, so the answer does not depend on how the command was called. */
    @Unmatched
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(spec.qualifiedName()
                + ": not available yet in this version (" + Cli.VERSION + "); available now: " + AVAILABLE);
        return ExitCode.USAGE.code();
    }
}
