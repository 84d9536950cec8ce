package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddPrimaryKeyUsingIndexNullableRuleTest {
    private static final Hazard H = Hazard.ADD_PRIMARY_KEY_USING_INDEX_NULLABLE;
    private static final String ATTACH =
            "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_id_idx;";

    private static CatalogSnapshot catalogWithIdNullable(boolean nullable) {
        return catalog().table("accounts", 2_000_000)
                .column("id", "bigint", "int8", !nullable)
                .index("accounts_id_idx", true, true, List.of("id"))
                .build();
    }

    @Test
    void flags_index_columns_from_the_migration_assumed_nullable() {
        Finding f = flags(H, "CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);\n" + ATTACH).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.accounts", f.object());
        assertTrue(f.message().contains("schemapilot assumes id is nullable"), f.message());
        assertTrue(f.fix().contains("CHECK (id IS NOT NULL) NOT VALID"), f.fix());
        assertTrue(f.fix().endsWith(ATTACH), f.fix());
        Finding old = flags(H, "CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);\n" + ATTACH,
                settings().withPgVersion(PgVersion.parse("11")), null).get(0);
        assertNull(old.fix(), "before 12 a CHECK does not spare the scan");
    }

    @Test
    void flags_a_nullable_column_from_the_catalog_and_an_unknown_index_at_medium() {
        Finding f = flags(H, ATTACH, settings(), catalogWithIdNullable(true)).get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("the catalog shows id as nullable"), f.message());
        Finding unknown = flags(H, ATTACH).get(0);
        assertEquals(Risk.MEDIUM, unknown.risk());
        assertTrue(unknown.message().contains("cannot see accounts_id_idx"), unknown.message());
    }

    @Test
    void allows_columns_the_catalog_shows_not_null() {
        allows(H, ATTACH, settings(), catalogWithIdNullable(false));
    }

    @Test
    void allows_columns_made_not_null_earlier_in_the_migration() {
        allows(H, """
                ALTER TABLE accounts ADD CONSTRAINT accounts_id_nn CHECK (id IS NOT NULL) NOT VALID;
                ALTER TABLE accounts VALIDATE CONSTRAINT accounts_id_nn;
                CREATE UNIQUE INDEX CONCURRENTLY accounts_id_idx ON accounts (id);
                """ + ATTACH);
        allows(H, """
                ALTER TABLE accounts ADD COLUMN uid bigint NOT NULL DEFAULT 0;
                CREATE UNIQUE INDEX CONCURRENTLY accounts_uid_idx ON accounts (uid);
                ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_uid_idx;
                """);
    }
}
