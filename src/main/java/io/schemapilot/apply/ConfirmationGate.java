package io.schemapilot.apply;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one place that decides whether a change may run. Every write or destructive action — an executor step, an
 * agent tool with a {@code write} or {@code destructive} effect — asks {@link #decide} first, so no front door
 * (chat, ask, MCP, apply) can skip it, and nothing a model says can change its answer.
 *
 * <p>The rules, in code and in tests:
 * <ul>
 *   <li>A destructive action runs only when the target's name was confirmed: typed by the user at the prompt, or
 *       given with {@code --confirm NAME} in a scripted run. {@code --yes} never confirms it.</li>
 *   <li>A write action runs when the target's name was confirmed the same way, or with {@code --yes}.</li>
 *   <li>With nobody to ask (no prompter) and no confirmation given, the answer is no.</li>
 * </ul>
 */
public final class ConfirmationGate {

    public enum Kind {
        /** changes files or a target, but loses nothing */
        WRITE,
        /** can lose data */
        DESTRUCTIVE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param action one line: what will run ({@code instant-cli push schema --app 1234})
     * @param target the name the user must type to confirm: the database name, the InstantDB app id, the tool name
     */
    public record Request(String action, String target, Kind kind) {
        public Request {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** @param how how it was decided, for the transcript: "typed the target", "--confirm", "--yes", "no answer", ... */
    public record Decision(boolean approved, String how) {
        static Decision yes(String how) {
            return new Decision(true, how);
        }

        static Decision no(String how) {
            return new Decision(false, how);
        }
    }

    /** Asks a human: shows the request and returns what they typed, or null when nobody can answer. */
    @FunctionalInterface
    public interface Prompter {
        String ask(Request request);
    }

    private final Set<String> confirmedTargets;
    private final boolean yes;
    private final Prompter prompter;

    /**
     * @param confirmedTargets the names given with {@code --confirm} (empty for none)
     * @param yes              {@code --yes}: approves write actions only
     * @param prompter         asks the user interactively, or null in scripted runs
     */
    public ConfirmationGate(Set<String> confirmedTargets, boolean yes, Prompter prompter) {
        this.confirmedTargets = Set.copyOf(confirmedTargets);
        this.yes = yes;
        this.prompter = prompter;
    }

    /** A gate that approves nothing: scripted runs without {@code --confirm} or {@code --yes}. */
    public static ConfirmationGate denyAll() {
        return new ConfirmationGate(Set.of(), false, null);
    }

    public Decision decide(Request request) {
        if (confirmedTargets.contains(request.target())) {
            return Decision.yes("--confirm " + request.target());
        }
        if (yes && request.kind() == Kind.WRITE) {
            return Decision.yes("--yes");
        }
        String hint = request.kind() == Kind.DESTRUCTIVE
                ? "a destructive action needs --confirm " + request.target() + " (--yes never confirms it)"
                : "needs --confirm " + request.target() + " or --yes";
        String typed = prompter == null ? null : prompter.ask(request);
        if (typed == null) {
            return Decision.no("not confirmed: " + hint);
        }
        if (typed.strip().equals(request.target())) {
            return Decision.yes("typed the target's name");
        }
        return Decision.no("not confirmed: the answer was not the target's name");
    }

    public boolean interactive() {
        return prompter != null;
    }
}
