package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddPrimaryKeyInlineIndexRuleTest {
    private static final Hazard H = Hazard.ADD_PRIMARY_KEY_INLINE_INDEX;

    @Test
    void flags_add_primary_key_with_the_full_recipe() {
        Finding f = flags(H, "ALTER TABLE accounts ADD PRIMARY KEY (id);").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.accounts", f.object());
        assertTrue(f.message().contains("make id NOT NULL unless it already is"), f.message());
        assertTrue(f.fix().contains("CHECK (id IS NOT NULL) NOT VALID"), f.fix());
        assertTrue(f.fix().endsWith("CREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);\n"
                + "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;"), f.fix());
        flags(H, "ALTER TABLE accounts ADD COLUMN uid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;");
    }

    @Test
    void flags_with_what_the_catalog_says_about_nullability() {
        CatalogSnapshot cat = catalog().table("accounts", 1_000_000)
                .column("id", "bigint", "int8", true)
                .column("tenant_id", "bigint", "int8", false)
                .build();
        Finding nullable = flags(H, "ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY (tenant_id, id);",
                settings(), cat).get(0);
        assertTrue(nullable.message().contains("make tenant_id NOT NULL (the catalog shows it as nullable)"),
                nullable.message());
        Finding notNull = flags(H, "ALTER TABLE accounts ADD PRIMARY KEY (id);", settings(), cat).get(0);
        assertTrue(notNull.message().endsWith("for the whole build."), notNull.message());
        assertFalse(notNull.fix().contains("NOT VALID"), "id is NOT NULL already: no CHECK recipe");
    }

    @Test
    void allows_primary_key_using_a_concurrently_built_index() {
        allows(H, """
                CREATE UNIQUE INDEX CONCURRENTLY accounts_pkey ON accounts (id);
                ALTER TABLE accounts ADD CONSTRAINT accounts_pkey PRIMARY KEY USING INDEX accounts_pkey;
                """);
    }

    @Test
    void allows_primary_keys_on_new_tables() {
        allows(H, """
                CREATE TABLE ledgers (id bigint NOT NULL, name text);
                ALTER TABLE ledgers ADD PRIMARY KEY (id);
                CREATE TABLE journals (name text);
                ALTER TABLE journals ADD COLUMN id bigserial PRIMARY KEY;
                """);
    }
}
