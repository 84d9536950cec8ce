package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot rehearse}: not built yet; says so and exits 2. */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = "Run up, trace locks, run down, compare catalogs and run up again on a shadow database (not available yet).")
final class RehearseCommand extends NotAvailableCommand {
}
