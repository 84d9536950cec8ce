package io.schemapilot.sql;

import java.util.List;

/**
 * One statement of a migration file, as split: its position, its source text (without the closing semicolon)
 * and its tokens. A psql meta-command is a statement of its own with {@link #isPsqlMeta()}.
 *
 * @param number 1-based position in the file
 */
public record SqlStatement(int number, int line, int column, int startOffset, int endOffset, String text,
                           List<Token> tokens) {

    public boolean isPsqlMeta() {
        return tokens.size() == 1 && tokens.get(0).type() == Token.Type.META;
    }

    /** The first line of the statement, shortened for display. */
    public String excerpt() {
        String first = text.strip();
        int nl = first.indexOf('\n');
        if (nl >= 0) {
            first = first.substring(0, nl).stripTrailing() + " ...";
        }
        return first.length() > 160 ? first.substring(0, 157) + "..." : first;
    }

    /** Lower-cased first word, or "" (for a meta-command: the command, e.g. "\set"). */
    public String keyword() {
        if (tokens.isEmpty()) {
            return "";
        }
        Token t = tokens.get(0);
        if (t.type() == Token.Type.META) {
            int sp = t.text().indexOf(' ');
            return sp < 0 ? t.text() : t.text().substring(0, sp);
        }
        return t.isWord() ? t.value() : "";
    }
}
