package io.schemapilot.cli;

import java.io.InputStream;
import java.util.Map;

/**
 * What the commands take from the process around them, so tests can give their own: standard input, the
 * environment variables, and whether standard output is a terminal (for colour).
 */
public record CliEnv(InputStream stdin, Map<String, String> env, boolean stdoutIsTerminal) {

    /** The real process: {@code System.in}, {@code System.getenv()}, a console when both ends are terminals. */
    public static CliEnv system() {
        return new CliEnv(System.in, System.getenv(), System.console() != null);
    }

    /** For tests: no terminal, the given environment. */
    public static CliEnv of(InputStream stdin, Map<String, String> env) {
        return new CliEnv(stdin, env, false);
    }

    public String getenv(String name) {
        return env.get(name);
    }

    /** Colour is allowed: a terminal, {@code NO_COLOR} unset or empty (https://no-color.org), not {@code TERM=dumb}. */
    public boolean colorAllowed() {
        String noColor = env.get("NO_COLOR");
        return stdoutIsTerminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
    }
}
