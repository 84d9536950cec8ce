package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot demo}: not built yet; says so and exits 2. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The whole flow on an embedded PostgreSQL with a sample app and data, no setup (not available yet).")
final class DemoCommand extends NotAvailableCommand {
}
