package io.schemapilot.report;

/** A {@code schemapilot:ignore} comment that suppressed nothing, or named an unknown hazard id. */
public record UnusedIgnore(int line, String hazard, String reason) {
}
