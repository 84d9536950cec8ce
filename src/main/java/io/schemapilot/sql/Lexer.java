package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A PostgreSQL lexer: standard, {@code E''} and {@code U&''} strings, dollar quotes ({@code $$}, {@code $tag$}),
 * quoted identifiers, {@code --} and nested {@code /* *}{@code /} comments, psql meta-commands. Comments are kept
 * aside, never returned as tokens, so nothing inside a comment or a string can look like a statement.
 *
 * <p>Speed matters here (a 30,000-line file is lexed in a JVM that has only just started): the text is read from a
 * {@code char[]}, strings without escapes are cut out of the source instead of rebuilt, and repeated words (keywords,
 * table and column names) share one text and one lower-cased value per file through a small cache.
 */
public final class Lexer {
    /** Words longer than this are not cached. */
    private static final int CACHED_WORD_MAX = 48;
    /** Most entries of the word cache (a power of two); small texts get a smaller one. */
    private static final int WORD_CACHE_MAX = 2048;
    /** The one-character punctuation tokens, by character. */
    private static final String[] PUNCT_TEXT = new String[128];

    static {
        for (char c : "()[],;.:".toCharArray()) {
            PUNCT_TEXT[c] = String.valueOf(c);
        }
    }

    private final String src;
    private final char[] buf;
    private final int len;
    private int pos;
    private int line = 1;
    private int lineStart;
    private final List<Token> tokens;
    private final List<Comment> comments = new ArrayList<>();
    /** Direct-mapped cache of words: the characters, the text as written and the lower-cased value. */
    private char[][] wordKeys;
    private String[] wordTexts;
    private String[] wordValues;

    private Lexer(String src, char[] buf) {
        this.src = src;
        this.buf = buf;
        this.len = buf.length;
        this.tokens = new ArrayList<>(Math.max(16, len / 5));
    }

    public record Result(List<Token> tokens, List<Comment> comments) {
    }

    public static Result lex(String src) {
        return lex(src, src.toCharArray());
    }

    /** {@code chars} holds the characters of {@code src} (and is not changed). */
    static Result lex(String src, char[] chars) {
        Lexer lx = new Lexer(src, chars);
        lx.run();
        return new Result(lx.tokens, lx.comments);
    }

    /** Tokens only (for small fragments such as the body of an {@code EXECUTE} string). */
    public static List<Token> tokens(String src) {
        return lex(src).tokens();
    }

    private int col(int offset) {
        return offset - lineStart + 1;
    }

    private void newline(int at) {
        line++;
        lineStart = at + 1;
    }

    private void run() {
        final char[] b = buf;
        while (pos < len) {
            char c = b[pos];
            if (c == '\n') {
                newline(pos);
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B || c == '\uFEFF') {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                lineComment();
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else if (c == '\'') {
                quotedString(pos, pos, false);
            } else if ((c == 'e' || c == 'E') && peek(1) == '\'') {
                quotedString(pos, pos + 1, true);
            } else if ((c == 'b' || c == 'B' || c == 'x' || c == 'X' || c == 'n' || c == 'N') && peek(1) == '\'') {
                quotedString(pos, pos + 1, false);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '\'') {
                quotedString(pos, pos + 2, false);
            } else if ((c == 'u' || c == 'U') && peek(1) == '&' && peek(2) == '"') {
                quotedIdent(pos, pos + 2);
            } else if (c == '"') {
                quotedIdent(pos, pos);
            } else if (c == '$') {
                dollar();
            } else if (isIdentStart(c)) {
                word();
            } else if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
                number();
            } else if (c == '\\') {
                meta();
            } else if (c < 128 && PUNCT_TEXT[c] != null && c != ':') {
                String p = PUNCT_TEXT[c];
                tokens.add(new Token(Token.Type.PUNCT, p, p, pos, line, col(pos)));
                pos++;
            } else if (c == ':' && peek(1) != ':' && peek(1) != '=') {
                tokens.add(new Token(Token.Type.PUNCT, PUNCT_TEXT[':'], PUNCT_TEXT[':'], pos, line, col(pos)));
                pos++;
            } else {
                operator();
            }
        }
    }

    private char peek(int ahead) {
        int p = pos + ahead;
        return p < len ? buf[p] : '\0';
    }

    private static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 && Character.isLetter(c)
                || c >= 0x80 && !Character.isWhitespace(c) && !Character.isISOControl(c) && c != '\uFEFF';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void add(Token.Type type, int start, int end, String value) {
        tokens.add(new Token(type, src.substring(start, end), value, start, line, col(start)));
    }

    private void lineComment() {
        int start = pos;
        while (pos < len && buf[pos] != '\n') {
            pos++;
        }
        comments.add(new Comment(src.substring(start, pos), line, col(start), true));
    }

    private void blockComment() {
        int start = pos;
        int startLine = line;
        int startCol = col(start);
        int depth = 0;
        while (pos < len) {
            char c = buf[pos];
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    comments.add(new Comment(src.substring(start, pos), startLine, startCol, false));
                    return;
                }
            } else {
                if (c == '\n') {
                    newline(pos);
                }
                pos++;
            }
        }
        throw new SqlSyntaxException("unterminated /* comment", startLine, startCol);
    }

    /** {@code start} is the token start (prefix included); {@code quote} the opening quote. */
    private void quotedString(int start, int quote, boolean backslashEscapes) {
        int startLine = line;
        int startCol = col(start);
        // the common case: no doubled quote and no backslash escape, so the value is the text between the quotes
        int p = quote + 1;
        while (p < len) {
            char c = buf[p];
            if (c == '\'') {
                if (p + 1 < len && buf[p + 1] == '\'') {
                    break; // a doubled quote: the general path below
                }
                for (int i = quote + 1; i < p; i++) {
                    if (buf[i] == '\n') {
                        newline(i);
                    }
                }
                pos = p + 1;
                tokens.add(new Token(Token.Type.STRING, src.substring(start, pos), src.substring(quote + 1, p), start,
                        startLine, startCol));
                return;
            }
            if (c == '\\' && backslashEscapes) {
                break;
            }
            p++;
        }
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= len) {
                throw new SqlSyntaxException("unterminated string literal", startLine, startCol);
            }
            char c = buf[pos];
            if (c == '\\' && backslashEscapes && pos + 1 < len) {
                char n = buf[pos + 1];
                if (n == '\n') {
                    newline(pos + 1);
                }
                value.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    case 'b' -> '\b';
                    case 'f' -> '\f';
                    default -> n;
                });
                pos += 2;
            } else if (c == '\'') {
                if (peek(1) == '\'') {
                    value.append('\'');
                    pos += 2;
                } else {
                    pos++;
                    // adjacent string constants separated by a newline are concatenated by PostgreSQL;
                    // they stay separate tokens here, which is harmless for analysis
                    break;
                }
            } else {
                if (c == '\n') {
                    newline(pos);
                }
                value.append(c);
                pos++;
            }
        }
        tokens.add(new Token(Token.Type.STRING, src.substring(start, pos), value.toString(), start, startLine, startCol));
    }

    private void quotedIdent(int start, int quote) {
        int startLine = line;
        int startCol = col(start);
        // the common case: no doubled double quote inside
        int p = quote + 1;
        while (p < len) {
            if (buf[p] == '"') {
                if (p + 1 < len && buf[p + 1] == '"') {
                    break;
                }
                for (int i = quote + 1; i < p; i++) {
                    if (buf[i] == '\n') {
                        newline(i);
                    }
                }
                pos = p + 1;
                tokens.add(new Token(Token.Type.QUOTED_IDENT, src.substring(start, pos), src.substring(quote + 1, p),
                        start, startLine, startCol));
                return;
            }
            p++;
        }
        StringBuilder value = new StringBuilder();
        pos = quote + 1;
        while (true) {
            if (pos >= len) {
                throw new SqlSyntaxException("unterminated quoted identifier", startLine, startCol);
            }
            char c = buf[pos];
            if (c == '"') {
                if (peek(1) == '"') {
                    value.append('"');
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                if (c == '\n') {
                    newline(pos);
                }
                value.append(c);
                pos++;
            }
        }
        tokens.add(new Token(Token.Type.QUOTED_IDENT, src.substring(start, pos), value.toString(), start, startLine, startCol));
    }

    private void dollar() {
        int start = pos;
        // positional parameter $1
        if (isDigit(peek(1))) {
            int p = pos + 1;
            while (p < len && isDigit(buf[p])) {
                p++;
            }
            add(Token.Type.PARAM, start, p, src.substring(start, p));
            pos = p;
            return;
        }
        // dollar quote: $tag$ where tag is empty or (letter|_)(letter|digit|_)*
        int p = pos + 1;
        if (p < len && buf[p] != '$') {
            if (!isIdentStart(buf[p])) {
                operator();
                return;
            }
            while (p < len && (isIdentStart(buf[p]) || isDigit(buf[p]))) {
                p++;
            }
        }
        if (p >= len || buf[p] != '$') {
            operator();
            return;
        }
        String tag = src.substring(start, p + 1);
        int bodyStart = p + 1;
        int end = src.indexOf(tag, bodyStart);
        int startLine = line;
        int startCol = col(start);
        if (end < 0) {
            throw new SqlSyntaxException("unterminated dollar-quoted string " + tag, startLine, startCol);
        }
        for (int i = bodyStart; i < end; i++) {
            if (buf[i] == '\n') {
                newline(i);
            }
        }
        pos = end + tag.length();
        tokens.add(new Token(Token.Type.DOLLAR_STRING, src.substring(start, pos), src.substring(bodyStart, end), start,
                startLine, startCol));
    }

    private void word() {
        final char[] b = buf;
        int start = pos;
        boolean lower = true;
        int hash = 0;
        while (pos < len && isIdentPart(b[pos])) {
            char c = b[pos];
            if (c >= 'A' && c <= 'Z') {
                lower = false;
            }
            hash = 31 * hash + c;
            pos++;
        }
        int n = pos - start;
        String text;
        String value;
        if (n <= CACHED_WORD_MAX) {
            if (wordKeys == null) {
                int size = Integer.highestOneBit(Math.max(16, Math.min(WORD_CACHE_MAX, len / 16)));
                wordKeys = new char[size][];
                wordTexts = new String[size];
                wordValues = new String[size];
            }
            int slot = (hash ^ (hash >>> 11)) & (wordKeys.length - 1);
            char[] key = wordKeys[slot];
            if (key != null && sameChars(key, b, start, n)) {
                text = wordTexts[slot];
                value = wordValues[slot];
            } else {
                text = src.substring(start, pos);
                value = lower ? text : text.toLowerCase(Locale.ROOT);
                char[] k = new char[n];
                System.arraycopy(b, start, k, 0, n);
                wordKeys[slot] = k;
                wordTexts[slot] = text;
                wordValues[slot] = value;
            }
        } else {
            text = src.substring(start, pos);
            value = lower ? text : text.toLowerCase(Locale.ROOT);
        }
        tokens.add(new Token(Token.Type.WORD, text, value, start, line, col(start)));
    }

    private static boolean sameChars(char[] key, char[] b, int start, int n) {
        if (key.length != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (key[i] != b[start + i]) {
                return false;
            }
        }
        return true;
    }

    private void number() {
        int start = pos;
        while (pos < len) {
            char c = buf[pos];
            if (isDigit(c) || c == '_' || (c == '.' && peek(1) != '.')) {
                pos++;
            } else if ((c == 'e' || c == 'E') && (isDigit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
                pos += 2;
            } else if ((c == 'x' || c == 'X' || c == 'o' || c == 'O' || c == 'b' || c == 'B') && pos == start + 1
                    && buf[start] == '0') {
                pos++;
            } else if (pos > start + 1 && buf[start] == '0' && Character.isLetterOrDigit(c)) {
                pos++;
            } else {
                break;
            }
        }
        String text = src.substring(start, pos);
        tokens.add(new Token(Token.Type.NUMBER, text, text, start, line, col(start)));
    }

    private void meta() {
        int start = pos;
        while (pos < len && buf[pos] != '\n') {
            pos++;
        }
        String text = src.substring(start, pos).stripTrailing();
        tokens.add(new Token(Token.Type.META, text, text, start, line, col(start)));
    }

    private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?:";

    private void operator() {
        int start = pos;
        while (pos < len && OP_CHARS.indexOf(buf[pos]) >= 0) {
            // a comment start ends the operator
            if (pos > start && ((buf[pos] == '-' && peek(1) == '-') || (buf[pos] == '/' && peek(1) == '*'))) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            pos++; // an unknown character: keep it as a one-character operator
        }
        add(Token.Type.OPERATOR, start, pos, src.substring(start, pos));
    }
}
