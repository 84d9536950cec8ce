package io.schemapilot.analysis.rules;

/** Small text rewrites the rules offer as fixes. */
final class Fixes {
    private Fixes() {
    }

    /** {@code CREATE [UNIQUE] INDEX ...} with CONCURRENTLY inserted after INDEX. */
    static String concurrently(String createIndexSql) {
        return createIndexSql.replaceFirst("(?i)\\bINDEX\\s+(?!CONCURRENTLY)", "INDEX CONCURRENTLY ") + ";";
    }
}
