package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainConstraintRuleTest {
    private static final Hazard H = Hazard.DOMAIN_CONSTRAINT;
    private static final String ADD =
            "ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%');";

    @Test
    void flags_alter_domain_add_constraint_without_not_valid() {
        Finding f = flags(H, ADD).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.SHARE, f.lock());
        assertEquals("public.email_address", f.object());
        assertTrue(f.fix().contains("CHECK (VALUE LIKE '%@%') NOT VALID;"), f.fix());
        assertTrue(f.fix().contains("ALTER DOMAIN email_address VALIDATE CONSTRAINT email_address_has_at;"), f.fix());
    }

    @Test
    void flags_with_the_catalog_naming_the_tables_that_use_the_domain() {
        var cat = catalog().table("users", 1_000_000).column("email", "email_address", "email_address", false)
                .table("invites", 50_000).column("email", "email_address", "email_address", false)
                .table("orders", 9_000_000).column("id", "bigint", "int8", true).build();
        Finding f = flags(H, ADD, settings(), cat).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("(public.users, public.invites)"), f.message());
        var unused = catalog().table("orders", 9_000_000).column("id", "bigint", "int8", true).build();
        assertEquals(Risk.LOW, flags(H, ADD, settings(), unused).get(0).risk());
    }

    @Test
    void flags_create_domain_with_check_at_low_risk() {
        Finding f = flags(H, "CREATE DOMAIN positive_amount AS numeric CHECK (VALUE > 0);").get(0);
        assertEquals(Risk.LOW, f.risk());
        assertNull(f.lock());
        assertTrue(f.message().contains("public.positive_amount"), f.message());
    }

    @Test
    void flags_domain_not_null_without_a_fix() {
        Finding f = flags(H, "ALTER DOMAIN email_address ADD CONSTRAINT email_required NOT NULL;").get(0);
        assertNull(f.fix());
        assertTrue(f.help().contains("cannot be added NOT VALID"), f.help());
    }

    @Test
    void allows_not_valid_but_reports_the_validate_before_pg19() {
        allows(H, """
                ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%') NOT VALID;
                """);
        // the VALIDATE holds SHARE on every using table for its scan up to PG 18 (pg_locks, PG 15); see
        // ParityFollowUpTest for the version boundary
        List<Finding> f = flags(H, """
                ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%') NOT VALID;
                ALTER DOMAIN email_address VALIDATE CONSTRAINT email_address_has_at;
                """);
        assertEquals(1, f.size());
        assertEquals(2, f.get(0).statement());
    }

    @Test
    void allows_domains_without_check_and_domains_created_in_the_same_migration() {
        allows(H, """
                CREATE DOMAIN order_reference AS text;
                ALTER DOMAIN order_reference ADD CONSTRAINT order_reference_format CHECK (VALUE ~ '^[A-Z]{3}-[0-9]+$');
                """);
    }
}
