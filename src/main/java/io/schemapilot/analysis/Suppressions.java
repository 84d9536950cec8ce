package io.schemapilot.analysis;

import io.schemapilot.report.Finding;
import io.schemapilot.report.UnusedIgnore;
import io.schemapilot.sql.Comment;
import io.schemapilot.sql.SqlStatement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Inline suppression: {@code -- schemapilot:ignore <hazard-id> <reason>} in the comment lines just before a
 * statement, or {@code -- schemapilot:ignore-file <hazard-id>} anywhere. Several ids may be separated by commas.
 * An ignore that suppresses nothing is reported back as unused.
 */
final class Suppressions {
    private static final Pattern DIRECTIVE =
            Pattern.compile("schemapilot:(ignore-file|ignore)\\s+([a-z0-9,\\s-]+?)(?:\\s+(?:--\\s*)?(.*))?$");

    /** One ignore comment. {@code statement} is 0 for a file-wide one. */
    record Ignore(int line, String hazard, int statement, String reason) {
    }

    private final List<Ignore> ignores = new ArrayList<>();
    private final List<UnusedIgnore> invalid = new ArrayList<>();

    Suppressions(List<Comment> comments, List<SqlStatement> statements) {
        // lines that belong to each statement's leading comment block
        Map<Integer, Integer> lineToStatement = new HashMap<>();
        BitSet commentLines = new BitSet();
        for (Comment c : comments) {
            if (c.lineComment()) {
                commentLines.set(c.line());
            }
        }
        for (SqlStatement st : statements) {
            int l = st.line() - 1;
            while (l >= 1 && commentLines.get(l)) {
                lineToStatement.putIfAbsent(l, st.number());
                l--;
            }
        }
        for (Comment c : comments) {
            if (!c.text().contains("schemapilot:")) {
                continue; // cannot match DIRECTIVE; most comments are plain prose
            }
            String text = c.lineComment() ? c.text().substring(2).strip()
                    : c.text().substring(2, c.text().length() - 2).strip();
            Matcher m = DIRECTIVE.matcher(text);
            if (!m.find()) {
                continue;
            }
            boolean file = m.group(1).equals("ignore-file");
            String reason = m.group(3) == null ? "" : m.group(3).strip();
            for (String id : m.group(2).split("[,\\s]+")) {
                if (id.isBlank()) {
                    continue;
                }
                if (Hazard.byId(id) == null) {
                    invalid.add(new UnusedIgnore(c.line(), id, "unknown hazard id"));
                    continue;
                }
                int statement = file ? 0 : lineToStatement.getOrDefault(c.line(), -1);
                if (statement < 0) {
                    // a trailing comment on the statement's own line counts for that statement
                    statement = statementOnLine(statements, c.line());
                }
                ignores.add(new Ignore(c.line(), id, statement, reason));
            }
        }
    }

    private static int statementOnLine(List<SqlStatement> statements, int line) {
        for (SqlStatement st : statements) {
            int lastLine = st.tokens().get(st.tokens().size() - 1).line();
            if (st.line() <= line && line <= lastLine) {
                return st.number();
            }
        }
        return -1;
    }

    /** Drops suppressed findings; returns the ones kept. */
    List<Finding> apply(List<Finding> findings, List<UnusedIgnore> unusedOut) {
        boolean[] used = new boolean[ignores.size()];
        List<Finding> kept = new ArrayList<>();
        for (Finding f : findings) {
            boolean suppressed = false;
            for (int i = 0; i < ignores.size(); i++) {
                Ignore ig = ignores.get(i);
                if (ig.hazard().equals(f.hazard()) && (ig.statement() == 0 || ig.statement() == f.statement())) {
                    used[i] = true;
                    suppressed = true;
                }
            }
            if (!suppressed) {
                kept.add(f);
            }
        }
        for (int i = 0; i < ignores.size(); i++) {
            if (!used[i]) {
                Ignore ig = ignores.get(i);
                unusedOut.add(new UnusedIgnore(ig.line(), ig.hazard(), ig.statement() < 0
                        ? "not directly above a statement" : "suppresses nothing"));
            }
        }
        unusedOut.addAll(invalid);
        return kept;
    }
}
