package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a column type from tokens and normalises it to PostgreSQL's canonical names. */
final class TypeNames {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("integer", "integer"),
            Map.entry("int8", "bigint"), Map.entry("bigint", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("smallint", "smallint"),
            Map.entry("serial", "serial"), Map.entry("serial4", "serial"),
            Map.entry("bigserial", "bigserial"), Map.entry("serial8", "bigserial"),
            Map.entry("smallserial", "smallserial"), Map.entry("serial2", "smallserial"),
            Map.entry("varchar", "varchar"), Map.entry("character varying", "varchar"),
            Map.entry("char", "char"), Map.entry("character", "char"), Map.entry("bpchar", "char"),
            Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"),
            Map.entry("real", "real"), Map.entry("float4", "real"),
            Map.entry("double precision", "double precision"), Map.entry("float8", "double precision"),
            Map.entry("float", "double precision"),
            Map.entry("bool", "boolean"), Map.entry("boolean", "boolean"),
            Map.entry("timestamp", "timestamp"), Map.entry("timestamp without time zone", "timestamp"),
            Map.entry("timestamptz", "timestamptz"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time", "time"), Map.entry("time without time zone", "time"),
            Map.entry("timetz", "timetz"), Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"), Map.entry("varbit", "varbit"));

    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?\\d+");

    private TypeNames() {
    }

    /** Canonical name of a type spelled {@code written} (lower-case words joined by single spaces). */
    static String canonical(String written) {
        String c = ALIASES.get(written);
        return c != null ? c : written;
    }

    /**
     * Reads a type at the cursor: words (and a schema qualification), optional {@code (mods)}, optional
     * {@code WITH/WITHOUT TIME ZONE}, optional {@code []} or {@code ARRAY}. Stops before any {@code stop} word.
     */
    static TypeName read(TokenCursor c, java.util.Set<String> stop) {
        int start = c.pos();
        StringBuilder words = new StringBuilder();
        List<Integer> mods = new ArrayList<>();
        boolean array = false;
        int wordCount = 0;
        boolean quoted = false;
        while (!c.atEnd()) {
            Token t = c.peek();
            if (t.isPunct('(')) {
                String inner = c.parenthesized();
                for (String part : inner.split(",")) {
                    String p = part.strip();
                    if (INTEGER.matcher(p).matches()) {
                        mods.add(Integer.parseInt(p));
                    }
                }
            } else if (t.isPunct('[')) {
                c.parenthesizedSquare();
                array = true;
            } else if (t.isPunct('.')) {
                words.append('.');
                c.next();
            } else if (t.isIdentifier() && !(t.isWord() && stop.contains(t.value()))) {
                if (t.isWord("array")) {
                    array = true;
                    c.next();
                    continue;
                }
                if (words.length() > 0 && words.charAt(words.length() - 1) != '.') {
                    words.append(' ');
                }
                words.append(t.value());
                wordCount++;
                quoted = t.type() == Token.Type.QUOTED_IDENT;
                c.next();
            } else {
                break;
            }
        }
        if (words.length() == 0) {
            throw new TokenCursor.ParseFailure("expected a type" + c.near());
        }
        String w = words.toString();
        if (quoted && (wordCount == 1 && w.equals("char") || w.equals("pg_catalog.char"))) {
            // "char" in quotes is the 1-byte internal type, not char(1) (bpchar)
            return new TypeName("\"char\"", List.copyOf(mods), array, c.textBetween(start, c.pos()));
        }
        // timestamp(3) with time zone: the mods come before "with time zone"
        String name = canonical(w);
        if (w.startsWith("pg_catalog.")) {
            name = canonical(w.substring("pg_catalog.".length()));
        }
        return new TypeName(name, List.copyOf(mods), array, c.textBetween(start, c.pos()));
    }
}
