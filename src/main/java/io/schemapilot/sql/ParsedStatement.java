package io.schemapilot.sql;

import java.util.List;

/**
 * A statement with the changes read from it.
 *
 * @param parseError why the statement could not be read, or null
 */
public record ParsedStatement(SqlStatement source, List<Change> changes, String parseError) {

    public int number() {
        return source.number();
    }

    public int line() {
        return source.line();
    }

    public int column() {
        return source.column();
    }

    public List<Token> tokens() {
        return source.tokens();
    }

    @SuppressWarnings("unchecked")
    public <T extends Change> List<T> changes(Class<T> type) {
        return (List<T>) changes.stream().filter(type::isInstance).toList();
    }

    public boolean has(Class<? extends Change> type) {
        return changes.stream().anyMatch(type::isInstance);
    }
}
