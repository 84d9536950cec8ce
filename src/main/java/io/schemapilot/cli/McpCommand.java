package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot mcp}: not built yet; says so and exits 2. */
@Command(name = "mcp", mixinStandardHelpOptions = true,
        description = {"MCP server over stdio.", "Not available yet in this version."})
final class McpCommand extends NotAvailableCommand {
}
