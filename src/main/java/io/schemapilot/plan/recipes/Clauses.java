package io.schemapilot.plan.recipes;

import io.schemapilot.plan.Sql;
import io.schemapilot.sql.Token;
import java.util.List;
import java.util.Set;

/** Reads pieces of an ALTER TABLE action's source text. */
final class Clauses {
    private Clauses() {
    }

    /** {@code ADD [CONSTRAINT name] <body>}: the body from its first keyword (CHECK, FOREIGN, UNIQUE, PRIMARY). */
    static String constraintBody(String clause) {
        List<Token> t = Sql.tokens(clause);
        int i = 0;
        if (i < t.size() && t.get(i).isWord("add")) {
            i++;
        }
        if (i < t.size() && t.get(i).isWord("constraint")) {
            i += 2;
        }
        if (i >= t.size()) {
            return null;
        }
        return clause.substring(t.get(i).offset()).strip();
    }

    /** The text after the first token sequence {@code words} (e.g. "primary", "key"), or null. */
    static String after(String text, String... words) {
        List<Token> t = Sql.tokens(text);
        outer:
        for (int i = 0; i + words.length <= t.size(); i++) {
            for (int j = 0; j < words.length; j++) {
                if (!t.get(i + j).isWord(words[j])) {
                    continue outer;
                }
            }
            return text.substring(t.get(i + words.length - 1).endOffset()).strip();
        }
        return null;
    }

    private static final Set<String> COLUMN_CONSTRAINT_START = Set.of("check", "unique", "primary", "constraint",
            "generated", "collate", "references");

    /**
     * An inline {@code REFERENCES ...} of a column definition, up to the next column constraint: e.g.
     * {@code REFERENCES users (id) ON DELETE SET NULL}.
     */
    static String inlineReferences(String clause) {
        List<Token> t = Sql.tokens(clause);
        int start = -1;
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("references")) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        int depth = 0;
        int end = t.size();
        for (int i = start + 1; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isPunct('(')) {
                depth++;
            } else if (k.isPunct(')')) {
                depth--;
            }
            if (depth > 0 || !k.isWord()) {
                continue;
            }
            boolean afterSet = t.get(i - 1).isWord("set");
            boolean stop = COLUMN_CONSTRAINT_START.contains(k.value())
                    || ((k.isWord("null") || k.isWord("default")) && !afterSet)
                    || (k.isWord("not") && !(i + 1 < t.size() && t.get(i + 1).isWord("deferrable")));
            if (stop) {
                end = i;
                break;
            }
        }
        int endOffset = end < t.size() ? t.get(end).offset() : clause.length();
        return clause.substring(t.get(start).offset(), endOffset).strip();
    }
}
