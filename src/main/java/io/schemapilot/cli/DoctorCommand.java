package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot doctor}: not built yet; says so and exits 2. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "What is configured and reachable: Java, models, databases, external CLIs (not available yet).")
final class DoctorCommand extends NotAvailableCommand {
}
