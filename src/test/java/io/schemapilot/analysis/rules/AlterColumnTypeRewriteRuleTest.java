package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlterColumnTypeRewriteRuleTest {
    private static final Hazard H = Hazard.ALTER_COLUMN_TYPE_REWRITE;

    /** numeric(p,s) as atttypmod */
    private static int numeric(int p, int s) {
        return ((p << 16) | s) + 4;
    }

    private static CatalogSnapshot users() {
        return catalog().table("users", 2_000_000)
                .column("id", "integer", "int4", true)
                .column("email", "character varying(50)", "varchar", 54, false)
                .column("balance", "numeric(10,2)", "numeric", numeric(10, 2), false)
                .column("created_at", "timestamp without time zone", "timestamp", false)
                .column("profile", "json", "json", false)
                .constraint("users_pkey", 'p', List.of("id"), true, "PRIMARY KEY (id)")
                .build();
    }

    @Test
    void flags_int_to_bigint_with_the_old_type_from_the_catalog() {
        Finding f = flags(H, "ALTER TABLE users ALTER COLUMN id TYPE bigint;", settings(), users()).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.users", f.object());
        assertTrue(f.rewrite());
        assertTrue(f.message().contains("from integer (per the catalog) to bigint"), f.message());
        assertTrue(f.help().contains("PRIMARY KEY USING INDEX"), f.help());
        allows(Hazard.ALTER_COLUMN_TYPE_LOSSY, "ALTER TABLE users ALTER COLUMN id TYPE bigint;", settings(), users());
    }

    @Test
    void flags_json_to_jsonb_and_a_numeric_scale_change() {
        flags(H, "ALTER TABLE users ALTER COLUMN profile TYPE jsonb;", settings(), users());
        Finding f = flags(H, "ALTER TABLE users ALTER COLUMN balance TYPE numeric(12,4);", settings(), users()).get(0);
        assertTrue(f.message().contains("numeric(10,2)"), f.message());
    }

    @Test
    void flags_without_catalog_stating_the_assumption_and_the_safe_case() {
        Finding f = flags(H, "ALTER TABLE users ALTER COLUMN bio TYPE text;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.rewrite());
        assertTrue(f.message().contains("unknown (no catalog)"), f.message());
        assertTrue(f.message().contains("only if the column is varchar or text now"), f.message());
        assertTrue(f.help().contains("--schema"), f.help());
    }

    @Test
    void flags_a_column_the_catalog_does_not_know() {
        Finding f = flags(H, "ALTER TABLE users ALTER COLUMN nickname TYPE bigint;", settings(), users()).get(0);
        assertTrue(f.message().contains("is not in the catalog"), f.message());
    }

    @Test
    void flags_timestamp_to_timestamptz_outside_utc_or_before_pg12() {
        CatalogSnapshot berlin = catalog().setting("TimeZone", "Europe/Berlin").table("users", 2_000_000)
                .column("created_at", "timestamp without time zone", "timestamp", false).build();
        String sql = "ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;";
        Finding f = flags(H, sql, settings(), berlin).get(0);
        assertTrue(f.message().contains("TimeZone = UTC"), f.message());
        flags(H, sql, settings().withPgVersion(PgVersion.parse("11")), users());
    }

    @Test
    void flags_a_using_expression_that_recomputes_values() {
        flags(H, "ALTER TABLE users ALTER COLUMN email TYPE varchar(100) USING lower(email);", settings(), users());
    }

    @Test
    void allows_varchar_widening_with_the_catalog() {
        allows(H, "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);", settings(), users());
        allows(H, "ALTER TABLE users ALTER COLUMN email TYPE text;", settings(), users());
        allows(H, "ALTER TABLE users ALTER COLUMN email TYPE character varying USING email::varchar;", settings(),
                users());
    }

    @Test
    void allows_timestamp_to_timestamptz_with_utc_on_pg16() {
        // RuleTesting's catalog has TimeZone = UTC; the default version is 16
        allows(H, "ALTER TABLE users ALTER COLUMN created_at TYPE timestamp with time zone;", settings(), users());
    }

    @Test
    void allows_timestamp_to_timestamptz_after_set_timezone_utc_in_the_file() {
        CatalogSnapshot berlin = catalog().setting("TimeZone", "Europe/Berlin").table("users", 2_000_000)
                .column("created_at", "timestamp without time zone", "timestamp", false).build();
        allows(H, """
                SET timezone = 'UTC';
                ALTER TABLE users ALTER COLUMN created_at TYPE timestamptz;
                """, settings(), berlin);
    }

    @Test
    void allows_numeric_precision_increase_at_the_same_scale() {
        allows(H, "ALTER TABLE users ALTER COLUMN balance TYPE numeric(12,2);", settings(), users());
        allows(H, "ALTER TABLE users ALTER COLUMN balance TYPE numeric;", settings(), users());
    }

    @Test
    void allows_a_safe_change_when_the_old_type_comes_from_this_migration() {
        allows(H, """
                ALTER TABLE orders ADD COLUMN coupon_code varchar(50);
                ALTER TABLE orders ALTER COLUMN coupon_code TYPE varchar(100);
                ALTER TABLE orders ALTER COLUMN coupon_code TYPE text;
                """);
    }

    @Test
    void allows_lossy_changes_which_are_reported_as_alter_column_type_lossy() {
        allows(H, "ALTER TABLE users ALTER COLUMN email TYPE varchar(20);", settings(), users());
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE payments (id integer PRIMARY KEY, amount numeric(10,2));
                ALTER TABLE payments ALTER COLUMN id TYPE bigint;
                """);
    }

    @Test
    void type_changes_decode_catalog_typmods() {
        var varchar = TypeChanges.fromCatalog(new CatalogSnapshot.Column("c", "character varying(50)", "varchar", 54,
                false, null, ' ', ' '));
        assertEquals("varchar(50)", varchar.sql());
        var num = TypeChanges.fromCatalog(new CatalogSnapshot.Column("c", "numeric(10,2)", "numeric", numeric(10, 2),
                false, null, ' ', ' '));
        assertEquals("numeric(10,2)", num.sql());
        assertEquals("integer[]", TypeChanges.fromCatalog(new CatalogSnapshot.Column("c", "integer[]", "_int4", -1,
                false, null, ' ', ' ')).sql());
        assertEquals("varchar(20)", TypeChanges.fromFormatType("character varying(20)").sql());
        assertEquals("timestamptz(3)", TypeChanges.fromFormatType("timestamp(3) with time zone").sql());
    }
}
