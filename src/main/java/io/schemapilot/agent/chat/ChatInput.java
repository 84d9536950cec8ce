package io.schemapilot.agent.chat;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.impl.DefaultParser;

/**
 * Multi-line input for the chat prompt. Two ways to write more than one line:
 * <ul>
 *   <li>end a line with {@code \} — the reader shows a continuation prompt, and the {@code \} and the line break
 *       become a plain line break in the message;</li>
 *   <li>start with {@code """} — everything up to a line that ends with {@code """} is one message, kept as typed
 *       (the markers themselves are removed).</li>
 * </ul>
 * Quotes and apostrophes elsewhere never ask for more input ({@code it's} is a complete line).
 */
final class ChatInput {

    static final String BLOCK = "\"\"\"";

    private ChatInput() {
    }

    /** The line parser: escaped newlines and open {@code """} blocks continue the input. */
    static DefaultParser parser() {
        DefaultParser p = new DefaultParser() {
            @Override
            public ParsedLine parse(String line, int cursor, ParseContext context) {
                if (context == ParseContext.ACCEPT_LINE && openBlock(line)) {
                    throw new EOFError(-1, -1, "open \"\"\" block", BLOCK);
                }
                return super.parse(line, cursor, context);
            }
        };
        p.setEofOnEscapedNewLine(true);
        p.setEofOnUnclosedQuote(false);
        return p;
    }

    /** Whether {@code line} starts a {@code """} block that no later line has closed yet. */
    static boolean openBlock(String line) {
        String s = line.strip();
        if (!s.startsWith(BLOCK)) {
            return false;
        }
        return !(s.length() >= 2 * BLOCK.length() && s.endsWith(BLOCK));
    }

    /** The message the user meant: block markers removed, escaped line breaks turned into line breaks. */
    static String message(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.replace("\r\n", "\n");
        String stripped = s.strip();
        if (stripped.startsWith(BLOCK) && stripped.length() >= 2 * BLOCK.length() && stripped.endsWith(BLOCK)) {
            String inner = stripped.substring(BLOCK.length(), stripped.length() - BLOCK.length());
            if (inner.startsWith("\n")) {
                inner = inner.substring(1);
            }
            if (inner.endsWith("\n")) {
                inner = inner.substring(0, inner.length() - 1);
            }
            return inner;
        }
        return s.replace("\\\n", "\n").strip();
    }
}
