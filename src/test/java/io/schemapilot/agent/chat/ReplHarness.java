package io.schemapilot.agent.chat;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * Runs a {@link ChatRepl} on a JLine {@link ExternalTerminal} (no tty needed) on its own thread: the test types
 * keys into the terminal's input and reads what the REPL drew, with the escape sequences removed.
 */
final class ReplHarness implements AutoCloseable {

    static final long WAIT_MS = 10_000;
    private static final Pattern ANSI = Pattern.compile(
            "\u001B\\[[0-?]*[ -/]*[@-~]|\u001B\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|\u001B[()][0-9A-Za-z]|\u001B[78=>M]");

    private final Keys inKeys;
    private final Capture inOut;
    final Terminal terminal;
    final ChatRepl repl;
    private final Thread thread;
    private volatile Integer exit;
    private volatile Throwable failure;

    private ReplHarness(Terminal terminal, Keys keys, Capture out, ChatControl control) {
        this.terminal = terminal;
        this.inKeys = keys;
        this.inOut = out;
        this.repl = new ChatRepl(terminal, control);
        this.thread = new Thread(() -> {
            try {
                exit = repl.run();
            } catch (Throwable t) {
                failure = t;
            }
        }, "repl-under-test");
        thread.setDaemon(true);
    }

    /** An xterm-256color terminal of 120 x 40 (so the status line can be drawn). */
    static ReplHarness start(ChatControl control) throws IOException {
        Keys keys = new Keys();
        Capture out = new Capture();
        ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", keys, out, StandardCharsets.UTF_8);
        t.setSize(new Size(120, 40));
        return start(t, keys, out, control);
    }

    static ReplHarness start(Terminal t, Keys keys, Capture out, ChatControl control) {
        ReplHarness h = new ReplHarness(t, keys, out, control);
        h.thread.start();
        h.awaitPrompt(1);
        return h;
    }

    /** Types keys as they are (use \r for Enter, \t for TAB, \u0003 for Ctrl-C, \u0004 for Ctrl-D). */
    void type(String s) {
        inKeys.add(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Types a line, presses Enter, and waits for the next main prompt; returns what was drawn meanwhile. */
    String line(String text) {
        int p = repl.promptsShown();
        int mark = inOut.size();
        type(text + "\r");
        awaitPrompt(p + 1);
        return screenSince(mark);
    }

    /** Waits until the main prompt was shown {@code n} times (and the reader had a moment to start reading). */
    void awaitPrompt(int n) {
        await(() -> repl.promptsShown() >= n || exit != null || failure != null,
                "the prompt number " + n + "; screen:\n" + screen());
        awaitReading();
    }

    /** Waits until the REPL thread sits in {@code LineReader.readLine} waiting for a key (or has ended). */
    void awaitReading() {
        await(() -> !thread.isAlive() || (thread.getState() != Thread.State.RUNNABLE && inReadLine()),
                "the reader to wait for keys; screen:\n" + screen());
        sleep(30);
    }

    private boolean inReadLine() {
        for (StackTraceElement f : thread.getStackTrace()) {
            if (f.getMethodName().equals("readLine") && f.getClassName().startsWith("org.jline.reader")) {
                return true;
            }
        }
        return false;
    }

    void awaitText(String text) {
        await(() -> screen().contains(text), "'" + text + "' on the screen:\n" + screen());
    }

    int awaitExit() {
        try {
            thread.join(WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new AssertionError("the REPL failed", failure);
        }
        if (exit == null) {
            fail("the REPL did not end; screen:\n" + screen());
        }
        return exit;
    }

    int mark() {
        return inOut.size();
    }

    String screen() {
        return strip(inOut.text(0));
    }

    String screenSince(int mark) {
        return strip(inOut.text(mark));
    }

    /** The screen as a VT100 would show it now (120 x 40): rows of text, the status line at the bottom. */
    List<String> rows() {
        ScreenTerminal vt = new ScreenTerminal(120, 40);
        vt.write(inOut.text(0));
        return List.of(vt.toString().split("\n", -1));
    }

    /** The raw output, escape sequences included. */
    String raw() {
        return inOut.text(0);
    }

    static String strip(String s) {
        return ANSI.matcher(s).replaceAll("").replace("\r", "");
    }

    static void await(BooleanSupplier condition, String what) {
        long end = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                fail("timed out waiting for " + what);
            }
            sleep(20);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (exit == null && failure == null && thread.isAlive()) {
            type("\u0004");
            try {
                thread.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        inKeys.close();
        terminal.close();
    }

    /** The terminal's input: what the test types, read by the terminal's pump thread; ends when closed. */
    static final class Keys extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private volatile boolean closed;

        void add(byte[] b) {
            chunks.add(b);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos >= current.length) {
                if (closed && chunks.isEmpty()) {
                    return -1;
                }
                try {
                    byte[] next = chunks.poll(100, TimeUnit.MILLISECONDS);
                    if (next == END) {
                        return -1;
                    }
                    if (next != null) {
                        current = next;
                        pos = 0;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public int available() {
            return current.length - pos;
        }

        @Override
        public void close() {
            closed = true;
            chunks.add(END);
        }
    }

    /** The terminal's output, kept whole. */
    static final class Capture extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized int size() {
            return bytes.size();
        }

        synchronized String text(int from) {
            byte[] all = bytes.toByteArray();
            int start = Math.min(Math.max(0, from), all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        }
    }
}
