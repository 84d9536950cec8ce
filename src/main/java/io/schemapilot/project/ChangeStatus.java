package io.schemapilot.project;

import java.util.Locale;

/** How a file changed in the working tree against a revision. Untracked files are {@link #ADDED}. */
public enum ChangeStatus {
    ADDED, MODIFIED, DELETED, RENAMED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
