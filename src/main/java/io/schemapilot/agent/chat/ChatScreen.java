package io.schemapilot.agent.chat;

import java.util.List;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

/**
 * Everything the chat writes to the terminal goes through here, one writer at a time: whole lines, streamed text
 * (which may stop mid-line), and the status line at the bottom. The run's worker thread, the Ctrl-C handler and
 * the prompt thread all print, so every method holds the same lock.
 */
final class ChatScreen {

    static final AttributedStyle TOOL = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    static final AttributedStyle OK = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
    static final AttributedStyle BAD = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
    static final AttributedStyle WARN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW).bold();
    static final AttributedStyle DIM = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT + AttributedStyle.BLACK);

    private final Terminal terminal;
    private final boolean dumb;
    private Status status;
    private boolean midLine;

    ChatScreen(Terminal terminal) {
        this.terminal = terminal;
        this.dumb = isDumb(terminal);
    }

    /** A terminal that cannot move the cursor: line-by-line output, no status line, no colours. */
    static boolean isDumb(Terminal terminal) {
        String type = terminal.getType();
        return type == null || type.startsWith(Terminal.TYPE_DUMB);
    }

    boolean dumb() {
        return dumb;
    }

    /** Shows the status line when the terminal can draw one (never on a dumb or zero-height terminal). */
    synchronized void openStatus() {
        if (dumb || status != null || terminal.getHeight() < 3) {
            return;
        }
        if (terminal.getStringCapability(Capability.change_scroll_region) == null
                || terminal.getStringCapability(Capability.save_cursor) == null
                || terminal.getStringCapability(Capability.restore_cursor) == null
                || terminal.getStringCapability(Capability.cursor_address) == null) {
            return;
        }
        status = Status.getStatus(terminal);
    }

    synchronized boolean hasStatus() {
        return status != null;
    }

    synchronized void status(String text) {
        if (status == null) {
            return;
        }
        status.update(List.of(new AttributedStringBuilder().style(AttributedStyle.INVERSE).append(text)
                .toAttributedString()));
        terminal.flush();
    }

    synchronized void closeStatus() {
        if (status == null) {
            return;
        }
        try {
            status.hide();
            status.close();
        } catch (RuntimeException ignored) {
            // the terminal may already be gone; nothing to restore then
        }
        status = null;
        terminal.flush();
    }

    /** One whole line (after ending a streamed line that is still open). */
    synchronized void line(String text) {
        line(new AttributedString(text));
    }

    synchronized void line(String text, AttributedStyle style) {
        line(new AttributedString(text, style));
    }

    synchronized void line(AttributedString text) {
        freshLine();
        terminal.writer().print(render(text));
        terminal.writer().print('\n');
        terminal.flush();
    }

    /** Several lines, each as it is. */
    synchronized void lines(List<String> texts) {
        for (String t : texts) {
            line(t);
        }
    }

    /** Streamed text: printed as it comes, the line may stay open. */
    synchronized void stream(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        terminal.writer().print(text);
        terminal.flush();
        midLine = !text.endsWith("\n");
    }

    /** Ends a line left open by {@link #stream}. */
    synchronized void freshLine() {
        if (midLine) {
            terminal.writer().print('\n');
            terminal.flush();
            midLine = false;
        }
    }

    private String render(AttributedString text) {
        return dumb ? text.toString() : text.toAnsi(terminal);
    }

    int width() {
        int w = terminal.getWidth();
        return w <= 0 ? 80 : w;
    }
}
