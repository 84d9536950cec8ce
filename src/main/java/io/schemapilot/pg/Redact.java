package io.schemapilot.pg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it reaches a log, a message, a transcript or a report: passwords in connection
 * URLs ({@code postgres://user:secret@host}), {@code password=} parameters of URLs and libpq key/value strings.
 */
public final class Redact {

    /** What a removed secret is replaced with. */
    public static final String MASK = "***";

    /** scheme://user:PASSWORD@ (the password runs to the last '@' before the path or whitespace) */
    private static final Pattern USERINFO = Pattern.compile(
            "(?i)([a-z][a-z0-9+.\\-]*:(?:[a-z][a-z0-9+.\\-]*:)?//[^/\\s:@?#]*:)([^\\s/?#]*)@");
    /** password=VALUE in a query string or a key/value string; VALUE may be single-quoted */
    private static final Pattern PARAM = Pattern.compile(
            "(?i)(\\b(?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s;]+)");

    private Redact() {
    }

    /**
     * A connection URL with its password removed, e.g. {@code postgres://app:***@db:5432/prod?sslmode=require}.
     * Works for {@code postgres://}, {@code postgresql://} and {@code jdbc:postgresql://} URLs; null stays null.
     */
    public static String url(String url) {
        return secrets(url);
    }

    /** Any text with every password in URLs and {@code password=} parameters replaced by {@value #MASK}. */
    public static String secrets(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        if (out.contains("@")) {
            Matcher m = USERINFO.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK + "@"));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        if (containsIgnoreCase(out, "password")) {
            Matcher m = PARAM.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + MASK));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        return out;
    }

    /** {@code text} with every occurrence of the given secret (when not blank) replaced by {@value #MASK}. */
    public static String secret(String text, String secret) {
        if (text == null || secret == null || secret.isBlank()) {
            return text;
        }
        return text.replace(secret, MASK);
    }

    private static boolean containsIgnoreCase(String s, String needle) {
        return s.toLowerCase(java.util.Locale.ROOT).contains(needle);
    }
}
