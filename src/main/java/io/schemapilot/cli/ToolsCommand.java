package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot tools}: not built yet; says so and exits 2. */
@Command(name = "tools", mixinStandardHelpOptions = true,
        description = "List the external-command tools that are loaded, with load errors (not available yet).")
final class ToolsCommand extends NotAvailableCommand {
}
