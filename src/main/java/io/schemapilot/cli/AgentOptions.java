package io.schemapilot.cli;

import io.schemapilot.agent.Resources;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.runtime.AgentRuntime;
import io.schemapilot.agent.transcript.Redactor;
import io.schemapilot.agent.transcript.TranscriptException;
import io.schemapilot.agent.transcript.TranscriptReader;
import io.schemapilot.agent.transcript.TranscriptWriter;
import io.schemapilot.pg.Connections;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options {@code ask} and {@code chat} share: persona, model, turns, confirmations, project, transcript. */
final class AgentOptions {

    @Option(names = "--persona", paramLabel = "NAME", description = "The persona (default: default).")
    String persona;

    @Option(names = "--personas", paramLabel = "DIR", description = "Also load personas from this file or folder.")
    List<Path> personaDirs = new ArrayList<>();

    @Option(names = "--model", paramLabel = "P:M",
            description = "offline (default), openai:NAME, anthropic:NAME, ollama:NAME, or an alias (opus, sonnet, ...).")
    String model;

    @Option(names = "--max-turns", paramLabel = "N",
            description = "Model calls per message (default: the persona's, else 24).")
    Integer maxTurns;

    @Option(names = "--confirm", paramLabel = "NAME",
            description = "Confirm write and destructive tools whose target is NAME (a database name, an app id).")
    List<String> confirm = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "ID", description = "Continue a session: its id, a unique prefix, or 'last'.")
    String resume;

    @Option(names = "--project", paramLabel = "DIR", description = "The project folder (default: the working directory).")
    Path project;

    @Option(names = "--no-transcript", description = "Do not write the session to .schemapilot/transcripts/.")
    boolean noTranscript;

    /** The project folder, which must exist. */
    Path projectRoot() {
        Path root = project == null ? Path.of("").toAbsolutePath().normalize() : project.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CliException(ExitCode.USAGE, "--project " + project + ": no such directory");
        }
        return root;
    }

    /** The runtime for these options; {@code --db} and {@code --schema} exclude each other. */
    AgentRuntime runtime(Map<String, String> env, DatabaseOptions database, AgentRuntime.Approve approve, boolean yes,
                         boolean stream) {
        if (database.hasDb() && database.schema() != null) {
            throw new CliException(ExitCode.USAGE, "--db and --schema both give the current schema; pass only one");
        }
        Path projectRoot = projectRoot();
        CommandIo.requireReadable(database.schema(), "--schema");
        if (database.hasDb()) {
            reachable(database.dbUrlOrNull());
        }
        try {
            AgentRuntime runtime = new AgentRuntime(new AgentRuntime.Options(projectRoot, env, persona, personaDirs,
                    model, database.source(), approve, new LinkedHashSet<>(confirm), yes, maxTurns, stream));
            runtime.persona(persona); // the persona exists (else one line saying why none is loaded, below)
            return runtime;
        } catch (IllegalArgumentException e) {
            throw noPersonas(e, env, projectRoot);
        }
    }

    /**
     * The {@code --db} database answers (a read-only session is opened and closed), else the run stops here with the
     * connection error (exit 3) instead of every tool failing on it and the model answering without a catalog.
     */
    private static void reachable(String urlOrNull) {
        try (java.sql.Connection ignored = Connections.openReadOnly(urlOrNull)) {
            // connected: the tools will connect again as they need
        } catch (java.sql.SQLException e) {
            // closing failed: the database was reached
        }
    }

    /**
     * "no persona named 'default'; known: " with nothing known means no persona file was found at all (schemapilot
     * runs outside its folder): say so and what to do.
     */
    private RuntimeException noPersonas(IllegalArgumentException e, Map<String, String> env, Path projectRoot) {
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (!msg.startsWith("no persona named ") || !msg.strip().endsWith("known:")) {
            return e;
        }
        String where;
        try {
            where = Resources.locate(env, projectRoot).prompts().isPresent() ? "" : " (schemapilot's built-in prompts/"
                    + " folder was not found: set SCHEMAPILOT_HOME to the folder that holds prompts/, skills/ and tools/)";
        } catch (IllegalArgumentException bad) {
            where = "";
        }
        return new CliException(ExitCode.USAGE, msg.strip().replaceFirst(";\\s*known:$", "") + ": no persona files"
                + " are loaded" + where + "; or pass --personas DIR");
    }

    /**
     * The session's transcript: a new one, or with {@code --resume} the earlier session's file (whose conversation
     * is loaded into {@code session} first); null with {@code --no-transcript} or when it cannot be written.
     */
    TranscriptWriter transcript(AgentSession session, Redactor redactor, PrintWriter err) {
        Path projectRoot = projectRoot();
        String personaName = session.persona().name();
        String modelLabel = session.model().label();
        try {
            if (resume != null) {
                Path file = TranscriptReader.find(projectRoot, resume);
                TranscriptReader.Session earlier = TranscriptReader.read(file);
                session.resume(earlier.conversation());
                earlier.warnings().forEach(w -> err.println("note: " + w));
                return noTranscript ? null : TranscriptWriter.resume(file, personaName, modelLabel, Cli.VERSION, redactor);
            }
            if (noTranscript) {
                return null;
            }
            return TranscriptWriter.start(projectRoot, personaName, modelLabel, Cli.VERSION,
                    Path.of("").toAbsolutePath().normalize(), redactor);
        } catch (TranscriptException e) {
            throw new CliException(ExitCode.USAGE, "--resume " + resume + ": " + e.getMessage());
        } catch (IOException e) {
            err.println("warning: no transcript (" + e.getMessage() + ")");
            return null;
        }
    }
}
