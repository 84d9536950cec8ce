package io.schemapilot.agent.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.apply.ConfirmationGate;
import java.nio.file.Path;
import java.util.List;

/**
 * What the chat screen can do besides sending messages: the slash commands' back end. The runtime implements it
 * (personas, tools, models, transcripts); the REPL only draws and reads keys.
 */
public interface ChatControl {

    /** The current session (changes when the persona or model changes). */
    AgentSession session();

    /** Receives every event of every run (the transcript writer); the REPL adds its own screen listener. */
    AgentListener recorder();

    /**
     * The REPL's way to ask the user for a confirmation (it prints the request and reads a line); the runtime's
     * confirmation gate calls it. Set once, before the first message.
     */
    void prompter(ConfirmationGate.Prompter prompter);

    /** Names of the personas that can be switched to. */
    List<String> personaNames();

    /** One line per persona: name, model, description summary. */
    List<String> personaLines();

    /** Switches persona; returns a one-line confirmation. @throws IllegalArgumentException unknown name */
    String switchPersona(String name);

    /** One line per tool the current persona may call: name, effect, description. */
    List<String> toolLines();

    String modelLabel();

    /** Model specs worth completing after {@code /model} (offline, aliases, configured ones). */
    List<String> modelSuggestions();

    /** Switches model ({@code provider:name} or alias); returns a one-line confirmation. @throws IllegalArgumentException */
    String switchModel(String spec);

    /** The plan of the last run that submitted one, or null. */
    JsonNode lastPlan();

    /** Renders a plan for the screen (text) or as Markdown. */
    String renderPlan(JsonNode plan, boolean markdown);

    /** Writes the conversation as Markdown to {@code file} (or a default path when null); returns the path. */
    Path save(Path file);

    /** The transcript file of this session (JSON Lines), or null when transcripts are off. */
    Path transcriptPath();

    /** The history file for the line reader. */
    Path historyFile();
}
