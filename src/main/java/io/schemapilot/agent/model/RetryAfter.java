package io.schemapilot.agent.model;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads how long a provider asks us to wait: {@code retry-after-ms} (OpenAI), else {@code Retry-After} as seconds
 * ({@code 2}, {@code 1.5}) or as an HTTP-date ({@code Wed, 21 Oct 2015 07:28:00 GMT}, RFC 9110 §10.2.3).
 */
public final class RetryAfter {

    private RetryAfter() {
    }

    /** The wait asked for by {@code e}'s headers, or null when it asks for none (or says something unreadable). */
    public static Duration from(ProviderHttpException e, Instant now) {
        Duration ms = parseMillis(e.header("retry-after-ms"));
        return ms != null ? ms : parse(e.header("retry-after"), now);
    }

    /** A {@code Retry-After} value as a wait from {@code now} (never negative), or null when it is not readable. */
    public static Duration parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return null;
            }
            return Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException notANumber) {
            // an HTTP-date
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration parseMillis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double ms = Double.parseDouble(value.strip());
            return ms < 0 || Double.isNaN(ms) || Double.isInfinite(ms) ? null : Duration.ofMillis((long) Math.ceil(ms));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
