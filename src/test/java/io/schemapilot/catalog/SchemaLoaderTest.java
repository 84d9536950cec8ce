package io.schemapilot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaLoaderTest {

    @TempDir
    Path tmp;

    static String resource(String name) throws IOException {
        try (InputStream in = SchemaLoaderTest.class.getResourceAsStream("/catalog/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static SchemaLoadException loadFails(String sql) {
        return assertThrows(SchemaLoadException.class, () -> new SchemaLoader().load(sql, "schema.sql"));
    }

    @Test
    void loads_pg_dump_output_with_copy_data_and_keeps_the_database() throws Exception {
        EmbeddedPostgresServer server = TestDatabases.embedded();
        String db = new SchemaLoader().loadInto(resource("pgdump-sample.sql"), "pgdump-sample.sql");
        try (Connection c = server.connect(db)) {
            assertEquals(List.of("1|ada@example.com|Ada Lovelace", "2|bob@example.com|null",
                    "3|eve@example.com|Eve; not a statement"),
                    rows(c, "SELECT id || '|' || email || '|' || coalesce(name, 'null') FROM customers ORDER BY id"));
            assertEquals(List.of("CREATE TABLE not_a_table (x int);"),
                    rows(c, "SELECT note FROM orders WHERE id = 11"), "data lines are data, never SQL");
            assertEquals(List.of("0"), rows(c, "SELECT count(*) FROM pg_class WHERE relname = 'not_a_table'"));
            assertEquals(List.of("4"), rows(c, "SELECT nextval('customers_id_seq')"));

            CatalogSnapshot s = new CatalogReader().read(c);
            Table customers = s.table(QualifiedName.of("customers")).orElseThrow();
            assertEquals("character varying(120)", customers.column("email").orElseThrow().type());
            assertTrue(customers.index("customers_email_key").orElseThrow().unique());
            assertEquals(List.of("customers_touch"),
                    customers.triggers().stream().map(CatalogSnapshot.Trigger::name).toList());
            assertEquals(List.of("new", "paid", "shipped"),
                    s.enumType(QualifiedName.of("order_status")).orElseThrow().labels());
            Table orders = s.table(QualifiedName.of("orders")).orElseThrow();
            assertEquals(new QualifiedName("public", "customers"),
                    orders.constraint("orders_customer_id_fkey").orElseThrow().refTable());
            // pg_dump's set_config('search_path', '', false) stays in the loading session
            assertEquals(List.of("public"), s.searchPath());
        } finally {
            server.dropDatabase(db);
        }
    }

    @Test
    void loads_the_same_text_into_any_connection_on_each_server() throws Exception {
        String sql = resource("pgdump-sample.sql");
        TestDatabases.onEachServer(db -> {
            try (Connection c = db.connect()) {
                SchemaLoader.loadInto(c, sql, "pgdump-sample.sql");
                assertEquals(List.of("3"), rows(c, "SELECT count(*) FROM orders"));
            }
        });
    }

    @Test
    void a_failing_statement_names_its_number_line_and_the_postgres_message() {
        SchemaLoadException e = loadFails("""
                CREATE TABLE accounts (id int PRIMARY KEY);
                -- a comment

                INSERT INTO accounts VALUES (1);
                ALTER TABLE users
                    ADD COLUMN nickname text;
                CREATE TABLE never_reached (x int);
                """);
        assertEquals("schema.sql: statement 3 (line 5) failed: ERROR: relation \"users\" does not exist",
                e.getMessage());
        assertEquals(3, e.statementNumber());
        assertEquals(5, e.line());
        assertEquals("schema.sql", e.source());
        assertEquals(2, e.exitCode());
    }

    @Test
    void bad_copy_data_and_unterminated_copy_blocks_fail_on_their_statement() {
        SchemaLoadException bad = loadFails("""
                CREATE TABLE n (x int);
                COPY n (x) FROM stdin;
                1
                not a number
                \\.
                """);
        assertTrue(bad.getMessage().startsWith("schema.sql: statement 2 (line 2) failed: ERROR: invalid input syntax "
                + "for type integer"), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"));

        SchemaLoadException open = loadFails("CREATE TABLE n (x int);\nCOPY n (x) FROM stdin;\n1\n2\n");
        assertTrue(open.getMessage().contains("no closing \\. line"), open.getMessage());
    }

    @Test
    void copy_from_a_server_file_or_a_program_is_refused() {
        SchemaLoadException program = loadFails("CREATE TABLE n (x text);\nCOPY n FROM PROGRAM 'echo hi';\n");
        assertTrue(program.getMessage().startsWith("schema.sql: statement 2 (line 2) refused"), program.getMessage());
        SchemaLoadException file = loadFails("CREATE TABLE n (x text);\nCOPY n FROM '/etc/hostname';\n");
        assertEquals(2, file.statementNumber());
    }

    @Test
    void transactions_in_the_file_are_honoured_and_must_be_closed() throws Exception {
        CatalogSnapshot s = new SchemaLoader().load("""
                BEGIN;
                CREATE TABLE a (x int);
                ALTER TABLE a OWNER TO nobody_here;
                CREATE TABLE b (y int);
                COMMIT;
                """, "tx.sql");
        assertTrue(s.table(QualifiedName.of("a")).isPresent());
        assertTrue(s.table(QualifiedName.of("b")).isPresent(), "a skipped OWNER TO does not abort the transaction");

        SchemaLoadException e = loadFails("BEGIN;\nCREATE TABLE a (x int);\n");
        assertTrue(e.getMessage().contains("ends inside a transaction"), e.getMessage());
    }

    @Test
    void role_and_database_statements_do_not_touch_the_shared_server() throws Exception {
        CatalogSnapshot s = new SchemaLoader().load("""
                CREATE ROLE postgres;
                CREATE DATABASE should_not_exist;
                ALTER DATABASE should_not_exist SET work_mem = '64MB';
                \\connect should_not_exist
                CREATE TABLE t (x int);
                GRANT SELECT ON t TO no_such_role;
                """, "roles.sql");
        assertTrue(s.table(QualifiedName.of("t")).isPresent());
        try (Connection c = TestDatabases.embedded().connect("postgres")) {
            assertEquals(List.of("0"),
                    rows(c, "SELECT count(*) FROM pg_database WHERE datname = 'should_not_exist'"));
        }
    }

    @Test
    void load_reads_the_catalog_and_drops_its_database() throws Exception {
        EmbeddedPostgresServer server = TestDatabases.embedded();
        String count = "SELECT count(*) FROM pg_database";
        List<String> before;
        try (Connection c = server.connect("postgres")) {
            before = rows(c, count);
        }
        CatalogSnapshot s = new SchemaLoader().load(write("schema.sql", "CREATE TABLE t (id serial PRIMARY KEY);"));
        assertTrue(s.table(QualifiedName.of("t")).isPresent());
        assertTrue(s.database().startsWith("sp_"), s.database());
        try (Connection c = server.connect("postgres")) {
            assertEquals(before, rows(c, count));
        }
    }

    @Test
    void unreadable_files_are_one_clear_line() throws Exception {
        SchemaLoader loader = new SchemaLoader();
        Path missing = tmp.resolve("nope.sql");
        SchemaLoadException e = assertThrows(SchemaLoadException.class, () -> loader.load(missing));
        assertEquals(missing + ": no such file", e.getMessage());

        Path latin1 = tmp.resolve("latin1.sql");
        Files.write(latin1, "CREATE TABLE caf\u00e9 (x int);".getBytes(StandardCharsets.ISO_8859_1));
        e = assertThrows(SchemaLoadException.class, () -> loader.load(latin1));
        assertTrue(e.getMessage().endsWith("not UTF-8 text; convert it to UTF-8"), e.getMessage());

        e = assertThrows(SchemaLoadException.class,
                () -> loader.load(write("dollar.sql", "CREATE TABLE a (x int);\nSELECT $$never closed;\n")));
        assertTrue(e.getMessage().contains("cannot be read as SQL: line 2"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void an_empty_file_is_an_empty_schema() {
        CatalogSnapshot s = new SchemaLoader().load("-- nothing here\n", "empty.sql");
        assertTrue(s.tables().isEmpty());
        assertEquals(List.of("public"), s.schemas());
        assertNull(s.table(QualifiedName.of("x")).orElse(null));
    }
}
