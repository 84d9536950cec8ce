package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Risk levels, ordered from harmless to irreversible data loss (HAZARDS.md). */
public enum Risk {
    LOW, MEDIUM, HIGH, CRITICAL;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Risk parse(String text) {
        for (Risk r : values()) {
            if (r.id().equalsIgnoreCase(text.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown risk level '" + text + "' (use low, medium, high or critical)");
    }

    public boolean atLeast(Risk other) {
        return compareTo(other) >= 0;
    }

    public static Risk max(Risk a, Risk b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** One level lower, never below LOW. */
    public Risk lower() {
        return this == LOW ? LOW : values()[ordinal() - 1];
    }
}
