package io.schemapilot.sql;

/** SQL that cannot even be split into statements: an unterminated string, quote or comment. */
public final class SqlSyntaxException extends RuntimeException {
    private final int line;
    private final int column;

    public SqlSyntaxException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** "line 3, column 7: unterminated dollar-quoted string $body$" */
    public String located() {
        return "line " + line + ", column " + column + ": " + getMessage();
    }
}
