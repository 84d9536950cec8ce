package io.schemapilot.analysis;

import static io.schemapilot.analysis.RuleTesting.allows;
import static io.schemapilot.analysis.RuleTesting.catalog;
import static io.schemapilot.analysis.RuleTesting.flags;
import static io.schemapilot.analysis.RuleTesting.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.checks.CheckService;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The three gaps the squawk parity study left open ({@code bench/parity/SQUAWK-PARITY.md}, "Found, not fixed
 * here"), one group each: what PostgreSQL really does (pg_locks on PostgreSQL 15) against what {@code check}
 * reported.
 */
class ParityFollowUpTest {

    // ---- rename-table: renaming a view breaks its readers like a table rename ---------------------------------

    @Test
    void alter_view_rename_to_is_reported_as_a_rename_of_a_view() {
        // PG 15: ALTER VIEW v RENAME TO w holds ACCESS EXCLUSIVE on the view; afterwards SELECT * FROM v fails
        // with 'relation "v" does not exist'
        Finding f = flags(Hazard.RENAME_TABLE, "ALTER VIEW active_users RENAME TO current_users;").get(0);
        assertTrue(f.message().startsWith("Renaming view public.active_users to current_users breaks"), f.message());
        assertEquals(LockMode.ACCESS_EXCLUSIVE, f.lock());
        assertEquals("public.active_users", f.object());
        Finding mv = flags(Hazard.RENAME_TABLE,
                "ALTER MATERIALIZED VIEW IF EXISTS reports.daily_totals RENAME TO daily_sums;").get(0);
        assertTrue(mv.message().startsWith("Renaming materialized view reports.daily_totals to daily_sums"),
                mv.message());
        assertTrue(mv.help().contains("REFRESH MATERIALIZED VIEW"), mv.help());
    }

    @Test
    void alter_table_rename_on_a_view_of_the_catalog_says_view() {
        // ALTER TABLE renames a view too (PG 15: relkind v, ACCESS EXCLUSIVE on it)
        CatalogSnapshot cat = catalog().table("users", 1_000).column("id", "bigint", "int8", true)
                .table("active_users", 'v', 0).column("id", "bigint", "int8", false).build();
        Finding f = flags(Hazard.RENAME_TABLE, "ALTER TABLE active_users RENAME TO current_users;", settings(), cat)
                .get(0);
        assertTrue(f.message().startsWith("Renaming view public.active_users"), f.message());
        // a table stays a table
        Finding t = flags(Hazard.RENAME_TABLE, "ALTER TABLE users RENAME TO accounts;", settings(), cat).get(0);
        assertTrue(t.message().startsWith("Renaming public.users to accounts"), t.message());
    }

    @Test
    void view_renames_that_break_nothing_are_not_reported() {
        // a compatibility view with the old name follows in the same migration
        allows(Hazard.RENAME_TABLE, """
                BEGIN;
                ALTER VIEW active_users RENAME TO current_users;
                CREATE VIEW active_users AS SELECT * FROM current_users;
                COMMIT;
                """);
        // a materialized view created earlier in this migration is new
        allows(Hazard.RENAME_TABLE, """
                CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n;
                ALTER MATERIALIZED VIEW totals RENAME TO sums;
                """);
        // PG 15: ALTER VIEW on a table fails ("t" is not a view), nothing is renamed
        CatalogSnapshot cat = catalog().table("users", 1_000).column("id", "bigint", "int8", true).build();
        allows(Hazard.RENAME_TABLE, "ALTER VIEW users RENAME TO accounts;", settings(), cat);
        // other ALTER VIEW forms rename nothing
        allows(Hazard.RENAME_TABLE, "ALTER VIEW active_users RENAME COLUMN id TO user_id;");
        allows(Hazard.RENAME_TABLE, "ALTER VIEW active_users SET (security_barrier = true);");
    }

    // ---- domain-constraint: ALTER DOMAIN ... VALIDATE CONSTRAINT still blocks writes before PG 19 -------------

    @Test
    void validating_a_domain_constraint_is_reported_with_its_share_locks() {
        // PG 15 pg_locks during ALTER DOMAIN d VALIDATE CONSTRAINT c: ShareLock on u1 and u2 (both have a column
        // of type d); the ADD ... NOT VALID before took no table lock at all
        Finding f = flags(Hazard.DOMAIN_CONSTRAINT,
                "ALTER DOMAIN email_address VALIDATE CONSTRAINT email_address_has_at;").get(0);
        assertEquals(LockMode.SHARE, f.lock());
        assertEquals(Risk.HIGH, f.risk());
        assertTrue(f.message().contains("SHARE lock on each table that uses it"), f.message());
        assertTrue(f.message().contains("PostgreSQL 19"), f.message());
        assertTrue(f.help().contains("lock_timeout"), f.help());
        // the NOT VALID half alone stays unreported: it takes no table lock
        allows(Hazard.DOMAIN_CONSTRAINT,
                "ALTER DOMAIN email_address ADD CONSTRAINT email_address_has_at CHECK (VALUE LIKE '%@%') NOT VALID;");
    }

    @Test
    void domain_validate_names_the_using_tables_and_is_exempt_where_it_blocks_nothing() {
        CatalogSnapshot cat = catalog().table("users", 1_000).column("email", "email_address", "email_address", false)
                .table("invites", 1_000).column("email", "email_address", "email_address", false).build();
        Finding f = flags(Hazard.DOMAIN_CONSTRAINT, "ALTER DOMAIN email_address VALIDATE CONSTRAINT has_at;",
                settings(), cat).get(0);
        assertTrue(f.message().contains("(public.users, public.invites)"), f.message());
        // no table uses it: low
        CatalogSnapshot unused = catalog().table("users", 1_000).column("id", "bigint", "int8", true).build();
        assertEquals(Risk.LOW, flags(Hazard.DOMAIN_CONSTRAINT, "ALTER DOMAIN email_address VALIDATE CONSTRAINT has_at;",
                settings(), unused).get(0).risk());
        // PostgreSQL 19 takes SHARE UPDATE EXCLUSIVE (release notes: "Reduce lock level of ALTER DOMAIN ...
        // VALIDATE CONSTRAINT to match ALTER TABLE ... VALIDATE CONSTRAINT"); 18 still takes SHARE
        allows(Hazard.DOMAIN_CONSTRAINT, "ALTER DOMAIN email_address VALIDATE CONSTRAINT has_at;",
                settings().withPgVersion(PgVersion.parse("19")), null);
        flags(Hazard.DOMAIN_CONSTRAINT, "ALTER DOMAIN email_address VALIDATE CONSTRAINT has_at;",
                settings().withPgVersion(PgVersion.parse("18")), null);
        // a domain created in this migration has no stored values yet
        allows(Hazard.DOMAIN_CONSTRAINT, """
                CREATE DOMAIN email_address AS text;
                ALTER DOMAIN email_address ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID;
                ALTER DOMAIN email_address VALIDATE CONSTRAINT has_at;
                """);
    }

    // ---- set-not-null-full-scan: a CHECK validated in an earlier file of the run is proof -----------------------

    private static final String ADD_CHECK =
            "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;\n";
    private static final String VALIDATE = "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n";
    private static final String SET_NOT_NULL = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n";

    private static List<FileReport> checkRun(String... files) {
        List<CheckService.SourceText> sources = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            sources.add(CheckService.SourceText.of("V" + (i + 1) + "__step.sql", files[i]));
        }
        CheckService.Input in = new CheckService.Input(sources, CatalogTarget.Source.none(), null, false, false,
                Set.of(), null, "test");
        return new CheckService().check(in, null).report().files();
    }

    private static boolean reports(FileReport r, Hazard h) {
        return r.findings().stream().anyMatch(f -> f.hazard().equals(h.id()));
    }

    @Test
    void a_check_validated_in_an_earlier_file_of_the_run_lets_set_not_null_skip_its_scan() {
        // PG 15, three sessions (files): after the VALIDATE, SET NOT NULL logs "existing constraints on column
        // "users.email" are sufficient to prove that it does not contain nulls" (no scan)
        List<FileReport> three = checkRun(ADD_CHECK, VALIDATE, SET_NOT_NULL);
        assertTrue(!reports(three.get(2), Hazard.SET_NOT_NULL_FULL_SCAN),
                () -> "SET NOT NULL in the third file: " + three.get(2).findings());
        List<FileReport> two = checkRun(ADD_CHECK + VALIDATE, SET_NOT_NULL);
        assertTrue(!reports(two.get(1), Hazard.SET_NOT_NULL_FULL_SCAN), () -> two.get(1).findings().toString());
    }

    @Test
    void proofs_carried_across_files_are_only_the_real_ones() {
        // never validated: PG scans
        assertTrue(reports(checkRun(ADD_CHECK, SET_NOT_NULL).get(1), Hazard.SET_NOT_NULL_FULL_SCAN));
        // validated, then dropped in a file between: nothing proves it any more
        assertTrue(reports(checkRun(ADD_CHECK + VALIDATE,
                "ALTER TABLE users DROP CONSTRAINT users_email_nn;\n", SET_NOT_NULL).get(2),
                Hazard.SET_NOT_NULL_FULL_SCAN));
        // files run in the order given: the proof comes too late
        assertTrue(reports(checkRun(SET_NOT_NULL, ADD_CHECK + VALIDATE).get(0), Hazard.SET_NOT_NULL_FULL_SCAN));
        // another column is not proved
        assertTrue(reports(checkRun(ADD_CHECK + VALIDATE,
                "ALTER TABLE users ALTER COLUMN name SET NOT NULL;\n").get(1), Hazard.SET_NOT_NULL_FULL_SCAN));
        // NOT NULL, then DROP NOT NULL in a later file, then SET NOT NULL again: a scan again
        assertTrue(reports(checkRun(ADD_CHECK + VALIDATE + SET_NOT_NULL
                        + "ALTER TABLE users DROP CONSTRAINT users_email_nn;\n",
                "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;\n", SET_NOT_NULL).get(2),
                Hazard.SET_NOT_NULL_FULL_SCAN));
    }

    @Test
    void only_schema_facts_cross_files_not_newness_or_session_state() {
        // a table created by an earlier file is not new in a later one (it may have been deployed long before):
        // the index build on it is still reported
        List<FileReport> r = checkRun("CREATE TABLE events (id bigint PRIMARY KEY, kind text);\n",
                "CREATE INDEX events_kind ON events (kind);\n");
        assertTrue(reports(r.get(1), Hazard.CREATE_INDEX_NON_CONCURRENT), () -> r.get(1).findings().toString());
        // the same facts through the Analyzer, and a file on its own knows nothing of the others
        RunFacts carried = new RunFacts();
        Analyzer analyzer = new Analyzer();
        analyzer.analyze("a.sql", ADD_CHECK + VALIDATE, settings(), null, carried);
        assertTrue(!carried.isEmpty());
        assertTrue(RuleTesting.of(analyzer.analyze("b.sql", SET_NOT_NULL, settings(), null, carried).findings(),
                Hazard.SET_NOT_NULL_FULL_SCAN).isEmpty());
        flags(Hazard.SET_NOT_NULL_FULL_SCAN, SET_NOT_NULL);
    }

    @Test
    void a_large_file_walked_by_two_threads_carries_the_same_facts() {
        // more than 256 statements: parsed in parallel, walked by two halves of the rules at once
        StringBuilder big = new StringBuilder(ADD_CHECK).append(VALIDATE);
        for (int i = 0; i < 300; i++) {
            big.append("SELECT ").append(i).append(";\n");
        }
        RunFacts carried = new RunFacts();
        Analyzer analyzer = new Analyzer();
        analyzer.analyze("big.sql", big.toString(), settings(), null, carried);
        assertTrue(RuleTesting.of(analyzer.analyze("next.sql", SET_NOT_NULL, settings(), null, carried).findings(),
                Hazard.SET_NOT_NULL_FULL_SCAN).isEmpty());
    }
}
