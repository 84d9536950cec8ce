package io.schemapilot.agent.tools;

import java.util.Locale;

/** What running a tool can do; anything but {@link #READ} goes through the confirmation gate. */
public enum Effect {
    /** reads only: the database, files or a remote API */
    READ,
    /** changes files or a target, but nothing that loses data */
    WRITE,
    /** can lose data (drops, deletes, lossy changes); never confirmed by {@code --yes} */
    DESTRUCTIVE;

    /** @return the effect, or null for anything but read, write, destructive (any case) */
    public static Effect parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "read":
                return READ;
            case "write":
                return WRITE;
            case "destructive":
                return DESTRUCTIVE;
            default:
                return null;
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsConfirmation() {
        return this != READ;
    }
}
