package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot apply}: not built yet; says so and exits 2. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = "Execute a plan on a target database behind the confirmation gate (not available yet).")
final class ApplyCommand extends NotAvailableCommand {
}
