package io.schemapilot.agent.tools;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadOnlySqlCheckTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT count(*) FROM orders WHERE status IS NULL",
            "select o.id from orders o left join users u on u.id = o.user_id where u.id is null limit 10;",
            "WITH d AS (SELECT email, count(*) c FROM users GROUP BY email) SELECT * FROM d WHERE c > 1",
            "SELECT 'DROP TABLE x; DELETE FROM y' AS harmless_text -- UPDATE in a comment",
            "EXPLAIN SELECT * FROM orders",
            "SHOW server_version",
            "TABLE pg_locks",
            "SELECT t.update FROM t",
            "VALUES (1), (2)"})
    void accepts_one_read_only_query(String sql) {
        assertNull(ReadOnlySqlCheck.problem(sql), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "UPDATE orders SET status = 'x'|only SELECT, WITH",
            "DROP TABLE orders|only SELECT, WITH",
            "SELECT * FROM orders FOR UPDATE|row locks",
            "SELECT * FROM orders FOR NO KEY UPDATE|'UPDATE' is not allowed",
            "SELECT * FROM orders FOR SHARE|row locks",
            "WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone|'DELETE' is not allowed",
            "SELECT 1; SELECT 2|only one statement is allowed, found 2",
            "SELECT 1; DROP TABLE orders|only one statement",
            "SELECT * INTO copy FROM orders|'INTO' is not allowed",
            "EXPLAIN ANALYZE DELETE FROM orders|EXPLAIN ANALYZE runs the statement",
            "SELECT pg_terminate_backend(123)|pg_terminate_backend() is not allowed",
            "SELECT pg_read_file('/etc/passwd')|pg_read_file() is not allowed",
            "SELECT set_config('default_transaction_read_only', 'off', false)|set_config() is not allowed",
            "\\! rm -rf /|backslash",
            "SELECT 'unterminated|cannot be read",
            "   |empty"})
    void refuses_anything_else(String sql, String expected) {
        String p = ReadOnlySqlCheck.problem(sql);
        assertTrue(p != null && p.contains(expected), sql + " -> " + p);
    }
}
