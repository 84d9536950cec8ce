package io.schemapilot.sql;

/**
 * One lexical token of PostgreSQL SQL.
 *
 * @param text   the token exactly as written
 * @param value  WORD: lower-cased; QUOTED_IDENT: the name without quotes; STRING / DOLLAR_STRING: the content;
 *               otherwise the text
 * @param offset character offset of the first character in the file
 * @param line   1-based line
 * @param column 1-based column
 */
public record Token(Type type, String text, String value, int offset, int line, int column) {

    public enum Type {
        /** unquoted identifier or keyword */
        WORD,
        QUOTED_IDENT,
        /** '...', E'...', U&'...', B'...', X'...' */
        STRING,
        /** $$...$$ or $tag$...$tag$ */
        DOLLAR_STRING,
        NUMBER,
        /** positional parameter $1 */
        PARAM,
        OPERATOR,
        /** one of ( ) [ ] , ; . : */
        PUNCT,
        /** a psql backslash command, to the end of its line */
        META
    }

    public boolean isWord(String lowerWord) {
        return type == Type.WORD && value.equals(lowerWord);
    }

    public boolean isWord() {
        return type == Type.WORD;
    }

    /** A name: an unquoted word or a quoted identifier. */
    public boolean isIdentifier() {
        return type == Type.WORD || type == Type.QUOTED_IDENT;
    }

    public boolean isPunct(char c) {
        return type == Type.PUNCT && text.length() == 1 && text.charAt(0) == c;
    }

    public boolean isOperator(String op) {
        return type == Type.OPERATOR && text.equals(op);
    }

    public boolean isString() {
        return type == Type.STRING || type == Type.DOLLAR_STRING;
    }

    public int endOffset() {
        return offset + text.length();
    }
}
