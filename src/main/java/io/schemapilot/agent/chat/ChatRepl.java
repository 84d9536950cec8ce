package io.schemapilot.agent.chat;

import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.agent.loop.AgentSession;
import io.schemapilot.agent.loop.CancelToken;
import io.schemapilot.agent.loop.RunResult;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.pg.Redact;
import java.io.IOError;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The {@code chat} front door: a JLine REPL over an {@link AgentSession}. It reads a message (or a slash command),
 * runs it through {@code control.session().send(...)}, and draws the run's events as they come: streamed text,
 * tool calls and their results, confirmations, retries, errors, a submitted plan, and a status line with persona,
 * model, tokens and cost.
 *
 * <h2>Threads</h2>
 * The thread that calls {@link #run()} (the <em>prompt thread</em>) is the only one that reads the terminal. A
 * message runs on a worker thread; meanwhile the prompt thread waits on the run's mailbox for two kinds of mail:
 * <ul>
 *   <li><b>a confirmation request</b> — the confirmation gate, called by a tool on the worker thread, asks the
 *       {@link ConfirmationGate.Prompter} this REPL registered; the prompter posts the request to the mailbox and
 *       blocks on a future. The prompt thread prints the request, reads the answer with the same
 *       {@link LineReader} (history off) and completes the future; the worker goes on with the answer. So the
 *       terminal is never read by two threads, and nothing prints while the answer is typed (the worker is
 *       blocked). Ctrl-C at that prompt declines and cancels the run; Ctrl-D declines.</li>
 *   <li><b>the end of the run</b> — the prompt thread prints a footer and shows the prompt again.</li>
 * </ul>
 * During a run a {@link Terminal.Signal#INT} handler is installed that calls {@link CancelToken#cancel()} (the run
 * stops at its next step; a model call that watches the token stops at once); the previous handler is restored
 * when the run ends. At the prompt, Ctrl-C clears the line and Ctrl-D leaves.
 *
 * <p>On a dumb terminal (no tty, {@code TERM=dumb}) it still works line by line: plain prompts, no colours, no
 * status line.
 */
public final class ChatRepl {

    private static final String STATUS_SEP = " · ";

    private final Terminal terminal;
    private final ChatControl control;
    private final ChatScreen screen;
    private final SlashCommands commands;
    /** Prompts shown at the main prompt (tests wait on it). */
    private final AtomicInteger prompts = new AtomicInteger();

    private LineReader reader;
    private volatile Thread promptThread;
    private volatile Run current;
    private volatile boolean confirming;
    private volatile RunResult lastResult;

    /** Session totals for the status line (Usage events carry per-call tokens and the run's cost so far). */
    private long tokensIn;
    private long tokensOut;
    private Double cost;
    /** The session's cost before the run in progress. */
    private Double costBase;

    public ChatRepl(Terminal terminal, ChatControl control) {
        this.terminal = terminal;
        this.control = control;
        this.screen = new ChatScreen(terminal);
        this.commands = new SlashCommands(control, screen);
    }

    /**
     * The terminal {@code schemapilot chat} should use: the system terminal, or a dumb one when there is no tty
     * (then the REPL reads line by line).
     */
    public static Terminal systemTerminal() throws IOException {
        return TerminalBuilder.builder().system(true).name("schemapilot").dumb(true).build();
    }

    /**
     * Runs the chat until {@code /exit}, {@code /quit}, Ctrl-D or the end of the input.
     *
     * @return the exit code: 0
     */
    public int run() {
        promptThread = Thread.currentThread();
        control.prompter(this::ask);
        reader = buildReader();
        screen.openStatus();
        updateStatus(false);
        screen.line("schemapilot chat — persona " + control.session().persona().name() + ", model "
                + control.modelLabel() + ". /help for commands, Ctrl-D to leave.", ChatScreen.DIM);
        try {
            while (true) {
                screen.freshLine();
                String raw;
                try {
                    prompts.incrementAndGet();
                    raw = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C at the prompt: the line is dropped
                } catch (EndOfFileException e) {
                    break;
                }
                String input = ChatInput.message(raw);
                if (input.isBlank()) {
                    continue;
                }
                if (SlashCommands.isCommand(input)) {
                    if (!commands.run(input)) {
                        break;
                    }
                    updateStatus(false);
                } else {
                    send(input);
                }
            }
        } catch (IOError e) {
            // the terminal went away: leave as after Ctrl-D
        } finally {
            promptThread = null;
            try {
                reader.getHistory().save();
            } catch (IOException | RuntimeException ignored) {
                // history is a convenience; losing it must not fail the exit
            }
            screen.closeStatus();
            terminal.flush();
        }
        return 0;
    }

    /** How the last message's run ended, or null before the first one. */
    public RunResult lastResult() {
        return lastResult;
    }

    /** How many times the main prompt was shown (for tests that type only when it waits). */
    int promptsShown() {
        return prompts.get();
    }

    private LineReader buildReader() {
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(terminal).appName("schemapilot")
                .parser(ChatInput.parser())
                .completer(SlashCommands.completer(control, () -> !confirming))
                .history(new DefaultHistory())
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%P … ")
                .variable(LineReader.BLINK_MATCHING_PAREN, 0)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' in SQL is not history expansion
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .option(LineReader.Option.INSERT_TAB, false);
        Path history = control.historyFile();
        if (history != null) {
            b.variable(LineReader.HISTORY_FILE, history);
        }
        return b.build();
    }

    private String prompt() {
        return control.session().persona().name() + "> ";
    }

    // ---- a run ----

    /** One message in flight: its cancel token and the mailbox the prompt thread waits on. */
    private static final class Run {
        final CancelToken cancel = new CancelToken();
        final BlockingQueue<Object> mailbox = new LinkedBlockingQueue<>();
    }

    /** A confirmation the worker waits for. */
    private record Ask(ConfirmationGate.Request request, CompletableFuture<String> answer) {
    }

    /** The worker finished. */
    private record Done(RunResult result, Throwable failure) {
    }

    private void send(String text) {
        AgentSession session = control.session();
        Run run = new Run();
        RunView view = new RunView(screen, this::usage);
        AgentListener recorder = control.recorder() == null ? AgentListener.none() : control.recorder();
        AgentListener listener = recorder.andThen(view);
        Thread worker = new Thread(() -> {
            RunResult result = null;
            Throwable failure = null;
            try {
                result = session.send(text, listener, run.cancel);
            } catch (Throwable t) {
                failure = t;
            }
            run.mailbox.add(new Done(result, failure));
        }, "schemapilot-chat-run");
        worker.setDaemon(true);
        costBase = cost;
        current = run;
        updateStatus(true);
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, sig -> interrupt(run));
        Done done;
        try {
            worker.start();
            done = await(run);
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            current = null;
        }
        screen.freshLine();
        if (done.failure() != null) {
            screen.line("✗ internal error: " + Redact.secrets(String.valueOf(done.failure())), ChatScreen.BAD);
        } else {
            RunResult r = done.result();
            lastResult = r;
            if (r.ok()) {
                screen.line(footer(r), ChatScreen.DIM);
            }
        }
        updateStatus(false);
    }

    /** Waits for the run's end, answering its confirmation requests meanwhile (on this, the prompt thread). */
    private Done await(Run run) {
        while (true) {
            Object mail;
            try {
                mail = run.mailbox.take();
            } catch (InterruptedException e) {
                run.cancel.cancel();
                continue;
            }
            if (mail instanceof Done d) {
                return d;
            }
            if (mail instanceof Ask a) {
                String answer = null;
                try {
                    answer = run.cancel.isCancelled() ? null : readConfirmation(a.request(), run);
                } finally {
                    a.answer().complete(answer);
                }
            }
        }
    }

    private void interrupt(Run run) {
        if (!run.cancel.isCancelled()) {
            screen.freshLine();
            screen.line("⏹ cancelling… (the run stops at its next step)", ChatScreen.WARN);
            run.cancel.cancel();
        } else {
            screen.line("⏹ still stopping — waiting for the current step to end", ChatScreen.WARN);
        }
    }

    // ---- confirmations ----

    /** The prompter the confirmation gate calls (on any thread). */
    private String ask(ConfirmationGate.Request request) {
        if (Thread.currentThread() == promptThread) {
            return readConfirmation(request, null);
        }
        Run run = current;
        if (run == null || run.cancel.isCancelled()) {
            return null; // nobody is at the prompt to answer
        }
        Ask a = new Ask(request, new CompletableFuture<>());
        run.mailbox.add(a);
        try {
            return a.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
    }

    /** Shows the request and reads the answer; null when the user pressed Ctrl-C or Ctrl-D. */
    private String readConfirmation(ConfirmationGate.Request request, Run run) {
        screen.freshLine();
        screen.line("⚠ " + request.kind().label() + " action — confirmation needed", ChatScreen.WARN);
        screen.line("  action: " + request.action());
        screen.line("  target: " + request.target());
        screen.line("  Type the target's name to confirm; anything else declines.");
        confirming = true;
        reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            return reader.readLine("confirm " + request.target() + "> ");
        } catch (UserInterruptException e) {
            screen.line("declined (Ctrl-C)" + (run != null ? " — cancelling the run" : ""), ChatScreen.WARN);
            if (run != null) {
                run.cancel.cancel();
            }
            return null;
        } catch (EndOfFileException e) {
            return null;
        } finally {
            reader.setVariable(LineReader.DISABLE_HISTORY, false);
            confirming = false;
        }
    }

    // ---- status ----

    private void usage(AgentEvent.Usage u) {
        synchronized (this) {
            tokensIn += u.inputTokens();
            tokensOut += u.outputTokens();
            if (u.costUsd() != null) {
                cost = (costBase == null ? 0.0 : costBase) + u.costUsd();
            }
        }
        updateStatus(true);
    }

    private void updateStatus(boolean running) {
        if (!screen.hasStatus()) {
            return;
        }
        String text;
        synchronized (this) {
            text = statusText(running);
        }
        screen.status(text);
    }

    private String statusText(boolean running) {
        StringBuilder s = new StringBuilder(" ");
        s.append(control.session().persona().name()).append(STATUS_SEP).append(control.modelLabel())
                .append(STATUS_SEP).append(tokens(tokensIn)).append(" in / ").append(tokens(tokensOut))
                .append(" out tokens");
        if (cost != null) {
            s.append(STATUS_SEP).append(String.format(Locale.ROOT, "$%.4f", cost));
        }
        if (running) {
            s.append(STATUS_SEP).append("running — Ctrl-C cancels");
        }
        return s.toString();
    }

    private static String footer(RunResult r) {
        StringBuilder s = new StringBuilder("  (");
        s.append(r.turns()).append(r.turns() == 1 ? " turn" : " turns");
        if (!r.toolCalls().isEmpty()) {
            s.append(STATUS_SEP).append(r.toolCalls().size()).append(r.toolCalls().size() == 1 ? " tool call" : " tool calls");
        }
        s.append(STATUS_SEP).append(tokens(r.inputTokens())).append(" in / ").append(tokens(r.outputTokens()))
                .append(" out tokens");
        if (r.costUsd() != null) {
            s.append(STATUS_SEP).append(String.format(Locale.ROOT, "$%.4f", r.costUsd()));
        }
        return s.append(')').toString();
    }

    static String tokens(long n) {
        if (n < 10_000) {
            return Long.toString(n);
        }
        if (n < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1000.0);
        }
        return String.format(Locale.ROOT, "%.2fM", n / 1_000_000.0);
    }
}
