package io.schemapilot.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {

    private static List<String> texts(String sql) {
        return StatementSplitter.split(sql).statements().stream().map(SqlStatement::text).toList();
    }

    @Test
    void splits_on_top_level_semicolons_and_keeps_positions() {
        var r = StatementSplitter.split("CREATE TABLE a (id int);\n\n  ALTER TABLE a ADD b int; SELECT 1;");
        assertEquals(3, r.statements().size());
        SqlStatement second = r.statements().get(1);
        assertEquals(2, second.number());
        assertEquals(3, second.line());
        assertEquals(3, second.column());
        assertEquals("ALTER TABLE a ADD b int", second.text());
        SqlStatement third = r.statements().get(2);
        assertEquals(3, third.line());
        assertEquals(28, third.column());
    }

    @Test
    void dollar_quotes_with_and_without_tags_do_not_split() {
        String sql = """
                CREATE FUNCTION f() RETURNS void AS $$ BEGIN DROP TABLE x; END $$ LANGUAGE plpgsql;
                CREATE FUNCTION g() RETURNS text AS $body$ SELECT 'a;b'; $x$ not the end $x$ $body$ LANGUAGE sql;
                SELECT $1;
                """;
        List<String> t = texts(sql);
        assertEquals(3, t.size());
        assertTrue(t.get(1).endsWith("LANGUAGE sql"));
    }

    @Test
    void strings_escape_strings_and_quoted_identifiers_do_not_split() {
        List<String> t = texts("SELECT 'it''s; fine'; SELECT E'back\\'slash; still'; SELECT \"we;ird\"\"name\" FROM t;");
        assertEquals(3, t.size());
        assertEquals("SELECT E'back\\'slash; still'", t.get(1));
    }

    @Test
    void comments_nested_and_line_do_not_split_and_are_kept_aside() {
        var r = StatementSplitter.split("/* a /* nested; */ still; */ SELECT 1; -- trailing; comment\nSELECT 2;");
        assertEquals(2, r.statements().size());
        assertEquals(2, r.comments().size());
        assertEquals("SELECT 2", r.statements().get(1).text());
        assertEquals(2, r.statements().get(1).line());
    }

    @Test
    void psql_meta_commands_are_statements_of_their_own() {
        var r = StatementSplitter.split("\\set ON_ERROR_STOP on\nCREATE TABLE t (id int);\n\\connect other\nSELECT 1;");
        List<SqlStatement> s = r.statements();
        assertEquals(4, s.size());
        assertTrue(s.get(0).isPsqlMeta());
        assertEquals("\\set", s.get(0).keyword());
        assertTrue(s.get(2).isPsqlMeta());
        assertEquals(3, s.get(2).line());
    }

    @Test
    void transaction_control_statements_are_split() {
        List<String> t = texts("BEGIN; SAVEPOINT a; ROLLBACK TO SAVEPOINT a; COMMIT;");
        assertEquals(List.of("BEGIN", "SAVEPOINT a", "ROLLBACK TO SAVEPOINT a", "COMMIT"), t);
    }

    @Test
    void begin_atomic_function_bodies_do_not_split() {
        String sql = """
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;
                  SELECT a + b;
                END;
                SELECT 2;
                """;
        List<String> t = texts(sql);
        assertEquals(2, t.size());
        assertTrue(t.get(0).endsWith("END"));
    }

    @Test
    void unterminated_forms_are_reported_with_their_position() {
        SqlSyntaxException e = assertThrows(SqlSyntaxException.class,
                () -> StatementSplitter.split("SELECT 1;\nCREATE FUNCTION f() AS $fn$ BEGIN"));
        assertEquals(2, e.line());
        assertEquals(24, e.column());
        assertTrue(e.getMessage().contains("$fn$"));
        assertThrows(SqlSyntaxException.class, () -> StatementSplitter.split("SELECT 1; /* open /* nested */"));
        assertThrows(SqlSyntaxException.class, () -> StatementSplitter.split("SELECT 'open"));
        assertThrows(SqlSyntaxException.class, () -> StatementSplitter.split("SELECT \"open"));
    }

    @Test
    void copy_from_stdin_data_is_skipped_and_lines_kept() {
        String sql = "COPY t (a) FROM stdin;\n1;2\n3;4\n\\.\nSELECT 1;\n";
        var s = StatementSplitter.split(sql).statements();
        assertEquals(2, s.size());
        assertEquals("SELECT 1", s.get(1).text());
        assertEquals(5, s.get(1).line());
    }

    @Test
    void dollar_sign_inside_identifiers_and_parameters_is_not_a_quote() {
        List<String> t = texts("SELECT a$b, $1 FROM t$x; SELECT 2;");
        assertEquals(2, t.size());
    }

    @Test
    void empty_and_comment_only_input_has_no_statements() {
        assertEquals(0, texts("").size());
        assertEquals(0, texts("-- nothing\n/* here */\n;;").size());
    }
}
