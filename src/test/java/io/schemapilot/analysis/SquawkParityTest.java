package io.schemapilot.analysis;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gaps the squawk 2.66 parity corpus ({@code bench/parity/}) found, one test each: what PostgreSQL really does
 * (checked on a server) against what {@code check} reported.
 */
class SquawkParityTest {

    // ---- SET NOT NULL: PostgreSQL 12+ proves NOT NULL from any IS NOT NULL conjunct of a validated CHECK ----------

    @Test
    void a_validated_check_with_an_is_not_null_conjunct_lets_set_not_null_skip_its_scan() {
        // on PG 15: "existing constraints on column "u.email" are sufficient to prove that it does not contain nulls"
        allows(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_email_ok CHECK (email IS NOT NULL AND length(email) > 3) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT users_email_ok;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                """);
        allows(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (NOT (email IS NULL)) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                """);
        allows(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_ok CHECK ((a > 0) AND ("Email" IS NOT NULL) AND b NOTNULL);
                ALTER TABLE users ALTER COLUMN "Email" SET NOT NULL, ALTER COLUMN b SET NOT NULL;
                """);
    }

    @Test
    void a_check_that_does_not_prove_not_null_still_leaves_the_scan() {
        // a CHECK passes on NULL: CHECK (id > 0) proves nothing (PG 15 scans: "verifying table")
        flags(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_id_pos CHECK (id > 0) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT users_id_pos;
                ALTER TABLE users ALTER COLUMN id SET NOT NULL;
                """);
        // OR binds looser than AND: (email IS NOT NULL AND x) OR y proves nothing
        flags(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_email_or CHECK (email IS NOT NULL AND length(email) > 3 OR legacy);
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                """);
        // BETWEEN's AND is no conjunction, and the proof is for another column
        flags(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_age CHECK (age BETWEEN 0 AND 150 AND name IS NOT NULL);
                ALTER TABLE users ALTER COLUMN age SET NOT NULL;
                """);
        // never validated
        flags(Hazard.SET_NOT_NULL_FULL_SCAN, """
                ALTER TABLE users ADD CONSTRAINT users_email_ok CHECK (email IS NOT NULL AND length(email) > 3) NOT VALID;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                """);
    }

    @Test
    void the_catalog_check_is_read_as_pg_get_constraintdef_prints_it() {
        CatalogSnapshot cat = catalog().table("accounts", 5_000_000)
                .column("email", "text", "text", false)
                .constraint("accounts_email_ok", 'c', List.of("email"), true,
                        "CHECK (((email IS NOT NULL) AND (length(email) > 3)))")
                .column("nick", "text", "text", false)
                .constraint("accounts_nick_ok", 'c', List.of("nick"), false,
                        "CHECK (((nick IS NOT NULL) AND (length(nick) > 3))) NOT VALID")
                .build();
        allows(Hazard.SET_NOT_NULL_FULL_SCAN, "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;", settings(), cat);
        flags(Hazard.SET_NOT_NULL_FULL_SCAN, "ALTER TABLE accounts ALTER COLUMN nick SET NOT NULL;", settings(), cat);
    }

    @Test
    void not_null_proofs_from_check_text() {
        assertEquals(List.of("email"), NotNullProof.columns("CHECK (((email IS NOT NULL) AND (length(email) > 3)))"));
        assertEquals(List.of("a", "Mixed"), NotNullProof.columns("a IS NOT NULL AND (\"Mixed\" is not null and c > 1)"));
        assertEquals(List.of("x"), NotNullProof.columns("CHECK ((NOT (x IS NULL))) NOT VALID"));
        assertEquals(List.of(), NotNullProof.columns("(a IS NOT NULL) OR (b IS NOT NULL)"));
        assertEquals(List.of(), NotNullProof.columns("a > 0"));
        assertEquals(List.of(), NotNullProof.columns("coalesce(a, b) IS NOT NULL"));
        assertEquals(List.of(), NotNullProof.columns("'unterminated"));
    }

    // ---- "char" is the 1-byte internal type, not char(n) ---------------------------------------------------------

    @Test
    void quoted_char_is_not_a_bounded_char_column() {
        allows(Hazard.TYPE_BOUNDED_CHAR, "CREATE TABLE flags (id bigint PRIMARY KEY, kind \"char\");");
        allows(Hazard.TYPE_BOUNDED_CHAR, "CREATE TABLE flags (id bigint PRIMARY KEY, kind pg_catalog.\"char\");");
        flags(Hazard.TYPE_BOUNDED_CHAR, "CREATE TABLE flags (id bigint PRIMARY KEY, kind char);");
        flags(Hazard.TYPE_BOUNDED_CHAR, "CREATE TABLE flags (id bigint PRIMARY KEY, kind CHAR(2));");
    }

    // ---- timeouts set with set_config() --------------------------------------------------------------------------

    @Test
    void set_config_sets_the_timeouts_like_set() {
        String alter = "ALTER TABLE users ADD COLUMN nickname text;\n";
        allows(Hazard.MISSING_LOCK_TIMEOUT, "SELECT set_config('lock_timeout', '2s', false);\n" + alter);
        allows(Hazard.MISSING_STATEMENT_TIMEOUT,
                "SELECT set_config('lock_timeout', '2s', false), pg_catalog.set_config('statement_timeout', '5min',"
                        + " false);\n" + alter);
        // is_local true is SET LOCAL: gone after COMMIT
        flags(Hazard.MISSING_LOCK_TIMEOUT, "BEGIN;\nSELECT set_config('lock_timeout', '2s', true);\nCOMMIT;\n" + alter);
        allows(Hazard.MISSING_LOCK_TIMEOUT, "BEGIN;\nSELECT set_config('lock_timeout', '2s', true);\n" + alter
                + "COMMIT;\n");
        // zero in any unit disables it
        flags(Hazard.MISSING_LOCK_TIMEOUT, "SELECT set_config('lock_timeout', '0', false);\n" + alter);
        flags(Hazard.MISSING_LOCK_TIMEOUT, "SET lock_timeout = '0min';\n" + alter);
    }

    // ---- DROP CONSTRAINT of a helper added earlier in the same migration ----------------------------------------

    @Test
    void dropping_a_constraint_added_earlier_in_the_migration_is_not_a_compatibility_hazard() {
        allows(Hazard.DROP_CONSTRAINT, """
                ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                ALTER TABLE users DROP CONSTRAINT users_email_nn;
                """);
        allows(Hazard.DROP_CONSTRAINT, """
                ALTER TABLE public.measurements_2024 ADD CONSTRAINT m2024_bound
                  CHECK (at IS NOT NULL AND at >= '2024-01-01' AND at < '2025-01-01') NOT VALID;
                ALTER TABLE measurements_2024 VALIDATE CONSTRAINT m2024_bound;
                ALTER TABLE measurements ATTACH PARTITION measurements_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
                ALTER TABLE measurements_2024 DROP CONSTRAINT m2024_bound;
                """);
        // a constraint of the same name on another table, or dropped before it is added, is a pre-existing one
        flags(Hazard.DROP_CONSTRAINT, """
                ALTER TABLE orders ADD CONSTRAINT total_check CHECK (total >= 0) NOT VALID;
                ALTER TABLE invoices DROP CONSTRAINT total_check;
                """);
        flags(Hazard.DROP_CONSTRAINT, """
                ALTER TABLE orders DROP CONSTRAINT orders_user_fk;
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                """);
    }

    // ---- ALTER DOMAIN ... SET NOT NULL scans like ADD CONSTRAINT ---------------------------------------------------

    @Test
    void alter_domain_set_not_null_checks_every_column_of_the_domain() {
        // on PG 15 it holds a SHARE lock on each table using the domain during the check
        Finding f = flags(Hazard.DOMAIN_CONSTRAINT, "ALTER DOMAIN email_addr SET NOT NULL;").get(0);
        assertEquals(LockMode.SHARE, f.lock());
        assertTrue(f.message().startsWith("Setting NOT NULL on domain public.email_addr"), f.message());
        allows(Hazard.DOMAIN_CONSTRAINT, "ALTER DOMAIN email_addr DROP NOT NULL;");
        allows(Hazard.DOMAIN_CONSTRAINT, "CREATE DOMAIN email_addr AS text;\nALTER DOMAIN email_addr SET NOT NULL;");
    }

    // ---- an int foreign key to a bigint key created earlier in the file ---------------------------------------------

    @Test
    void an_int_foreign_key_to_a_bigint_key_created_in_the_file_is_flagged() {
        Finding f = flags(Hazard.TYPE_INT_KEY_OVERFLOW, """
                CREATE TABLE widgets (id bigint PRIMARY KEY);
                CREATE TABLE widget_parts (id bigint PRIMARY KEY, widget_id int REFERENCES widgets (id));
                """).get(0);
        assertTrue(f.message().contains("foreign key to the bigint public.widgets.id"), f.message());
        flags(Hazard.TYPE_INT_KEY_OVERFLOW, """
                CREATE TABLE app.widgets (id bigserial, CONSTRAINT widgets_pk PRIMARY KEY (id));
                CREATE TABLE app.widget_parts (id bigint PRIMARY KEY, widget_id integer REFERENCES app.widgets);
                """);
        flags(Hazard.TYPE_INT_KEY_OVERFLOW,
                "CREATE TABLE nodes (id bigint PRIMARY KEY, parent_id int REFERENCES nodes (id));");
        // an int foreign key to an int key, or to a key whose type is unknown, is the key's problem
        allows(Hazard.TYPE_INT_KEY_OVERFLOW, """
                CREATE TABLE kinds (id bigint PRIMARY KEY, code int UNIQUE);
                CREATE TABLE things (id bigint PRIMARY KEY, kind_code int REFERENCES kinds (code));
                """);
        allows(Hazard.TYPE_INT_KEY_OVERFLOW,
                "CREATE TABLE widget_parts (id bigint PRIMARY KEY, widget_id int REFERENCES widgets (id));");
    }

    // ---- ACCESS EXCLUSIVE statements the lock model missed (pg_locks on PostgreSQL 15) -----------------------------

    @Test
    void policies_rules_triggers_and_constraint_renames_take_access_exclusive() {
        for (String sql : List.of(
                "ALTER TABLE orders RENAME CONSTRAINT orders_total_check TO orders_total_ck;",
                "CREATE POLICY orders_tenant ON orders USING (tenant_id = current_setting('app.tenant')::bigint);",
                "ALTER POLICY orders_tenant ON public.orders USING (true);",
                "DROP POLICY IF EXISTS orders_tenant ON orders;",
                "CREATE OR REPLACE RULE orders_notify AS ON INSERT TO orders DO ALSO NOTIFY orders;",
                "DROP RULE orders_notify ON orders;",
                "DROP TRIGGER IF EXISTS orders_audit ON orders;",
                "ALTER TRIGGER orders_audit ON orders RENAME TO orders_audit_trg;")) {
            Finding f = flags(Hazard.MISSING_LOCK_TIMEOUT, sql).get(0);
            assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock(), sql);
            assertEquals("public.orders", f.object(), sql);
            allows(Hazard.MISSING_LOCK_TIMEOUT, "CREATE TABLE orders (id bigint PRIMARY KEY, tenant_id bigint,"
                    + " total bigint CONSTRAINT orders_total_check CHECK (total > 0));\n"
                    + "CREATE TRIGGER orders_audit AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION f();\n" + sql);
        }
        // attribute options take SHARE UPDATE EXCLUSIVE, which blocks no reads or writes
        allows(Hazard.MISSING_LOCK_TIMEOUT, "ALTER TABLE orders ALTER COLUMN total SET (n_distinct = 100);");
    }

    // ---- argument-less built-ins that are STABLE are fast defaults (squawk's non-volatile list) ------------------

    @Test
    void stable_built_in_defaults_do_not_rewrite() {
        // on PG 15 the relfilenode is unchanged after these (txid_current is STABLE, not VOLATILE)
        allows(Hazard.ADD_COLUMN_VOLATILE_DEFAULT, """
                ALTER TABLE orders ADD COLUMN created_xid bigint DEFAULT txid_current();
                ALTER TABLE orders ADD COLUMN created_in text DEFAULT current_database();
                ALTER TABLE orders ADD COLUMN created_by_pid integer DEFAULT pg_backend_pid();
                ALTER TABLE orders ADD COLUMN label text DEFAULT replace(version(), ' ', '_');
                """);
        flags(Hazard.ADD_COLUMN_VOLATILE_DEFAULT,
                "ALTER TABLE orders ADD COLUMN r bigint DEFAULT extract(epoch FROM clock_timestamp())::bigint;");
    }
}
