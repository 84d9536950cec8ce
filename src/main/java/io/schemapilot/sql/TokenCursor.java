package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A cursor over a statement's tokens for the hand-written reader. */
final class TokenCursor {
    /** The statement is not of a form the fast path reads. */
    static final class ParseFailure extends RuntimeException {
        ParseFailure(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private final String text;
    private final int base;
    private int pos;

    /** @param base the file offset of {@code text}'s first character */
    TokenCursor(List<Token> tokens, String text, int base) {
        this.tokens = tokens;
        this.text = text;
        this.base = base;
    }

    int pos() {
        return pos;
    }

    void seek(int p) {
        pos = p;
    }

    boolean atEnd() {
        return pos >= tokens.size();
    }

    Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    Token peek(int ahead) {
        int p = pos + ahead;
        return p < tokens.size() ? tokens.get(p) : null;
    }

    Token next() {
        if (pos >= tokens.size()) {
            throw new ParseFailure("unexpected end of statement");
        }
        return tokens.get(pos++);
    }

    List<Token> tokens() {
        return tokens;
    }

    boolean isWord(String w) {
        Token t = peek();
        return t != null && t.isWord(w);
    }

    boolean isWord(int ahead, String w) {
        Token t = peek(ahead);
        return t != null && t.isWord(w);
    }

    boolean isPunct(char c) {
        Token t = peek();
        return t != null && t.isPunct(c);
    }

    /** Consumes the word if it follows. (Fixed-arity forms: the reader calls these constantly, without an array.) */
    boolean accept(String word) {
        if (isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    boolean accept(String a, String b) {
        if (isWord(a) && isWord(1, b)) {
            pos += 2;
            return true;
        }
        return false;
    }

    boolean accept(String a, String b, String c) {
        if (isWord(a) && isWord(1, b) && isWord(2, c)) {
            pos += 3;
            return true;
        }
        return false;
    }

    /** Consumes the words if they all follow, in order. */
    boolean accept(String... words) {
        for (int i = 0; i < words.length; i++) {
            if (!isWord(i, words[i])) {
                return false;
            }
        }
        pos += words.length;
        return true;
    }

    boolean acceptPunct(char c) {
        if (isPunct(c)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(String... words) {
        if (!accept(words)) {
            throw new ParseFailure("expected " + String.join(" ", words).toUpperCase(Locale.ROOT) + near());
        }
    }

    void expectPunct(char c) {
        if (!acceptPunct(c)) {
            throw new ParseFailure("expected '" + c + "'" + near());
        }
    }

    String near() {
        Token t = peek();
        return t == null ? " at end of statement" : " near '" + t.text() + "' (line " + t.line() + ")";
    }

    /** An identifier (unquoted: lower-cased; quoted: as written). */
    String identifier() {
        Token t = next();
        if (!t.isIdentifier()) {
            throw new ParseFailure("expected a name" + " near '" + t.text() + "' (line " + t.line() + ")");
        }
        return t.value();
    }

    /** {@code name}, {@code schema.name} or {@code db.schema.name} (the database part is dropped). */
    QualifiedName qualifiedName() {
        String a = identifier();
        if (isPunct('.')) {
            pos++;
            String b = identifier();
            if (isPunct('.')) {
                pos++;
                String c = identifier();
                return new QualifiedName(b, c);
            }
            return new QualifiedName(a, b);
        }
        return new QualifiedName(null, a);
    }

    List<QualifiedName> qualifiedNameList() {
        List<QualifiedName> out = new ArrayList<>();
        do {
            accept("only");
            out.add(qualifiedName());
            if (peek() != null && peek().isOperator("*")) {
                pos++;
            }
        } while (acceptPunct(','));
        return out;
    }

    /** At '(' : skips the balanced group and returns the source text inside it. */
    String parenthesized() {
        int open = pos;
        expectPunct('(');
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            }
        }
        return textBetween(open + 1, pos - 1);
    }

    /** At '[' : skips the balanced {@code [...]} group. */
    void parenthesizedSquare() {
        expectPunct('[');
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            if (t.isPunct('[') || t.isPunct('(')) {
                depth++;
            } else if (t.isPunct(']') || t.isPunct(')')) {
                depth--;
            }
        }
    }

    /** A parenthesised list of identifiers: {@code (a, "B", c)}. */
    List<String> identifierList() {
        List<String> out = new ArrayList<>();
        expectPunct('(');
        if (acceptPunct(')')) {
            return out;
        }
        do {
            out.add(identifier());
            // tolerate ASC/DESC/COLLATE/opclass after an element
            while (!isPunct(',') && !isPunct(')') && !atEnd()) {
                if (isPunct('(')) {
                    parenthesized();
                } else {
                    pos++;
                }
            }
        } while (acceptPunct(','));
        expectPunct(')');
        return out;
    }

    /**
     * Skips tokens up to (not including) the next ',' or ')' at depth 0 or a stop word at depth 0; returns the
     * source text skipped.
     */
    String expressionUntil(String... stopWords) {
        int start = pos;
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && (t.isPunct(',') || t.isPunct(')'))) {
                break;
            }
            if (depth == 0 && t.isWord() && pos > start) {
                boolean stop = false;
                for (String w : stopWords) {
                    if (t.value().equals(w)) {
                        stop = true;
                        break;
                    }
                }
                if (stop) {
                    break;
                }
            }
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            }
            pos++;
        }
        return pos > start ? textBetween(start, pos) : "";
    }

    /** Source text of tokens [from, to). */
    String textBetween(int from, int to) {
        if (to <= from) {
            return "";
        }
        int s = tokens.get(from).offset() - base;
        int e = tokens.get(to - 1).endOffset() - base;
        return text.substring(s, e);
    }

    /** Source text from the current token to the end. */
    String rest() {
        return textBetween(pos, tokens.size());
    }

    /** Skips to the end of the current comma-separated element (a ',' at depth 0 or the end). */
    void skipElement() {
        int depth = 0;
        while (!atEnd()) {
            Token t = peek();
            if (depth == 0 && (t.isPunct(',') || t.isPunct(')'))) {
                return;
            }
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            }
            pos++;
        }
    }

    /** Is there a top-level (depth 0) occurrence of the word from here to the end? */
    boolean hasTopLevelWord(String word) {
        int depth = 0;
        for (int i = pos; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return true;
            }
        }
        return false;
    }
}
