package io.schemapilot.plan;

import java.util.Locale;

/**
 * The three phases of an expand/contract plan. Applications are deployed between them: after {@code EXPAND} the
 * new structures exist next to the old ones; after {@code BACKFILL} existing rows are brought in line and validated;
 * {@code CONTRACT} removes what the new application version no longer uses and enforces the final constraints.
 */
public enum Phase {
    EXPAND, BACKFILL, CONTRACT;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
