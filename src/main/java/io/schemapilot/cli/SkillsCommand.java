package io.schemapilot.cli;

import picocli.CommandLine.Command;

/** {@code schemapilot skills}: not built yet; says so and exits 2. */
@Command(name = "skills", mixinStandardHelpOptions = true,
        description = "List the skills that are loaded, with load errors (not available yet).")
final class SkillsCommand extends NotAvailableCommand {
}
