package io.schemapilot.catalog;

/**
 * A schema file could not be loaded into the shadow database: a statement failed, or the file cannot be read or
 * split. The message is one line, e.g. {@code schema.sql: statement 12 (line 40) failed: ERROR: relation "users"
 * does not exist}. The CLI maps it to exit code 2.
 */
public class SchemaLoadException extends RuntimeException {

    public static final int EXIT_CODE = 2;

    private final String source;
    private final int statementNumber;
    private final int line;

    public SchemaLoadException(String source, int statementNumber, int line, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.statementNumber = statementNumber;
        this.line = line;
    }

    public SchemaLoadException(String source, String message, Throwable cause) {
        this(source, 0, 0, message, cause);
    }

    /** The file (or source name) that failed to load. */
    public String source() {
        return source;
    }

    /** 1-based number of the failing statement, 0 when the failure is not a statement's. */
    public int statementNumber() {
        return statementNumber;
    }

    /** 1-based line of the failing statement, 0 when unknown. */
    public int line() {
        return line;
    }

    public int exitCode() {
        return EXIT_CODE;
    }
}
