package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot mcp}: not built yet; says so and exits 2. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = "MCP server over stdio (not available yet).")
final class McpCommand extends NotAvailableCommand {
}
