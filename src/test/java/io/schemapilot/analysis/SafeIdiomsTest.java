package io.schemapilot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine's promise: the safe idioms of HAZARDS.md — each migration below is how the docs say to do it — get
 * no finding of risk high or critical, with every rule (hygiene included) running.
 */
class SafeIdiomsTest {

    private static void assertSafe(String sql) {
        assertSafe(sql, RuleTesting.settings(), null);
    }

    private static void assertSafe(String sql, AnalysisSettings settings, CatalogSnapshot catalog) {
        List<Finding> severe = RuleTesting.run(sql, settings, catalog).stream()
                .filter(f -> f.risk().atLeast(Risk.HIGH)).toList();
        assertEquals("", severe.stream()
                .map(f -> f.hazard() + " (" + f.risk().id() + ") at statement " + f.statement() + ": " + f.message())
                .collect(Collectors.joining("\n")), "a safe idiom got high or critical findings");
    }

    private static AnalysisSettings pg(String version) {
        return RuleTesting.settings().withPgVersion(PgVersion.parse(version));
    }

    @Test
    void create_index_concurrently_outside_a_transaction() {
        assertSafe("""
                SET lock_timeout = '2s';
                DROP INDEX CONCURRENTLY IF EXISTS orders_created_at_idx;
                CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at);
                """);
    }

    @Test
    void not_valid_then_validate_in_separate_transactions() {
        assertSafe("""
                SET lock_timeout = '2s';
                BEGIN;
                ALTER TABLE orders ADD CONSTRAINT orders_customer_fk
                    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
                COMMIT;
                BEGIN;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk;
                COMMIT;
                ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total_cents >= 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;
                """);
    }

    @Test
    void check_then_set_not_null_on_postgresql_12() {
        assertSafe("""
                SET lock_timeout = '2s';
                ALTER TABLE orders ADD CONSTRAINT orders_customer_id_not_null
                    CHECK (customer_id IS NOT NULL) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_not_null;
                ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
                ALTER TABLE orders DROP CONSTRAINT orders_customer_id_not_null;
                """, pg("12"), null);
    }

    @Test
    void constant_and_now_defaults_on_postgresql_11() {
        assertSafe("""
                SET lock_timeout = '2s';
                ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
                ALTER TABLE orders ADD COLUMN priority integer DEFAULT 0;
                ALTER TABLE orders ADD COLUMN imported_at timestamptz DEFAULT now();
                ALTER TABLE orders ADD COLUMN synced_at timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP;
                ALTER TABLE orders ADD COLUMN labels text[] DEFAULT ARRAY[]::text[];
                """, pg("11"), null);
    }

    @Test
    void a_whole_new_table_with_indexes_foreign_keys_and_seed_data() {
        assertSafe("""
                SET lock_timeout = '2s';
                BEGIN;
                CREATE TABLE shipments (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    order_id bigint NOT NULL REFERENCES orders (id),
                    carrier text NOT NULL,
                    tracking_code text UNIQUE,
                    shipped_at timestamptz
                );
                CREATE INDEX shipments_order_id_idx ON shipments (order_id);
                CREATE UNIQUE INDEX shipments_carrier_tracking_idx ON shipments (carrier, tracking_code);
                ALTER TABLE shipments ADD CONSTRAINT shipments_carrier_not_blank CHECK (carrier <> '');
                ALTER TABLE shipments ADD COLUMN delivered_at timestamptz;
                ALTER TABLE shipments ALTER COLUMN carrier SET DEFAULT 'dhl';
                ALTER TABLE shipments ALTER COLUMN shipped_at SET NOT NULL;
                INSERT INTO shipments (order_id, carrier, shipped_at) VALUES (1, 'dhl', now()), (2, 'ups', now());
                COMMIT;
                """);
    }

    @Test
    void truncate_of_a_table_created_in_the_same_file() {
        assertSafe("""
                SET lock_timeout = '2s';
                CREATE TABLE import_staging (id bigint PRIMARY KEY, payload jsonb NOT NULL);
                INSERT INTO import_staging (id, payload) VALUES (1, '{}');
                TRUNCATE import_staging;
                """);
    }

    @Test
    void unique_index_concurrently_then_constraint_using_index() {
        assertSafe("""
                SET lock_timeout = '2s';
                DROP INDEX CONCURRENTLY IF EXISTS customers_email_key_idx;
                CREATE UNIQUE INDEX CONCURRENTLY customers_email_key_idx ON customers (email);
                ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_key_idx;
                """);
    }

    @Test
    void binary_coercible_type_changes_the_catalog_confirms() {
        CatalogSnapshot catalog = RuleTesting.catalog()
                .table("customers", 2_000_000)
                .column("id", "bigint", "int8", true)
                .column("email", "character varying(50)", "varchar", 54, false)
                .column("nickname", "character varying(30)", "varchar", 34, false)
                .build();
        assertSafe("""
                SET lock_timeout = '2s';
                ALTER TABLE customers ALTER COLUMN email TYPE varchar(100);
                ALTER TABLE customers ALTER COLUMN nickname TYPE text;
                """, RuleTesting.settings(), catalog);
    }
}
