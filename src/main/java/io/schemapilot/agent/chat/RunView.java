package io.schemapilot.agent.chat;

import io.schemapilot.agent.loop.AgentEvent;
import io.schemapilot.agent.loop.AgentListener;
import io.schemapilot.pg.Redact;
import java.time.Duration;
import java.util.function.Consumer;
import org.jline.utils.AttributedStringBuilder;

/**
 * Draws one run's events as they happen: streamed text, tool calls and their results, confirmations, retries,
 * errors and a submitted plan. Usage events go to the status line through {@code onUsage}. It never throws: a
 * drawing problem must not stop the run.
 */
final class RunView implements AgentListener {

    private final ChatScreen screen;
    private final Consumer<AgentEvent.Usage> onUsage;
    /** Deltas were printed for the model message in progress, so its complete text is not printed again. */
    private boolean streamed;
    private boolean printedAnswer;

    RunView(ChatScreen screen, Consumer<AgentEvent.Usage> onUsage) {
        this.screen = screen;
        this.onUsage = onUsage;
    }

    /** Whether any assistant text reached the screen in this run. */
    boolean printedAnswer() {
        return printedAnswer;
    }

    @Override
    public void onEvent(AgentEvent event) {
        try {
            draw(event);
        } catch (RuntimeException ignored) {
            // the screen is best effort; the transcript (the recorder) has the event
        }
    }

    private void draw(AgentEvent event) {
        if (event instanceof AgentEvent.AssistantDelta d) {
            if (!d.text().isEmpty()) {
                screen.stream(d.text());
                streamed = true;
                printedAnswer = true;
            }
        } else if (event instanceof AgentEvent.Assistant a) {
            if (streamed) {
                screen.freshLine();
            } else if (!a.text().isBlank()) {
                screen.line(a.text().stripTrailing());
                printedAnswer = true;
            }
            streamed = false;
        } else if (event instanceof AgentEvent.ToolCall c) {
            screen.freshLine();
            streamed = false;
            String args = abbreviate(oneLine(Redact.secrets(c.arguments() == null ? "" : c.arguments())),
                    Math.max(30, Math.min(120, screen.width() - c.name().length() - 4)));
            screen.line(new AttributedStringBuilder().style(ChatScreen.TOOL).append("→ ").append(c.name())
                    .style(ChatScreen.DIM).append(args.isEmpty() ? "" : " " + args).toAttributedString());
        } else if (event instanceof AgentEvent.ToolResult r) {
            String summary = abbreviate(firstLine(Redact.secrets(r.text())), Math.max(30, screen.width() - 6));
            screen.line(new AttributedStringBuilder().append("  ")
                    .style(r.ok() ? ChatScreen.OK : ChatScreen.BAD).append(r.ok() ? "✓" : "✗")
                    .style(ChatScreen.DIM).append(" ").append(summary).toAttributedString());
        } else if (event instanceof AgentEvent.Confirmation c) {
            screen.line("  " + (c.approved() ? "confirmed" : "declined") + ": " + c.how(),
                    c.approved() ? ChatScreen.OK : ChatScreen.BAD);
        } else if (event instanceof AgentEvent.Usage u) {
            onUsage.accept(u);
        } else if (event instanceof AgentEvent.Retry r) {
            screen.line("  retrying in " + seconds(r.delay()) + ": " + oneLine(r.reason())
                    + (r.attempt() > 1 ? " (attempt " + r.attempt() + ")" : ""), ChatScreen.WARN);
        } else if (event instanceof AgentEvent.Error e) {
            streamed = false;
            if ("cancelled".equals(e.kind())) {
                screen.line("⏹ " + e.message(), ChatScreen.WARN);
            } else {
                screen.line("✗ " + e.kind() + ": " + oneLine(e.message()), ChatScreen.BAD);
            }
        } else if (event instanceof AgentEvent.PlanSubmitted) {
            screen.line("plan submitted — /plan to show it, /plan md for Markdown", ChatScreen.OK);
        }
        // User: the user typed it; nothing to draw
    }

    static String seconds(Duration d) {
        if (d == null) {
            return "a moment";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        long s = (ms + 500) / 1000;
        return s + " s";
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        for (String line : s.split("\\R")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }

    static String abbreviate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        return s.substring(0, Math.max(0, max - 1)) + "…";
    }
}
