package io.schemapilot.sql;

/** A comment, kept for suppression directives ({@code -- schemapilot:ignore ...}). */
public record Comment(String text, int line, int column, boolean lineComment) {
}
