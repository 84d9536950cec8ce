package io.schemapilot.checks;

import java.util.Locale;

/** How the data checks count. */
public enum CheckMode {
    /** From {@code pg_stats} (null_frac, n_distinct, most common values) and {@code reltuples}: milliseconds, approximate. */
    ESTIMATE,
    /** Real counts, each query within a time budget; past it, the estimate, and the result says so. */
    EXACT,
    /** Real counts over {@code TABLESAMPLE}, scaled to the table; the sample size is stated. */
    SAMPLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code estimate}, {@code exact} or {@code sample} (any case). */
    public static CheckMode parse(String text) {
        for (CheckMode m : values()) {
            if (m.id().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown check mode '" + text + "' (use estimate, exact or sample)");
    }
}
