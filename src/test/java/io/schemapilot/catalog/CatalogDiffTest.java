package io.schemapilot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogDiff.Change;
import io.schemapilot.catalog.CatalogDiff.Difference;
import io.schemapilot.testing.TestDatabases;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CatalogDiffTest {

    private static final String BASE = """
            CREATE TYPE status AS ENUM ('new', 'done');
            CREATE TABLE users (
                id bigserial PRIMARY KEY,
                email varchar(20),
                nickname text,
                age int DEFAULT 0,
                state status
            );
            CREATE INDEX users_email ON users (email);
            CREATE TABLE orders (id int PRIMARY KEY, user_id bigint REFERENCES users (id));
            CREATE TABLE legacy (x int);
            CREATE VIEW emails AS SELECT email FROM users;
            """;

    private static CatalogSnapshot after(String migration) throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.withSchema(BASE); Connection c = db.connect();
             Statement st = c.createStatement()) {
            if (!migration.isBlank()) {
                st.execute(migration);
            }
            return new CatalogReader().read(c);
        }
    }

    private static String describe(List<Difference> d) {
        return d.stream().map(Difference::description).collect(Collectors.joining("\n"));
    }

    @Test
    void the_same_schema_loaded_twice_has_no_differences() throws Exception {
        CatalogSnapshot a = new SchemaLoader().load(BASE, "a.sql");
        CatalogSnapshot b = after("INSERT INTO users (email) SELECT 'x' FROM generate_series(1, 100); ANALYZE users;");
        assertTrue(CatalogDiff.same(a, b), describe(CatalogDiff.diff(a, b)));
    }

    @Test
    void lists_added_removed_and_changed_objects_with_readable_descriptions() throws Exception {
        CatalogSnapshot before = after("");
        CatalogSnapshot now = after("""
                DROP VIEW emails;
                ALTER TABLE users ALTER COLUMN email TYPE text;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                ALTER TABLE users ALTER COLUMN age SET DEFAULT 18;
                ALTER TABLE users DROP COLUMN nickname CASCADE;
                ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
                DROP INDEX users_email;
                CREATE UNIQUE INDEX users_email_key ON users (email);
                ALTER TYPE status ADD VALUE 'cancelled';
                ALTER TABLE orders DROP CONSTRAINT orders_user_id_fkey;
                ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id)
                    NOT VALID;
                DROP TABLE legacy;
                CREATE TABLE audit (at timestamptz);
                CREATE SCHEMA archive;
                """);
        List<Difference> d = CatalogDiff.diff(before, now);
        String text = describe(d);
        for (String expected : List.of(
                "schema archive added",
                "view public.emails removed",
                "table public.legacy removed",
                "table public.audit added",
                "column public.users.nickname (text) removed",
                "column public.users.created_at (timestamp with time zone NOT NULL) added",
                "column public.users.email: type changed from character varying(20) to text, became NOT NULL",
                "column public.users.age: default changed from 0 to 18",
                "index users_email on public.users removed: CREATE INDEX users_email ON public.users USING btree "
                        + "(email)",
                "index users_email_key on public.users added: CREATE UNIQUE INDEX users_email_key ON public.users "
                        + "USING btree (email)",
                "constraint orders_user_id_fkey on public.orders: became NOT VALID",
                "enum public.status: labels added [cancelled] ([new, done] -> [new, done, cancelled])")) {
            assertTrue(text.lines().anyMatch(expected::equals), "missing: " + expected + "\nin:\n" + text);
        }
        Difference removed = d.stream().filter(x -> x.object().equals("public.legacy")).findFirst().orElseThrow();
        assertEquals(Change.REMOVED, removed.change());
        assertEquals("table", removed.objectType());
        assertEquals("view", d.stream().filter(x -> x.object().equals("public.emails")).findFirst().orElseThrow()
                .objectType());
    }

    @Test
    void a_column_dropped_and_added_back_is_a_changed_column_order() throws Exception {
        CatalogSnapshot before = after("");
        CatalogSnapshot now = after("ALTER TABLE users DROP COLUMN age; ALTER TABLE users ADD COLUMN age int DEFAULT 0;");
        List<Difference> d = CatalogDiff.diff(before, now);
        assertEquals(1, d.size(), describe(d));
        assertEquals("table public.users: column order changed from (id, email, nickname, age, state) to "
                + "(id, email, nickname, state, age)", d.get(0).description());
    }

    @Test
    void triggers_sequences_and_validation_changes_are_seen() throws Exception {
        CatalogSnapshot before = after("ALTER TABLE orders ADD CONSTRAINT positive CHECK (id > 0) NOT VALID;");
        CatalogSnapshot now = after("""
                ALTER TABLE orders ADD CONSTRAINT positive CHECK (id > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT positive;
                CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
                CREATE TRIGGER orders_f BEFORE INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();
                CREATE SEQUENCE invoice_no;
                DROP VIEW emails;
                ALTER TABLE users ALTER COLUMN state TYPE text;
                """);
        String text = describe(CatalogDiff.diff(before, now));
        assertTrue(text.contains("constraint positive on public.orders: became validated"), text);
        assertTrue(text.contains("trigger orders_f on public.orders added"), text);
        assertTrue(text.contains("sequence public.invoice_no added"), text);
        assertTrue(text.contains("column public.users.state: type changed from status to text"), text);
    }
}
