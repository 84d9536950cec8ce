package io.schemapilot.report;

/** A statement the parser could not read; it still got the token-level checks. */
public record ParseError(int statement, int line, int column, String message) {
}
