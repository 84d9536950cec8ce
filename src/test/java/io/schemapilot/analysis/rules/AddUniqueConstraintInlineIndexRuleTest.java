package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddUniqueConstraintInlineIndexRuleTest {
    private static final Hazard H = Hazard.ADD_UNIQUE_CONSTRAINT_INLINE_INDEX;

    @Test
    void flags_add_constraint_unique_with_the_concurrent_recipe() {
        Finding f = flags(H, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.users", f.object());
        assertTrue(f.fix().contains("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);"), f.fix());
        assertTrue(f.fix().contains(
                "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;"), f.fix());
        Finding unnamed = flags(H, "ALTER TABLE users ADD UNIQUE (tenant_id, email);").get(0);
        assertTrue(unnamed.message().contains("users_tenant_id_email_key"), unnamed.message());
    }

    @Test
    void flags_add_column_unique() {
        Finding f = flags(H, "ALTER TABLE users ADD COLUMN handle text UNIQUE NOT NULL DEFAULT '';").get(0);
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertTrue(f.fix().startsWith("ALTER TABLE users ADD COLUMN handle text NOT NULL DEFAULT '';\n"), f.fix());
        assertTrue(f.fix().contains("CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle);"), f.fix());
    }

    @Test
    void allows_the_concurrent_index_then_using_index_idiom() {
        allows(H, """
                CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);
                ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;
                """);
    }

    @Test
    void allows_unique_constraints_on_new_tables() {
        allows(H, """
                CREATE TABLE api_keys (id bigint PRIMARY KEY, token text);
                ALTER TABLE api_keys ADD CONSTRAINT api_keys_token_key UNIQUE (token);
                ALTER TABLE api_keys ADD COLUMN label text UNIQUE;
                """);
    }
}
