package io.schemapilot.agent.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-10-21T07:28:00Z");

    @Test
    void seconds() {
        assertEquals(Duration.ofSeconds(2), RetryAfter.parse("2", NOW));
        assertEquals(Duration.ofMillis(1500), RetryAfter.parse(" 1.5 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
    }

    @Test
    void an_http_date_is_a_wait_from_now() {
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Tue, 21 Oct 2025 07:28:30 GMT", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("Tue, 21 Oct 2025 07:27:00 GMT", NOW), "a past date: at once");
    }

    @Test
    void unreadable_values_ask_for_nothing() {
        assertNull(RetryAfter.parse("soon", NOW));
        assertNull(RetryAfter.parse("-3", NOW));
        assertNull(RetryAfter.parse("", NOW));
        assertNull(RetryAfter.parse(null, NOW));
    }

    @Test
    void retry_after_ms_wins_and_header_names_are_case_insensitive() {
        ProviderHttpException e = new ProviderHttpException(429, "{}",
                Map.of("retry-after", List.of("3"), "Retry-After-Ms", List.of("250")));
        assertEquals(Duration.ofMillis(250), RetryAfter.from(e, NOW));
        ProviderHttpException only = new ProviderHttpException(429, "{}", Map.of("RETRY-AFTER", List.of("4")));
        assertEquals(Duration.ofSeconds(4), RetryAfter.from(only, NOW));
    }
}
