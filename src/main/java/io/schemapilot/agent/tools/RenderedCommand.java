package io.schemapilot.agent.tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A manifest tool call ready to run: the argument list (never a shell string), the environment it sets and the
 * variables it may inherit, its timeout, its effect and, for write and destructive tools, the name the user must
 * type to confirm.
 *
 * @param confirmTarget the rendered {@code confirm} template, or the tool name when the manifest has none
 */
public record RenderedCommand(String tool, List<String> argv, Map<String, String> environment,
                              List<String> inheritedEnvironment, Duration timeout, Effect effect,
                              String confirmTarget) {

    /** Variables every child process keeps so the program can be found and runs in a sane locale. */
    public static final List<String> BASE_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR",
            "SYSTEMROOT", "USERPROFILE");

    public RenderedCommand {
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
        inheritedEnvironment = List.copyOf(inheritedEnvironment);
    }

    /**
     * A process builder with a clean environment: only {@link #BASE_ENVIRONMENT}, the manifest's pass-through
     * variables (taken from {@code parentEnvironment}) and the variables it sets. No shell is involved.
     */
    public ProcessBuilder toProcessBuilder(Path workingDirectory, Map<String, String> parentEnvironment) {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(argv));
        if (workingDirectory != null) {
            pb.directory(workingDirectory.toFile());
        }
        Map<String, String> env = pb.environment();
        env.clear();
        for (String k : BASE_ENVIRONMENT) {
            String v = parentEnvironment.get(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        for (String k : inheritedEnvironment) {
            String v = parentEnvironment.get(k);
            if (v != null) {
                env.put(k, v);
            }
        }
        env.putAll(environment);
        return pb;
    }

    /** The command for display only (quoted like a POSIX shell would need); never run this string. */
    public String display() {
        StringBuilder sb = new StringBuilder();
        for (String a : argv) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return sb.toString();
    }
}
