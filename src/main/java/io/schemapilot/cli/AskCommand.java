package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot ask}: not built yet; says so and exits 2. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "One non-interactive agent run (not available yet).")
final class AskCommand extends NotAvailableCommand {
}
