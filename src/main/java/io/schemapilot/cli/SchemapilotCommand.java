package io.schemapilot.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code schemapilot COMMAND ...}. Without a command it prints its usage and exits 2. */
@Command(name = "schemapilot",
        mixinStandardHelpOptions = true,
        version = "schemapilot " + Cli.VERSION,
        synopsisSubcommandLabel = "COMMAND",
        description = "Lints and plans PostgreSQL schema migrations: the lock each statement takes, what it blocks,"
                + " and the safe way to do the same thing.",
        subcommands = {
            CheckCommand.class,
            PlanCommand.class,
            RehearseCommand.class,
            ApplyCommand.class,
            ChatCommand.class,
            AskCommand.class,
            McpCommand.class,
            PersonasCommand.class,
            SkillsCommand.class,
            ToolsCommand.class,
            InstantCommand.class,
            DemoCommand.class,
            DoctorCommand.class
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success, nothing at or above --fail-on",
            "  1  findings at or above --fail-on",
            "  2  usage or input error (unknown option, unreadable file, SQL that cannot be split)",
            "  3  environment error (database or model unreachable, authentication failed)",
            "  4  internal error (a bug: rerun with --stacktrace and report it)"
        })
final class SchemapilotCommand implements Callable<Integer> {
    private final CliEnv env;

    @Spec
    CommandSpec spec;

    SchemapilotCommand(CliEnv env) {
        this.env = env;
    }

    CliEnv env() {
        return env;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("schemapilot: a command is required, e.g. schemapilot check FILE...");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
