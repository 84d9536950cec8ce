package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a migration file into statements on top-level semicolons, the way psql does: semicolons inside strings,
 * dollar quotes, quoted identifiers, comments, parentheses and {@code BEGIN ATOMIC ... END} bodies do not split.
 * psql meta-commands become statements of their own (reported, never executed); the data block after
 * {@code COPY ... FROM stdin} (up to {@code \.}) is skipped.
 */
public final class StatementSplitter {

    public record Result(List<SqlStatement> statements, List<Comment> comments) {
    }

    private StatementSplitter() {
    }

    /** @throws SqlSyntaxException when the text cannot be split (unterminated string, quote or comment) */
    public static Result split(String src) {
        // the lexer reads a char[]; the COPY pre-check scans the same array instead of the string
        char[] chars = src.toCharArray();
        String text = src;
        if (containsIgnoreCase(chars, "stdin")) {
            text = skipCopyData(src);
            chars = text.toCharArray();
        }
        Lexer.Result lexed = Lexer.lex(text, chars);
        List<Token> all = lexed.tokens();
        List<SqlStatement> out = new ArrayList<>();
        int start = 0;
        int parens = 0;
        int atomicDepth = 0;
        for (int i = 0; i < all.size(); i++) {
            Token t = all.get(i);
            if (t.type() == Token.Type.META) {
                // psql runs a backslash command when it reads it: whatever came before is a statement of its own
                emit(text, all, start, i, out);
                emit(text, all, i, i + 1, out);
                start = i + 1;
                parens = 0;
                atomicDepth = 0;
                continue;
            }
            if (t.type() == Token.Type.PUNCT) {
                char c = t.text().charAt(0);
                if (c == '(' || c == '[') {
                    parens++;
                } else if ((c == ')' || c == ']') && parens > 0) {
                    parens--;
                } else if (c == ';' && parens == 0 && atomicDepth == 0) {
                    emit(text, all, start, i, out);
                    start = i + 1;
                }
            } else if (t.type() == Token.Type.WORD && (atomicDepth > 0 || t.value().equals("begin"))) {
                if (t.value().equals("begin") && i + 1 < all.size() && all.get(i + 1).isWord("atomic")
                        && (atomicDepth > 0 || isRoutineStart(all, start))) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && t.value().equals("case")) {
                    atomicDepth++;
                } else if (atomicDepth > 0 && t.value().equals("end")) {
                    atomicDepth--;
                }
            }
        }
        emit(text, all, start, all.size(), out);
        return new Result(List.copyOf(out), lexed.comments());
    }

    /** CREATE [OR REPLACE] FUNCTION|PROCEDURE: the only statements that may hold BEGIN ATOMIC bodies. */
    private static boolean isRoutineStart(List<Token> all, int start) {
        if (!all.get(start).isWord("create")) {
            return false;
        }
        int j = start + 1;
        if (j < all.size() && all.get(j).isWord("or") && j + 1 < all.size() && all.get(j + 1).isWord("replace")) {
            j += 2;
        }
        return j < all.size() && (all.get(j).isWord("function") || all.get(j).isWord("procedure"));
    }

    private static void emit(String text, List<Token> all, int from, int to, List<SqlStatement> out) {
        if (to <= from) {
            return;
        }
        Token first = all.get(from);
        Token last = all.get(to - 1);
        List<Token> toks = List.copyOf(all.subList(from, to));
        out.add(new SqlStatement(out.size() + 1, first.line(), first.column(), first.offset(), last.endOffset(),
                text.substring(first.offset(), last.endOffset()), toks));
    }

    /**
     * Blanks out the inline data of {@code COPY ... FROM stdin;} (pg_dump output) up to the {@code \.} line, keeping
     * line numbers. Only lines are looked at, so this is a cheap pre-pass when there is no COPY at all.
     */
    static String skipCopyData(String src) {
        if (!containsIgnoreCase(src, "stdin")) {
            return src;
        }
        StringBuilder sb = new StringBuilder(src.length());
        boolean inData = false;
        int p = 0;
        while (p < src.length()) {
            int nl = src.indexOf('\n', p);
            int end = nl < 0 ? src.length() : nl;
            String lineText = src.substring(p, end);
            if (inData) {
                if (lineText.strip().equals("\\.")) {
                    inData = false;
                }
                // keep the line break only, so line numbers stay right
            } else {
                sb.append(lineText);
                String u = lineText.strip().toLowerCase(java.util.Locale.ROOT);
                if (u.startsWith("copy ") && u.endsWith("from stdin;")) {
                    inData = true;
                }
            }
            if (nl >= 0) {
                sb.append('\n');
            }
            p = end + 1;
        }
        return sb.toString();
    }

    /**
     * Whether {@code s} contains the lower-case ASCII letters {@code needle} in any case: a pre-check only (the
     * line-by-line pass decides), done without lower-casing a copy of the whole file.
     */
    private static boolean containsIgnoreCase(char[] s, String needle) {
        int n = needle.length();
        char first = needle.charAt(0);
        for (int i = 0, last = s.length - n; i <= last; i++) {
            if ((s[i] | 0x20) == first) {
                int k = 1;
                while (k < n && (s[i + k] | 0x20) == needle.charAt(k)) {
                    k++;
                }
                if (k == n) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsIgnoreCase(String s, String needle) {
        int n = needle.length();
        outer:
        for (int i = 0, last = s.length() - n; i <= last; i++) {
            for (int k = 0; k < n; k++) {
                if ((s.charAt(i + k) | 0x20) != needle.charAt(k)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
