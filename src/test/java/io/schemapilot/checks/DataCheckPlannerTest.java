package io.schemapilot.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.checks.PlannedCheck.Cast;
import io.schemapilot.checks.PlannedCheck.Duplicates;
import io.schemapilot.checks.PlannedCheck.EstimateKind;
import io.schemapilot.checks.PlannedCheck.Evaluate;
import io.schemapilot.checks.PlannedCheck.Key;
import io.schemapilot.checks.PlannedCheck.Kind;
import io.schemapilot.checks.PlannedCheck.Orphans;
import io.schemapilot.checks.PlannedCheck.Rows;
import io.schemapilot.checks.PlannedCheck.Unavailable;
import io.schemapilot.sql.QualifiedName;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataCheckPlannerTest {

    private static final CatalogSnapshot SHOP = TestCatalog.shop();

    private static List<PlannedCheck> plan(String sql) {
        return DataCheckPlanner.plan(sql, SHOP);
    }

    private static PlannedCheck only(String sql) {
        List<PlannedCheck> p = plan(sql);
        assertEquals(1, p.size(), p.toString());
        return p.get(0);
    }

    private static PlannedCheck byId(List<PlannedCheck> plan, String id) {
        return plan.stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + id + " in " + plan.stream().map(PlannedCheck::id).toList()));
    }

    @Test
    void plans_a_check_for_each_data_dependent_statement() {
        List<PlannedCheck> p = plan(DataCheckRunnerTest.MIGRATION);
        assertEquals(List.of("nulls-orders-status", "duplicates-users-email", "orphans-orders-user_id",
                "cast-orders-amount", "check-orders-positive_total", "enum-orders-status", "enum-orders-tags",
                "data-loss-orders-legacy"), p.stream().map(PlannedCheck::id).toList(),
                "the shop catalog also has orders.tags, an array of order_status");
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 6, 7), p.stream().map(PlannedCheck::statement).toList());

        PlannedCheck nulls = p.get(0);
        assertEquals(Kind.NULLS, nulls.kind());
        assertEquals("public.orders.status", nulls.object());
        assertEquals(new QualifiedName("public", "orders"), nulls.table());
        assertEquals(new Rows("\"status\" IS NULL", PlannedCheck.Estimate.nulls("status")), nulls.probe());
        assertEquals(List.of("id"), nulls.sampleKeys());

        Duplicates dups = assertInstanceOf(Duplicates.class, p.get(1).probe());
        assertEquals(List.of(new Key("\"email\"", "email")), dups.keys());
        assertEquals(List.of("email"), p.get(1).sampleKeys());

        Orphans orphans = assertInstanceOf(Orphans.class, p.get(2).probe());
        assertEquals(new Orphans(List.of("user_id"), new QualifiedName("public", "users"), List.of("id")), orphans);
        assertEquals(List.of("id", "user_id"), p.get(2).sampleKeys());

        Cast cast = assertInstanceOf(Cast.class, p.get(3).probe());
        assertTrue(cast.pg16Condition().contains("pg_input_is_valid(\"amount\"::text, 'integer')"));
        assertTrue(cast.condition().contains("!~"), "a portable probe for servers before 16");
        assertEquals(List.of("id", "amount"), p.get(3).sampleKeys());

        assertEquals("NOT (total > 0)", ((Rows) p.get(4).probe()).condition());
        assertEquals("public.orders", p.get(4).object());
        assertEquals("\"status\"::text = 'pending'", ((Rows) p.get(5).probe()).condition());
        assertEquals(new Rows("\"legacy\" IS NOT NULL", PlannedCheck.Estimate.nonNulls("legacy")), p.get(7).probe());
        assertEquals(Kind.DATA_LOSS, p.get(7).kind());
    }

    @Test
    void skips_objects_created_earlier_in_the_same_migration() {
        List<PlannedCheck> p = plan("""
                CREATE TABLE coupons (id bigint PRIMARY KEY, code text);
                ALTER TABLE coupons ALTER COLUMN code SET NOT NULL;
                CREATE UNIQUE INDEX coupons_code ON coupons (code);
                INSERT INTO coupons VALUES (1, 'a');
                ALTER TABLE orders ADD COLUMN discount int;
                ALTER TABLE orders ALTER COLUMN discount SET NOT NULL;
                ALTER TABLE orders ADD COLUMN coupon_id bigint REFERENCES coupons (id);
                ALTER TABLE orders ADD CONSTRAINT orders_coupon_fk FOREIGN KEY (user_id) REFERENCES coupons (id);
                DROP TABLE coupons;
                """);
        assertEquals(1, p.size(), p.toString());
        PlannedCheck fk = p.get(0);
        assertEquals(Kind.ORPHANS, fk.kind());
        Unavailable u = assertInstanceOf(Unavailable.class, fk.probe());
        assertTrue(u.reason().contains("created in this migration"), u.reason());
    }

    @Test
    void adding_a_not_null_column_without_default_counts_the_rows() {
        PlannedCheck c = only("ALTER TABLE orders ADD COLUMN region text NOT NULL;");
        assertEquals("nulls-orders-region", c.id());
        assertEquals(new Rows(null, PlannedCheck.Estimate.ROWS), c.probe());
        assertTrue(c.note().contains("every existing row would hold NULL"), c.note());

        assertTrue(plan("ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu';").isEmpty());
        assertTrue(plan("ALTER TABLE orders ADD COLUMN n bigint GENERATED ALWAYS AS IDENTITY NOT NULL;").isEmpty());
        assertTrue(plan("ALTER TABLE orders ADD COLUMN n bigserial NOT NULL;").isEmpty());
        assertTrue(plan("ALTER TABLE orders ADD COLUMN note text;").isEmpty());
    }

    @Test
    void renames_are_followed_back_to_the_names_the_database_has_today() {
        PlannedCheck c = only("""
                ALTER TABLE orders RENAME TO purchases;
                ALTER TABLE purchases RENAME COLUMN status TO state;
                ALTER TABLE purchases ALTER COLUMN state SET NOT NULL;
                """);
        assertEquals(new QualifiedName("public", "orders"), c.table());
        assertEquals("\"status\" IS NULL", ((Rows) c.probe()).condition());
        assertEquals(3, c.statement());
    }

    @Test
    void a_not_valid_constraint_is_checked_where_it_is_validated() {
        List<PlannedCheck> p = plan("""
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                ALTER TABLE orders ADD CONSTRAINT total_ok CHECK (total >= 0) NOT VALID;
                COMMIT;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk2;
                """);
        assertEquals(2, p.size(), p.toString());
        PlannedCheck check = byId(p, "check-orders-total_ok");
        assertEquals(2, check.statement());
        assertTrue(check.note().contains("NOT VALID"), check.note());
        PlannedCheck fk = byId(p, "orphans-orders-user_id");
        assertEquals(4, fk.statement());
        assertFalse(fk.note().contains("NOT VALID"), fk.note());
    }

    @Test
    void validating_a_constraint_of_the_database_uses_its_definition() {
        List<PlannedCheck> p = plan("""
                ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
                ALTER TABLE orders VALIDATE CONSTRAINT positive_total;
                ALTER TABLE orders VALIDATE CONSTRAINT qty_not_null;
                """);
        assertEquals(List.of("orphans-orders-user_id", "check-orders-positive_total"),
                p.stream().map(PlannedCheck::id).toList());
        assertEquals(new Orphans(List.of("user_id"), new QualifiedName("public", "users"), List.of("id")),
                p.get(0).probe());
        assertEquals("NOT ((total > (0)::numeric))", ((Rows) p.get(1).probe()).condition());
    }

    @Test
    void not_null_already_guaranteed_needs_no_check() {
        assertTrue(plan("ALTER TABLE orders ALTER COLUMN ref SET NOT NULL;").isEmpty(), "already NOT NULL");
        assertTrue(plan("ALTER TABLE orders ALTER COLUMN qty SET NOT NULL;").isEmpty(), "a valid CHECK IS NOT NULL");
        PlannedCheck c = only("ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;");
        assertEquals("nulls-orders-status", c.id());
    }

    @Test
    void the_recipe_for_not_null_is_checked_once() {
        List<PlannedCheck> p = plan("""
                ALTER TABLE orders ADD CONSTRAINT status_nn CHECK (status IS NOT NULL) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT status_nn;
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                ALTER TABLE orders DROP CONSTRAINT status_nn;
                """);
        assertEquals(1, p.size(), p.toString());
        assertEquals(2, p.get(0).statement(), "at the VALIDATE, where it would fail");
    }

    @Test
    void a_primary_key_checks_duplicates_and_nulls() {
        List<PlannedCheck> p = plan("ALTER TABLE orders ADD PRIMARY KEY (code, qty);");
        assertEquals(List.of("duplicates-orders-code-qty", "nulls-orders-code"),
                p.stream().map(PlannedCheck::id).toList(), "qty has a valid CHECK (qty IS NOT NULL)");
        assertEquals("public.orders (code, qty)", p.get(0).object());
    }

    @Test
    void a_primary_key_using_a_new_index_checks_the_nulls_of_its_columns() {
        List<PlannedCheck> p = plan("""
                CREATE UNIQUE INDEX CONCURRENTLY orders_code_idx ON orders (code);
                ALTER TABLE orders ADD CONSTRAINT orders_code_pk PRIMARY KEY USING INDEX orders_code_idx;
                """);
        assertEquals(List.of("duplicates-orders-code", "nulls-orders-code"), p.stream().map(PlannedCheck::id).toList());
        assertEquals(List.of(1, 2), p.stream().map(PlannedCheck::statement).toList());
    }

    @Test
    void unique_indexes_with_expressions_and_predicates() {
        PlannedCheck c = only("CREATE UNIQUE INDEX CONCURRENTLY users_email_lower ON users (lower(email) "
                + "text_pattern_ops) WHERE deleted_at IS NULL;");
        Duplicates d = assertInstanceOf(Duplicates.class, c.probe());
        assertEquals(List.of(new Key("(lower(email))", "lower(email)")), d.keys());
        assertEquals("deleted_at IS NULL", d.where());
        assertEquals("duplicates-users-lower_email", c.id());

        PlannedCheck two = only("CREATE UNIQUE INDEX ON orders (user_id, \"code\" DESC NULLS LAST);");
        assertEquals(List.of(new Key("\"user_id\"", "user_id"), new Key("\"code\"", "code")),
                ((Duplicates) two.probe()).keys());
        assertTrue(plan("CREATE INDEX ON orders (user_id);").isEmpty(), "not unique");
        assertTrue(plan("ALTER TABLE users ADD CONSTRAINT u UNIQUE (password_hash);").isEmpty(),
                "a valid unique index on the same column exists");
    }

    @Test
    void type_changes_get_the_probe_that_fits_the_old_and_new_types() {
        assertTrue(plan("ALTER TABLE orders ALTER COLUMN code TYPE varchar(50);").isEmpty(), "widening");
        assertTrue(plan("ALTER TABLE orders ALTER COLUMN code TYPE text;").isEmpty());
        assertTrue(plan("ALTER TABLE orders ALTER COLUMN qty TYPE bigint;").isEmpty());
        assertTrue(plan("ALTER TABLE orders ALTER COLUMN placed_at TYPE timestamptz;").isEmpty());

        Cast narrow = (Cast) only("ALTER TABLE orders ALTER COLUMN code TYPE varchar(3);").probe();
        assertEquals("char_length(rtrim(\"code\"::text, ' ')) > 3", narrow.condition());
        assertNull(narrow.pg16Condition(), "the length test is exact everywhere");

        Cast range = (Cast) only("ALTER TABLE orders ALTER COLUMN total TYPE integer;").probe();
        assertEquals("round(\"total\") NOT BETWEEN -2147483648 AND 2147483647", range.condition());

        Cast small = (Cast) only("ALTER TABLE orders ALTER COLUMN qty TYPE smallint;").probe();
        assertEquals("\"qty\" NOT BETWEEN -32768 AND 32767", small.condition());

        Cast date = (Cast) only("ALTER TABLE orders ALTER COLUMN amount TYPE date USING amount::date;").probe();
        assertNull(date.condition(), "no portable probe for dates");
        assertEquals("\"amount\"::date", date.evaluate());
        assertTrue(date.pg16Condition().contains("pg_input_is_valid(\"amount\"::text, 'date')"));

        Evaluate using = (Evaluate) only("ALTER TABLE orders ALTER COLUMN amount TYPE integer "
                + "USING nullif(amount, '')::integer;").probe();
        assertEquals("(nullif(amount, '')::integer)::integer", using.expression());

        Cast viaText = (Cast) only("ALTER TABLE orders ALTER COLUMN total TYPE integer USING total::text::integer;")
                .probe();
        assertTrue(viaText.pg16Condition().contains("pg_input_is_valid(\"total\"::text::text, 'integer')"),
                viaText.pg16Condition());
    }

    @Test
    void an_enum_swap_counts_rows_whose_label_disappears() {
        List<PlannedCheck> p = plan("""
                CREATE TYPE order_status_v2 AS ENUM ('new', 'paid', 'shipped');
                ALTER TABLE orders ALTER COLUMN status TYPE order_status_v2 USING status::text::order_status_v2;
                """);
        assertEquals(1, p.size());
        PlannedCheck c = p.get(0);
        assertEquals("enum-orders-status", c.id());
        assertEquals(Kind.ENUM, c.kind());
        Rows r = (Rows) c.probe();
        assertEquals("\"status\"::text::text NOT IN ('new', 'paid', 'shipped')", r.condition());
        assertEquals(EstimateKind.VALUES_NOT_IN, r.estimate().kind());
    }

    @Test
    void renaming_an_enum_label_counts_the_rows_that_hold_it_in_every_column_of_the_type() {
        List<PlannedCheck> p = plan("ALTER TYPE order_status RENAME VALUE 'pending' TO 'awaiting';");
        assertEquals(List.of("enum-orders-status", "enum-orders-tags"), p.stream().map(PlannedCheck::id).toList());
        assertEquals("'pending' = ANY (\"tags\"::text[])", ((Rows) p.get(1).probe()).condition());
        assertTrue(plan("""
                CREATE TYPE mood AS ENUM ('ok', 'sad');
                ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
                """).isEmpty(), "a type created in this migration has no rows yet");
    }

    @Test
    void destructive_statements_measure_the_data_they_would_destroy() {
        List<PlannedCheck> p = plan("""
                DROP TABLE IF EXISTS ghosts;
                DROP VIEW recent_orders;
                DROP TABLE recent_orders;
                TRUNCATE orders CASCADE;
                DELETE FROM users;
                DELETE FROM users WHERE deleted_at < now() - interval '1 year' RETURNING id;
                DELETE FROM orders AS o USING users u WHERE o.user_id = u.id AND u.deleted_at IS NOT NULL;
                ALTER TABLE sessions DROP COLUMN IF EXISTS nothing_here;
                DROP TABLE sessions;
                """);
        assertEquals(List.of("data-loss-orders", "data-loss-order_items", "data-loss-users", "data-loss-users-2",
                "data-loss-orders-2", "data-loss-sessions"), p.stream().map(PlannedCheck::id).toList());
        assertTrue(p.get(1).note().contains("CASCADE"), p.get(1).note());
        assertEquals(new Rows(null, PlannedCheck.Estimate.ROWS), p.get(2).probe());
        assertEquals("deleted_at < now() - interval '1 year'", ((Rows) p.get(3).probe()).condition());
        Rows using = (Rows) p.get(4).probe();
        assertEquals("\"public\".\"orders\" AS \"o\"", using.from());
        assertEquals("EXISTS (SELECT 1 FROM users u WHERE o.user_id = u.id AND u.deleted_at IS NOT NULL)",
                using.condition());
        p.forEach(c -> assertFalse(c.advisory(), c.id()));
    }

    @Test
    void a_backfill_earlier_in_the_migration_makes_the_count_advisory() {
        List<PlannedCheck> p = plan("""
                UPDATE orders SET status = 'new' WHERE status IS NULL;
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk3 FOREIGN KEY (user_id) REFERENCES users (id);
                """);
        assertTrue(byId(p, "nulls-orders-status").advisory());
        assertTrue(byId(p, "nulls-orders-status").note().contains("statement 1"));
        assertFalse(byId(p, "orphans-orders-user_id").advisory(), "the UPDATE does not touch user_id");
    }

    @Test
    void secret_looking_columns_never_become_sample_keys() {
        PlannedCheck c = only("ALTER TABLE sessions ALTER COLUMN note SET NOT NULL;");
        assertEquals(List.of("ctid"), c.sampleKeys(), "the primary key 'token' looks secret");
        PlannedCheck cast = only("ALTER TABLE users ALTER COLUMN api_token TYPE int;");
        assertEquals(List.of("id"), cast.sampleKeys());
        PlannedCheck dup = only("CREATE UNIQUE INDEX ON users (api_token);");
        assertTrue(dup.sampleKeys().isEmpty());
        assertTrue(((Duplicates) dup.probe()).keys().get(0).secret());
    }

    @Test
    void without_a_catalog_the_plan_still_stands_on_the_sql() {
        List<PlannedCheck> p = DataCheckPlanner.plan("""
                ALTER TABLE orders ALTER COLUMN status SET NOT NULL;
                ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users;
                ALTER TABLE orders ADD FOREIGN KEY (user_id) REFERENCES users (id);
                ALTER TYPE order_status RENAME VALUE 'pending' TO 'awaiting';
                ALTER TABLE orders ALTER COLUMN amount TYPE integer;
                """, null);
        PlannedCheck nulls = p.get(0);
        assertEquals(new QualifiedName(null, "orders"), nulls.table(), "resolved along search_path at run time");
        assertEquals("public.orders.status", nulls.object());
        assertEquals(List.of("ctid"), nulls.sampleKeys());
        assertInstanceOf(Unavailable.class, p.get(1).probe(), "the referenced key is unknown");
        assertInstanceOf(Orphans.class, p.get(2).probe());
        assertEquals("orphans-orders-user_id-2", p.get(2).id());
        assertInstanceOf(Unavailable.class, p.get(3).probe());
        Cast cast = (Cast) p.get(4).probe();
        assertTrue(cast.pg16Note().contains("without the catalog"), cast.pg16Note());
    }

    @Test
    void a_table_missing_from_the_database_gives_an_unavailable_check() {
        PlannedCheck c = only("ALTER TABLE nowhere ALTER COLUMN x SET NOT NULL;");
        Unavailable u = assertInstanceOf(Unavailable.class, c.probe());
        assertEquals("public.nowhere is not in the database", u.reason());
    }

    @Test
    void user_expressions_must_stay_inside_their_parentheses() {
        assertEquals("total > 0", Sql.expression("total > 0"));
        assertEquals("a > 0 AND b IN (1, 2)", Sql.expression("a > 0 -- why\n AND b IN (1,2)"));
        assertEquals("lower(x) = 'a;b'", Sql.expression("lower(x) = 'a;b'"));
        assertNull(Sql.expression("x > 0) OR (true"));
        assertNull(Sql.expression("x > 0; DROP TABLE orders"));
        assertNull(Sql.expression("(x > 0"));
        assertNull(Sql.expression("x = 'unterminated"));
        assertNull(Sql.expression("  "));
        assertEquals("\"a\"\"b\"", Sql.ident("a\"b"));
        assertEquals("'it''s'", Sql.literal("it's"));
        assertEquals("E'a\\\\b'", Sql.literal("a\\b"));
    }

    @Test
    void using_expressions_that_only_cast_the_column_are_recognised() {
        assertEquals("plain", CastProbes.usingForm("amount::integer", "amount"));
        assertEquals("plain", CastProbes.usingForm("(\"amount\")::int4", "amount"));
        assertEquals("plain", CastProbes.usingForm("CAST(amount AS integer)", "amount"));
        assertEquals("plain", CastProbes.usingForm("amount", "amount"));
        assertEquals("text", CastProbes.usingForm("amount::text::numeric(10,2)", "amount"));
        assertNull(CastProbes.usingForm("amount::numeric::integer", "amount"));
        assertNull(CastProbes.usingForm("other::integer", "amount"));
        assertNull(CastProbes.usingForm("nullif(amount, '')::integer", "amount"));
    }

    @Test
    void secret_names() {
        for (String s : List.of("password", "password_hash", "passwd", "api_key", "apiKey", "secret", "client_secret",
                "auth_token", "ssn", "credit_card_number", "card_cvv", "salt", "pin", "otp_seed", "iban")) {
            assertTrue(Secrets.looksSecret(s), s);
        }
        for (String s : List.of("id", "email", "user_id", "status", "shipping_address", "author_id", "classname",
                "footprint", "keyword")) {
            assertFalse(Secrets.looksSecret(s), s);
        }
    }
}
