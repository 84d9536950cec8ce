package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot personas}: not built yet; says so and exits 2. */
@Command(name = "personas", mixinStandardHelpOptions = true,
        description = "List the persona files that are loaded, with load errors (not available yet).")
final class PersonasCommand extends NotAvailableCommand {
}
