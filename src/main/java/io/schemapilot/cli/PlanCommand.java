package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot plan}: not built yet; says so and exits 2. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "The full migration plan report: phases, up/down/verify SQL, data checks, rollback (not available yet).")
final class PlanCommand extends NotAvailableCommand {
}
