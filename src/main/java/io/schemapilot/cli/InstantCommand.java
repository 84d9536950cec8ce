package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot instant}: not built yet; says so and exits 2. */
@Command(name = "instant", mixinStandardHelpOptions = true,
        description = "InstantDB schema migration: plan, push, pull (not available yet).")
final class InstantCommand extends NotAvailableCommand {
}
