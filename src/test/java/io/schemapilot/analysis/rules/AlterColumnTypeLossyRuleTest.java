package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AlterColumnTypeLossyRuleTest {
    private static final Hazard H = Hazard.ALTER_COLUMN_TYPE_LOSSY;

    private static int numeric(int p, int s) {
        return ((p << 16) | s) + 4;
    }

    private static CatalogSnapshot customers() {
        return catalog().table("customers", 800_000)
                .column("id", "bigint", "int8", true)
                .column("referral_code", "character varying(100)", "varchar", 104, false)
                .column("legacy_id", "text", "text", false)
                .column("credit", "numeric(10,2)", "numeric", numeric(10, 2), false)
                .column("rate", "numeric(12,4)", "numeric", numeric(12, 4), false)
                .column("last_seen", "timestamp with time zone", "timestamptz", false)
                .build();
    }

    @Test
    void flags_varchar_shrink_with_the_catalog_and_offers_a_check_instead() {
        Finding f = flags(H, "ALTER TABLE customers ALTER COLUMN referral_code TYPE varchar(50);", settings(),
                customers()).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.customers", f.object());
        assertTrue(f.rewrite());
        assertTrue(f.message().contains("from varchar(100) (per the catalog) to varchar(50)"), f.message());
        assertTrue(f.fix().contains("CHECK (char_length(referral_code) <= 50) NOT VALID"), f.fix());
        allows(Hazard.ALTER_COLUMN_TYPE_REWRITE, "ALTER TABLE customers ALTER COLUMN referral_code TYPE varchar(50);",
                settings(), customers());
    }

    @Test
    void flags_numeric_scale_increase_at_fixed_precision() {
        Finding f = flags(H, "ALTER TABLE customers ALTER COLUMN credit TYPE numeric(10,4);", settings(),
                customers()).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("integer digits"), f.message());
    }

    @Test
    void flags_text_to_integer_with_or_without_using() {
        flags(H, "ALTER TABLE customers ALTER COLUMN legacy_id TYPE integer USING legacy_id::integer;", settings(),
                customers());
        Finding f = flags(H, "ALTER TABLE customers ALTER COLUMN legacy_id TYPE integer;", settings(), customers())
                .get(0);
        assertNull(f.fix());
        flags(H, "ALTER TABLE customers ALTER COLUMN id TYPE integer;", settings(), customers());
    }

    @Test
    void flags_silent_value_changes_as_critical() {
        assertEquals(Risk.CRITICAL, flags(H, "ALTER TABLE customers ALTER COLUMN rate TYPE numeric(12,2);", settings(),
                customers()).get(0).risk());
        assertEquals(Risk.CRITICAL, flags(H, "ALTER TABLE customers ALTER COLUMN last_seen TYPE date;", settings(),
                customers()).get(0).risk());
        Finding cut = flags(H, "ALTER TABLE customers ALTER COLUMN legacy_id TYPE varchar(20) "
                + "USING legacy_id::varchar(20);", settings(), customers()).get(0);
        assertEquals(Risk.CRITICAL, cut.risk());
        assertTrue(cut.message().contains("truncat") || cut.message().contains("cuts"), cut.message());
    }

    @Test
    void flags_with_the_old_type_from_this_migration() {
        Finding f = flags(H, """
                ALTER TABLE customers ADD COLUMN nickname varchar(100);
                ALTER TABLE customers ALTER COLUMN nickname TYPE varchar(20);
                """).get(0);
        assertTrue(f.message().contains("per this migration"), f.message());
    }

    @Test
    void allows_unknown_old_types_which_are_reported_as_probable_rewrites() {
        allows(H, "ALTER TABLE customers ALTER COLUMN referral_code TYPE varchar(20);");
    }

    @Test
    void allows_widening_changes() {
        allows(H, "ALTER TABLE customers ALTER COLUMN referral_code TYPE varchar(200);", settings(), customers());
        allows(H, "ALTER TABLE customers ALTER COLUMN credit TYPE numeric(12,2);", settings(), customers());
        allows(H, "ALTER TABLE customers ALTER COLUMN credit TYPE numeric(12,4);", settings(), customers());
    }

    @Test
    void allows_tables_created_in_the_same_migration() {
        allows(H, """
                CREATE TABLE referrals (code varchar(100));
                ALTER TABLE referrals ALTER COLUMN code TYPE varchar(10);
                """);
    }
}
