package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot chat}: not built yet; says so and exits 2. */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Interactive terminal chat with an agent persona (not available yet).")
final class ChatCommand extends NotAvailableCommand {
}
