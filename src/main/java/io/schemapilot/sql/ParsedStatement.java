package io.schemapilot.sql;

import java.util.ArrayList;
import java.util.Collections;
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

    /**
     * The changes of one kind, in order (unmodifiable). Rules call this for every statement, so it is a plain indexed
     * loop: no stream, and no iterator (the short-lived JVM of a CLI run has no escape analysis to remove it).
     */
    public <T extends Change> List<T> changes(Class<T> type) {
        List<T> out = null;
        for (int i = 0, n = changes.size(); i < n; i++) {
            Change c = changes.get(i);
            if (type.isInstance(c)) {
                if (out == null) {
                    out = new ArrayList<>(changes.size());
                }
                out.add(type.cast(c));
            }
        }
        return out == null ? Collections.emptyList() : Collections.unmodifiableList(out);
    }

    public boolean has(Class<? extends Change> type) {
        for (int i = 0, n = changes.size(); i < n; i++) {
            if (type.isInstance(changes.get(i))) {
                return true;
            }
        }
        return false;
    }
}
