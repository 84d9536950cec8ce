package io.schemapilot.agent.chat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/** The chat's slash commands: what they do (over {@link ChatControl}), their help, and their TAB completion. */
final class SlashCommands {

    /** A slash command as the help and the completion show it. */
    record Command(String name, String args, String help) {
        String usage() {
            return args.isEmpty() ? name : name + " " + args;
        }
    }

    static final List<Command> COMMANDS = List.of(
            new Command("/persona", "NAME", "switch persona (the conversation is kept)"),
            new Command("/personas", "", "list the personas"),
            new Command("/tools", "", "the tools the current persona may call"),
            new Command("/model", "[SPEC]", "show the model, or switch (provider:name or an alias)"),
            new Command("/plan", "[md]", "show the last submitted plan (md: as Markdown)"),
            new Command("/save", "[FILE]", "save the conversation as Markdown"),
            new Command("/transcript", "", "where this session's transcript is written"),
            new Command("/clear", "", "forget the conversation so far (persona and model stay)"),
            new Command("/help", "", "this help"),
            new Command("/exit", "", "leave (also /quit, Ctrl-D)"),
            new Command("/quit", "", "leave"));

    /** A first word that looks like a command, not like a path ({@code /tmp/x.sql} is a message). */
    private static final Pattern COMMAND_WORD = Pattern.compile("/[A-Za-z][A-Za-z0-9_-]*");

    private final ChatControl control;
    private final ChatScreen screen;

    SlashCommands(ChatControl control, ChatScreen screen) {
        this.control = control;
        this.screen = screen;
    }

    /** Whether the input is a slash command rather than a message. */
    static boolean isCommand(String input) {
        String first = input.strip().split("\\s+", 2)[0];
        return COMMAND_WORD.matcher(first).matches();
    }

    /**
     * Runs a slash command.
     *
     * @return false when the chat should end
     */
    boolean run(String input) {
        String[] parts = input.strip().split("\\s+", 2);
        String name = parts[0].toLowerCase(Locale.ROOT);
        String arg = parts.length > 1 ? parts[1].strip() : "";
        try {
            switch (name) {
                case "/exit", "/quit" -> {
                    return false;
                }
                case "/help" -> help();
                case "/personas" -> personas();
                case "/persona" -> persona(arg);
                case "/tools" -> tools();
                case "/model" -> model(arg);
                case "/plan" -> plan(arg);
                case "/save" -> save(arg);
                case "/transcript" -> transcript();
                case "/clear" -> {
                    control.session().clear();
                    screen.line("conversation cleared (persona " + control.session().persona().name()
                            + " and model " + control.modelLabel() + " stay)");
                }
                default -> screen.line("unknown command " + parts[0] + " — commands: " + names()
                        + " (/help explains them)", ChatScreen.BAD);
            }
        } catch (IllegalArgumentException e) {
            screen.line("✗ " + e.getMessage(), ChatScreen.BAD);
        } catch (RuntimeException e) {
            screen.line("✗ " + parts[0] + " failed: " + e.getMessage(), ChatScreen.BAD);
        }
        return true;
    }

    private static String names() {
        List<String> n = new ArrayList<>();
        for (Command c : COMMANDS) {
            n.add(c.name());
        }
        return String.join(" ", n);
    }

    private void help() {
        screen.line("Type a message to talk to the agent. Commands:");
        int w = 0;
        for (Command c : COMMANDS) {
            w = Math.max(w, c.usage().length());
        }
        for (Command c : COMMANDS) {
            screen.line("  " + pad(c.usage(), w) + "  " + c.help());
        }
        screen.line("Multi-line input: end a line with \\ to continue it, or wrap the text in \"\"\" ... \"\"\".");
        screen.line("TAB completes commands, personas and models. Ctrl-C cancels a run (or clears the line);"
                + " Ctrl-D leaves.");
    }

    private void personas() {
        String current = control.session().persona().name();
        screen.line("personas (current: " + current + "):");
        for (String l : control.personaLines()) {
            screen.line("  " + l);
        }
    }

    private void persona(String arg) {
        if (arg.isEmpty()) {
            screen.line("persona: " + control.session().persona().name() + " — /persona NAME switches to one of: "
                    + String.join(", ", control.personaNames()));
            return;
        }
        screen.line(control.switchPersona(arg), ChatScreen.OK);
    }

    private void tools() {
        List<String> lines = control.toolLines();
        if (lines.isEmpty()) {
            screen.line("persona " + control.session().persona().name() + " may call no tools");
            return;
        }
        screen.line("tools of " + control.session().persona().name() + ":");
        for (String l : lines) {
            screen.line("  " + l);
        }
    }

    private void model(String arg) {
        if (arg.isEmpty()) {
            screen.line("model: " + control.modelLabel());
            List<String> s = control.modelSuggestions();
            if (!s.isEmpty()) {
                screen.line("  /model SPEC switches; for example: " + String.join(", ", s));
            }
            return;
        }
        screen.line(control.switchModel(arg), ChatScreen.OK);
    }

    private void plan(String arg) {
        JsonNode plan = control.lastPlan();
        if (plan == null) {
            screen.line("no plan yet — ask the agent for one (it ends a run with submit_plan)");
            return;
        }
        boolean md = arg.equalsIgnoreCase("md") || arg.equalsIgnoreCase("markdown");
        if (!arg.isEmpty() && !md) {
            screen.line("usage: /plan [md]", ChatScreen.BAD);
            return;
        }
        screen.lines(List.of(control.renderPlan(plan, md).stripTrailing().split("\\R", -1)));
    }

    private void save(String arg) {
        Path file = null;
        if (!arg.isEmpty()) {
            String f = arg;
            if (f.equals("~") || f.startsWith("~/")) {
                f = System.getProperty("user.home") + f.substring(1);
            }
            file = Path.of(f);
        }
        Path written = control.save(file);
        screen.line("saved the conversation to " + written, ChatScreen.OK);
    }

    private void transcript() {
        Path p = control.transcriptPath();
        screen.line(p == null ? "transcripts are off for this session" : "transcript: " + p);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    /** TAB completion: command names first, then persona names after /persona, model specs after /model. */
    static Completer completer(ChatControl control, Supplier<Boolean> enabled) {
        return (LineReader reader, ParsedLine line, List<Candidate> candidates) -> {
            if (!enabled.get()) {
                return;
            }
            List<String> words = line.words();
            int index = line.wordIndex();
            if (index == 0) {
                String word = line.word();
                if (!word.isEmpty() && !word.startsWith("/")) {
                    return;
                }
                for (Command c : COMMANDS) {
                    candidates.add(new Candidate(c.name(), c.name(), null, c.help(), null, null, true));
                }
                return;
            }
            if (index != 1 || words.isEmpty()) {
                return;
            }
            List<String> values = switch (words.get(0)) {
                case "/persona" -> safe(control::personaNames);
                case "/model" -> safe(control::modelSuggestions);
                case "/plan" -> List.of("md");
                default -> List.of();
            };
            for (String v : values) {
                candidates.add(new Candidate(v, v, null, null, null, null, true));
            }
        };
    }

    private static List<String> safe(Supplier<List<String>> s) {
        try {
            List<String> v = s.get();
            return v == null ? List.of() : v;
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
