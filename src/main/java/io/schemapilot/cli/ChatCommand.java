package io.schemapilot.cli;

import io.schemapilot.agent.chat.ChatRepl;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.runtime.AgentRuntime;
import io.schemapilot.agent.runtime.RuntimeChatControl;
import io.schemapilot.agent.transcript.Redactor;
import io.schemapilot.agent.transcript.TranscriptException;
import io.schemapilot.agent.transcript.TranscriptReader;
import io.schemapilot.agent.transcript.TranscriptWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Option(names = "--persona", paramLabel = "NAME", description = "The persona to start with (default: default).")
    String persona;

    @Option(names = "--personas", paramLabel = "DIR", description = "Also load personas from this file or folder.")
    List<Path> personaDirs = new ArrayList<>();

    @Option(names = "--model", paramLabel = "P:M",
            description = "offline (default), openai:NAME, anthropic:NAME, ollama:NAME, or an alias (opus, sonnet, ...).")
    String model;

    @Option(names = "--max-turns", paramLabel = "N", description = "Model calls per message (default: the persona's, else 24).")
    Integer maxTurns;

    @Option(names = "--confirm", paramLabel = "NAME", description = "Pre-confirm write and destructive tools whose target is NAME.")
    List<String> confirm = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "ID", description = "Continue a session: its id, a unique prefix, or 'last'.")
    String resume;

    @Option(names = "--project", paramLabel = "DIR", description = "The project folder (default: the working directory).")
    Path project;

    @Option(names = "--no-transcript", description = "Do not write the session to .schemapilot/transcripts/.")
    boolean noTranscript;

    @Mixin
    DatabaseOptions database;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        if (database.hasDb() && database.schema() != null) {
            throw new CliException(ExitCode.USAGE, "--db and --schema both give the current schema; pass only one");
        }
        Path projectRoot = project == null ? Path.of("").toAbsolutePath().normalize()
                : project.toAbsolutePath().normalize();
        if (!Files.isDirectory(projectRoot)) {
            throw new CliException(ExitCode.USAGE, "--project " + project + ": no such directory");
        }
        AgentRuntime runtime = new AgentRuntime(new AgentRuntime.Options(projectRoot, root.env().env(), persona,
                personaDirs, model, database.source(), AgentRuntime.Approve.READ_ONLY, new LinkedHashSet<>(confirm),
                false, maxTurns, true));
        AgentSession session = runtime.session();
        Redactor redactor = Redactor.fromEnvironment(root.env().env());
        TranscriptWriter transcript = null;
        try {
            if (resume != null) {
                Path file = TranscriptReader.find(projectRoot, resume);
                session.resume(TranscriptReader.read(file).conversation());
                if (!noTranscript) {
                    transcript = TranscriptWriter.resume(file, session.persona().name(), session.model().label(),
                            Cli.VERSION, redactor);
                }
            } else if (!noTranscript) {
                transcript = TranscriptWriter.start(projectRoot, session.persona().name(), session.model().label(),
                        Cli.VERSION, projectRoot, redactor);
            }
        } catch (TranscriptException e) {
            throw new CliException(ExitCode.USAGE, "--resume " + resume + ": " + e.getMessage());
        } catch (IOException e) {
            spec.commandLine().getErr().println("warning: no transcript (" + e.getMessage() + ")");
        }
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
