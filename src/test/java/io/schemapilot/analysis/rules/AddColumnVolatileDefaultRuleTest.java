package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import org.junit.jupiter.api.Test;

class AddColumnVolatileDefaultRuleTest {
    private static final Hazard H = Hazard.ADD_COLUMN_VOLATILE_DEFAULT;

    @Test
    void flags_known_volatile_functions_with_the_backfill_recipe() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid() NOT NULL;").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.orders", f.object());
        assertTrue(f.rewrite());
        assertTrue(f.message().contains("gen_random_uuid()"), f.message());
        assertTrue(f.fix().contains("ALTER TABLE orders ADD COLUMN public_id uuid;"), f.fix());
        assertTrue(f.fix().contains("SET DEFAULT gen_random_uuid()"), f.fix());
        assertTrue(f.fix().contains("IS NOT NULL) NOT VALID"), "NOT NULL column: the CHECK recipe follows");
        flags(H, "ALTER TABLE s.t ADD COLUMN token text DEFAULT md5(random()::text);");
        flags(H, "ALTER TABLE t ADD COLUMN seen timestamptz DEFAULT clock_timestamp();");
        flags(H, "ALTER TABLE t ADD COLUMN n bigint DEFAULT nextval('t_n_seq');");
        flags(H, "ALTER TABLE t ADD COLUMN u uuid DEFAULT public.uuid_generate_v4();");
    }

    @Test
    void flags_unknown_functions_as_possibly_volatile() {
        Finding f = flags(H, "ALTER TABLE orders ADD COLUMN code text DEFAULT make_order_code();").get(0);
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("if make_order_code() is volatile"), f.message());
    }

    @Test
    void allows_constants_casts_and_stable_defaults() {
        allows(H, """
                ALTER TABLE orders ADD COLUMN status text DEFAULT 'new' NOT NULL;
                ALTER TABLE orders ADD COLUMN total numeric(10,2) DEFAULT '0'::numeric(10,2);
                ALTER TABLE orders ADD COLUMN amount numeric DEFAULT CAST(0 AS numeric(12,2));
                ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
                ALTER TABLE orders ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP;
                ALTER TABLE orders ADD COLUMN day date DEFAULT CURRENT_DATE;
                ALTER TABLE orders ADD COLUMN tags text[] DEFAULT ARRAY[]::text[];
                ALTER TABLE orders ADD COLUMN meta jsonb DEFAULT '{}'::jsonb;
                ALTER TABLE orders ADD COLUMN t2 timestamptz DEFAULT statement_timestamp();
                """);
    }

    @Test
    void allows_new_tables_and_leaves_old_versions_to_the_pre_pg11_rule() {
        allows(H, """
                CREATE TABLE tokens (id bigint PRIMARY KEY);
                ALTER TABLE tokens ADD COLUMN value uuid DEFAULT gen_random_uuid();
                """);
        allows(H, "ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();",
                settings().withPgVersion(PgVersion.parse("10")), null);
        flags(Hazard.ADD_COLUMN_DEFAULT_PRE_PG11, "ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();",
                settings().withPgVersion(PgVersion.parse("10")), null);
    }

    @Test
    void classify_reads_the_expression() {
        assertEquals(AddColumnVolatileDefaultRule.Volatility.NOT_VOLATILE,
                AddColumnVolatileDefaultRule.classify("pg_catalog.now()").volatility());
        assertEquals(AddColumnVolatileDefaultRule.Volatility.VOLATILE,
                AddColumnVolatileDefaultRule.classify("upper(md5(random()::text))").volatility());
        assertEquals(AddColumnVolatileDefaultRule.Volatility.NOT_VOLATILE,
                AddColumnVolatileDefaultRule.classify("'a'::character varying(10)").volatility());
        assertEquals("app.next_code",
                AddColumnVolatileDefaultRule.classify("app.next_code('x'::varchar(3))").function());
    }
}
