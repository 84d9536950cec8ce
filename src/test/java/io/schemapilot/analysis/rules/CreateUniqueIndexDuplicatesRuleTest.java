package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateUniqueIndexDuplicatesRuleTest {
    private static final Hazard H = Hazard.CREATE_UNIQUE_INDEX_DUPLICATES;

    @Test
    void flags_a_concurrent_unique_index_with_the_duplicates_query() {
        Finding f = flags(H, "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);").get(0);
        assertEquals(Risk.MEDIUM, f.risk());
        assertEquals(LockMode.SHARE_UPDATE_EXCLUSIVE, f.lock());
        assertEquals("public.users", f.object());
        assertTrue(f.message().contains("INVALID index"), f.message());
        assertEquals("SELECT email, count(*) FROM users WHERE email IS NOT NULL GROUP BY email HAVING count(*) > 1 "
                + "LIMIT 100;", f.fix());
        Finding expr = flags(H, "CREATE UNIQUE INDEX users_lower_email ON users (lower(email) DESC, tenant_id) "
                + "WHERE deleted_at IS NULL;").get(0);
        assertEquals(LockMode.SHARE, expr.lock());
        assertEquals("SELECT lower(email), tenant_id, count(*) FROM users WHERE (deleted_at IS NULL) AND lower(email) "
                + "IS NOT NULL AND tenant_id IS NOT NULL GROUP BY lower(email), tenant_id HAVING count(*) > 1 LIMIT 100;",
                expr.fix());
    }

    @Test
    void flags_unique_constraints_and_primary_keys_built_inline() {
        Finding u = flags(H, "ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE (handle);").get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, u.lock());
        assertTrue(u.fix().contains("GROUP BY handle HAVING count(*) > 1"), u.fix());
        flags(H, "ALTER TABLE accounts ADD PRIMARY KEY (id);");
    }

    @Test
    void allows_using_index_non_unique_indexes_and_new_tables() {
        allows(H, """
                ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
                CREATE INDEX CONCURRENTLY users_created_at_idx ON users (created_at);
                CREATE TABLE api_keys (id bigint PRIMARY KEY, token text NOT NULL);
                CREATE UNIQUE INDEX api_keys_token_key ON api_keys (token);
                """);
    }

    @Test
    void allows_keys_the_catalog_shows_already_unique() {
        CatalogSnapshot cat = catalog().table("users", 3_000_000)
                .column("id", "bigint", "int8", true)
                .column("email", "text", "text", false)
                .index("users_pkey", true, true, List.of("id"))
                .build();
        allows(H, "CREATE UNIQUE INDEX CONCURRENTLY users_id_email_key ON users (id, email);", settings(), cat);
        flags(H, "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);", settings(), cat);
    }
}
