package io.schemapilot.cli;

import io.schemapilot.agent.chat.ChatRepl;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.runtime.AgentRuntime;
import io.schemapilot.agent.runtime.RuntimeChatControl;
import io.schemapilot.agent.transcript.Redactor;
import io.schemapilot.agent.transcript.TranscriptWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot chat}: the interactive terminal chat with an agent persona. Write and destructive tools ask
 * the user to type the target's name; everything is recorded in the session's transcript.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Talk to an agent persona in the terminal: it inspects, checks and plans with schemapilot's tools.",
            "Slash commands: /persona /personas /tools /model /plan /save /transcript /clear /help /exit."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 left with /exit or Ctrl-D; 2 usage error; 3 model unreachable at start.")
final class ChatCommand implements Callable<Integer> {

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    AgentOptions agent;

    @Mixin
    DatabaseOptions database;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws java.io.IOException {
        AgentRuntime runtime = agent.runtime(root.env().env(), database, AgentRuntime.Approve.READ_ONLY, false, true);
        AgentSession session = runtime.session();
        Redactor redactor = Redactor.fromEnvironment(root.env().env());
        TranscriptWriter transcript = agent.transcript(session, redactor, spec.commandLine().getErr());
        Path projectRoot = agent.projectRoot();
        runtime.notes().forEach(n -> spec.commandLine().getErr().println("note: " + n));
        Path history = projectRoot.resolve(".schemapilot/chat-history");
        RuntimeChatControl control = new RuntimeChatControl(runtime, session, transcript, redactor, history, Cli.VERSION);
        try (Terminal terminal = ChatRepl.systemTerminal()) {
            return new ChatRepl(terminal, control).run();
        } finally {
            if (transcript != null) {
                transcript.close();
            }
        }
    }
}
