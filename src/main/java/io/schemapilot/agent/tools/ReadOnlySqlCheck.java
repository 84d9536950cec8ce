package io.schemapilot.agent.tools;

import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import io.schemapilot.sql.Token;

import java.util.List;
import java.util.Set;

/**
 * A conservative check that a string is one read-only query, for manifests that hand SQL to a command
 * ({@code psql -c}). It refuses rather than guesses: exactly one statement, starting with SELECT, WITH, VALUES,
 * TABLE, SHOW or EXPLAIN (without ANALYZE); no data-modifying or DDL keyword anywhere outside strings and
 * comments (so no data-modifying CTE); no {@code SELECT ... INTO}, no row locks ({@code FOR UPDATE/SHARE}); no
 * psql backslash command; no function known to act on the server or read its files. The session is also made
 * read-only by the manifest; this check is the first of the two walls.
 */
public final class ReadOnlySqlCheck {

    private static final Set<String> FIRST = Set.of("select", "with", "values", "table", "show", "explain");
    private static final Set<String> FORBIDDEN_WORDS = Set.of("insert", "update", "delete", "merge", "upsert",
            "create", "alter", "drop", "truncate", "grant", "revoke", "copy", "call", "do", "set", "reset",
            "begin", "commit", "rollback", "savepoint", "release", "lock", "vacuum", "analyze", "cluster",
            "reindex", "refresh", "comment", "security", "import", "listen", "notify", "prepare", "execute",
            "discard", "checkpoint", "load", "into");
    private static final Set<String> FORBIDDEN_FUNCTIONS = Set.of("pg_terminate_backend", "pg_cancel_backend",
            "pg_reload_conf", "pg_rotate_logfile", "set_config", "pg_read_file", "pg_read_binary_file",
            "pg_ls_dir", "pg_stat_file", "lo_import", "lo_export", "lo_unlink", "pg_file_write", "dblink",
            "dblink_exec", "dblink_connect", "pg_advisory_lock", "pg_advisory_xact_lock", "pg_try_advisory_lock",
            "pg_sleep", "pg_switch_wal", "pg_create_restore_point", "pg_promote", "txid_current",
            "pg_current_xact_id", "nextval", "setval", "pg_logical_emit_message", "pg_replication_origin_create",
            "query_to_xml", "query_to_json", "query_to_xml_and_xmlschema");

    private ReadOnlySqlCheck() {
    }

    /** @return null when {@code sql} is one read-only query, else why it is refused */
    public static String problem(String sql) {
        if (sql == null || sql.isBlank()) {
            return "the query is empty";
        }
        List<SqlStatement> statements;
        try {
            statements = StatementSplitter.split(sql).statements();
        } catch (SqlSyntaxException e) {
            return "the query cannot be read: " + e.located();
        }
        if (statements.isEmpty()) {
            return "the query is empty";
        }
        if (statements.size() > 1) {
            return "only one statement is allowed, found " + statements.size();
        }
        SqlStatement st = statements.get(0);
        if (st.isPsqlMeta()) {
            return "psql backslash commands are not allowed";
        }
        List<Token> toks = st.tokens();
        Token first = toks.get(0);
        if (!first.isWord() || !FIRST.contains(first.value())) {
            return "only SELECT, WITH, VALUES, TABLE, SHOW or EXPLAIN queries are allowed, not '" + first.text() + "'";
        }
        for (int i = 0; i < toks.size(); i++) {
            Token t = toks.get(i);
            if (t.type() == Token.Type.META) {
                return "psql backslash commands are not allowed";
            }
            if (!t.isWord()) {
                continue;
            }
            String w = t.value();
            boolean calledAsFunction = i + 1 < toks.size() && toks.get(i + 1).isPunct('(');
            if (first.value().equals("explain") && w.equals("analyze")) {
                return "EXPLAIN ANALYZE runs the statement; use plain EXPLAIN";
            }
            if (FORBIDDEN_WORDS.contains(w) && !(i > 0 && toks.get(i - 1).isPunct('.'))) {
                if (w.equals("update") || w.equals("share")) {
                    if (i > 0 && toks.get(i - 1).isWord("for")) {
                        return "row locks (FOR UPDATE / FOR SHARE) are not allowed";
                    }
                }
                return "'" + t.text() + "' is not allowed in a read-only query";
            }
            if (w.equals("share") && i > 0 && (toks.get(i - 1).isWord("for") || toks.get(i - 1).isWord("key"))) {
                return "row locks (FOR UPDATE / FOR SHARE) are not allowed";
            }
            if (calledAsFunction && FORBIDDEN_FUNCTIONS.contains(w)) {
                return "the function " + w + "() is not allowed in a read-only query";
            }
        }
        return null;
    }
}
