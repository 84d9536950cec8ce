package io.schemapilot.analysis;

import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The columns a validated CHECK proves NOT NULL, as PostgreSQL 12+ sees it when {@code SET NOT NULL} (or a primary
 * key) looks for a reason to skip its scan: the CHECK's top-level {@code AND} conjuncts that are {@code col IS NOT
 * NULL}, {@code col NOTNULL} or {@code NOT (col IS NULL)} (PostgreSQL splits the constraint into conjuncts and asks
 * whether one implies the NOT NULL test). A conjunct such as {@code col > 0} proves nothing: a CHECK passes on NULL.
 */
public final class NotNullProof {
    private NotNullProof() {
    }

    /**
     * The columns proven NOT NULL by a CHECK condition, as written in a migration ({@code email IS NOT NULL AND
     * length(email) > 3}) or as {@code pg_get_constraintdef} prints it ({@code CHECK (((email IS NOT NULL) AND ...))}
     * with an optional {@code NOT VALID} / {@code NO INHERIT}). Unquoted names are lower-cased, quoted ones kept.
     * Empty when nothing is proven or the text does not lex.
     */
    public static List<String> columns(String check) {
        if (check == null || check.isBlank()) {
            return List.of();
        }
        List<Token> tokens;
        try {
            tokens = new ArrayList<>(Lexer.tokens(check));
        } catch (RuntimeException e) {
            return List.of();
        }
        if (!tokens.isEmpty() && tokens.get(0).isWord("check")) {
            tokens.remove(0);
        }
        while (tokens.size() >= 2 && (endsWith(tokens, "not", "valid") || endsWith(tokens, "no", "inherit"))) {
            tokens.subList(tokens.size() - 2, tokens.size()).clear();
        }
        List<String> out = new ArrayList<>();
        collect(tokens, out);
        return out;
    }

    private static boolean endsWith(List<Token> t, String a, String b) {
        return t.get(t.size() - 2).isWord(a) && t.get(t.size() - 1).isWord(b);
    }

    private static void collect(List<Token> t, List<String> out) {
        t = unwrap(t);
        if (hasTopLevelOr(t)) {
            return; // AND binds tighter than OR: (a IS NOT NULL AND b) OR c proves nothing
        }
        List<List<Token>> parts = splitAnd(t);
        if (parts.size() > 1) {
            for (List<Token> p : parts) {
                collect(p, out);
            }
            return;
        }
        String col = notNullColumn(t);
        if (col != null && !out.contains(col)) {
            out.add(col);
        }
    }

    /** {@code col IS NOT NULL}, {@code col NOTNULL}, {@code NOT col IS NULL}, {@code NOT (col IS NULL)}. */
    private static String notNullColumn(List<Token> t) {
        int n = t.size();
        if (n == 4 && t.get(1).isWord("is") && t.get(2).isWord("not") && t.get(3).isWord("null")) {
            return name(t.get(0));
        }
        if (n == 2 && t.get(1).isWord("notnull")) {
            return name(t.get(0));
        }
        if (n >= 2 && t.get(0).isWord("not")) {
            List<Token> rest = unwrap(t.subList(1, n));
            if (rest.size() == 3 && rest.get(1).isWord("is") && rest.get(2).isWord("null")) {
                return name(rest.get(0));
            }
            if (rest.size() == 2 && rest.get(1).isWord("isnull")) {
                return name(rest.get(0));
            }
        }
        return null;
    }

    private static String name(Token t) {
        if (t.type() == Token.Type.QUOTED_IDENT) {
            return t.value();
        }
        return t.isWord() ? t.value().toLowerCase(Locale.ROOT) : null;
    }

    /** Removes parentheses that enclose the whole list (as often as they do). */
    private static List<Token> unwrap(List<Token> t) {
        while (t.size() >= 2 && t.get(0).isPunct('(') && t.get(t.size() - 1).isPunct(')')
                && closingOf(t, 0) == t.size() - 1) {
            t = t.subList(1, t.size() - 1);
        }
        return t;
    }

    private static int closingOf(List<Token> t, int open) {
        int depth = 0;
        for (int i = open; i < t.size(); i++) {
            if (t.get(i).isPunct('(') || t.get(i).isPunct('[')) {
                depth++;
            } else if (t.get(i).isPunct(')') || t.get(i).isPunct(']')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static boolean hasTopLevelOr(List<Token> t) {
        int depth = 0;
        for (Token k : t) {
            if (k.isPunct('(') || k.isPunct('[')) {
                depth++;
            } else if (k.isPunct(')') || k.isPunct(']')) {
                depth--;
            } else if (depth == 0 && k.isWord("or")) {
                return true;
            }
        }
        return false;
    }

    /** The operands of a top-level {@code AND} chain (one part when there is none). */
    private static List<List<Token>> splitAnd(List<Token> t) {
        List<List<Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        boolean between = false;
        for (int i = 0; i < t.size(); i++) {
            Token k = t.get(i);
            if (k.isPunct('(') || k.isPunct('[')) {
                depth++;
            } else if (k.isPunct(')') || k.isPunct(']')) {
                depth--;
            } else if (depth == 0 && k.isWord("between")) {
                between = true; // the AND of BETWEEN a AND b is not a conjunction
            } else if (depth == 0 && k.isWord("and")) {
                if (between) {
                    between = false;
                    continue;
                }
                parts.add(t.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(t.subList(start, t.size()));
        return parts;
    }
}
