package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.Token;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/** An identifier longer than 63 bytes, which PostgreSQL silently truncates (read from tokens, so any statement). */
public final class IdentifierTooLongRule implements Rule {
    /** NAMEDATALEN - 1. */
    static final int MAX_BYTES = 63;

    @Override
    public Hazard hazard() {
        return Hazard.IDENTIFIER_TOO_LONG;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        Set<String> seen = new HashSet<>();
        for (Token t : st.tokens()) {
            if (!t.isIdentifier()) {
                continue;
            }
            String name = t.value();
            int bytes = name.getBytes(StandardCharsets.UTF_8).length;
            if (bytes <= MAX_BYTES || !seen.add(name)) {
                continue;
            }
            String cut = truncate(name);
            out.of(hazard(), st)
                    .object(name)
                    .message("The identifier \"" + name + "\" is " + bytes + " bytes long, and PostgreSQL silently"
                            + " truncates it to \"" + cut + "\" (" + cut.getBytes(StandardCharsets.UTF_8).length
                            + " bytes), so the catalog name differs from the one in your code and names sharing"
                            + " those bytes collide.")
                    .help("Shorten the name to at most 63 bytes.")
                    .add();
        }
    }

    /** What PostgreSQL keeps: the longest prefix of whole characters within 63 bytes (as pg_mbcliplen does). */
    static String truncate(String name) {
        StringBuilder sb = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_BYTES) {
                break;
            }
            sb.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
