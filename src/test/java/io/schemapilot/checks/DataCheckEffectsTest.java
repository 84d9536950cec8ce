package io.schemapilot.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataCheckEffectsTest {

    private static Finding finding(String hazard, Risk risk, int statement, String object) {
        return new Finding(hazard, risk, statement, statement, 1, object, LockMode.ACCESS_EXCLUSIVE, false,
                "The statement does something to " + object + ".", "Do it safely.", null);
    }

    private static DataCheck check(String id, String kind, String object, int statement, long count, boolean exact,
                                   List<Map<String, Object>> sample) {
        return new DataCheck(id, kind, object, "SELECT ...", new DataCheck.Result(count, sample, null, 1000L),
                count == 0, exact, statement, false, null);
    }

    @Test
    void nulls_mean_set_not_null_will_fail_and_the_plan_must_backfill() {
        Finding f = finding("set-not-null-full-scan", Risk.HIGH, 1, "public.orders");
        DataCheck nulls = check("nulls-orders-status", "nulls", "public.orders.status", 1, 3, true,
                List.of(Map.of("id", 5), Map.of("id", 50), Map.of("id", 500)));
        Finding out = DataCheckEffects.apply(List.of(f), List.of(nulls)).get(0);
        assertEquals(Risk.HIGH, out.risk());
        assertTrue(out.message().startsWith(f.message()), out.message());
        assertTrue(out.message().contains("3 rows with NULL in public.orders.status (id: 5, 50, 500)"),
                out.message());
        assertTrue(out.message().contains("will fail; backfill them first"), out.message());
    }

    @Test
    void offending_rows_raise_a_medium_finding_to_high() {
        Finding f = finding("create-unique-index-duplicates", Risk.MEDIUM, 2, "public.users");
        DataCheck dups = check("duplicates-users-email", "duplicates", "public.users.email", 2, 2, true,
                List.of(Map.of("email", "a@x", "rows", 3)));
        Finding out = DataCheckEffects.adjust(f, List.of(dups));
        assertEquals(Risk.HIGH, out.risk());
        assertTrue(out.message().contains("2 groups of rows sharing a key in public.users.email"), out.message());

        DataCheck estimated = check("duplicates-users-email", "duplicates", "public.users.email", 2, 40, false,
                List.of());
        Finding probable = DataCheckEffects.adjust(f, List.of(estimated));
        assertEquals(Risk.HIGH, probable.risk(), "an estimate that sees duplicates raises too");
        assertTrue(probable.message().contains("about 40 groups"), probable.message());
    }

    @Test
    void zero_orphans_make_the_foreign_key_safe_to_validate() {
        Finding f = finding("add-foreign-key-validating", Risk.HIGH, 3, "public.orders");
        Finding out = DataCheckEffects.adjust(f, List.of(check("orphans-orders-user_id", "orphans",
                "public.orders.user_id", 3, 0, true, List.of())));
        assertEquals(Risk.HIGH, out.risk(), "the lock taken by the scan does not depend on the data");
        assertTrue(out.message().contains("0 orphan rows in public.orders"), out.message());
        assertTrue(out.message().contains("safe to validate"), out.message());

        Finding failing = DataCheckEffects.adjust(f, List.of(check("orphans-orders-user_id", "orphans",
                "public.orders.user_id", 3, 4, true, List.of(Map.of("id", 7, "user_id", 9001)))));
        assertTrue(failing.message().contains("4 orphan rows in public.orders.user_id"), failing.message());
    }

    @Test
    void data_that_would_be_lost_keeps_the_finding_critical_and_none_lowers_it() {
        Finding drop = finding("drop-column", Risk.CRITICAL, 7, "public.orders.legacy");
        Finding lost = DataCheckEffects.adjust(drop, List.of(check("data-loss-orders-legacy", "data-loss",
                "public.orders.legacy", 7, 100, true, List.of())));
        assertEquals(Risk.CRITICAL, lost.risk());
        assertTrue(lost.message().contains("destroy 100 non-null values of public.orders.legacy"), lost.message());

        Finding empty = DataCheckEffects.adjust(drop, List.of(check("data-loss-orders-legacy", "data-loss",
                "public.orders.legacy", 7, 0, true, List.of())));
        assertEquals(Risk.HIGH, empty.risk());
        assertTrue(empty.message().contains("holds no data"), empty.message());

        Finding truncate = finding("truncate-table", Risk.CRITICAL, 1, "public.audit");
        Finding rows = DataCheckEffects.adjust(truncate, List.of(check("data-loss-audit", "data-loss", "public.audit",
                1, 1, true, List.of())));
        assertTrue(rows.message().contains("destroy 1 row of public.audit"), rows.message());
    }

    @Test
    void an_estimate_of_zero_never_lowers() {
        Finding drop = finding("drop-table", Risk.CRITICAL, 1, "public.orders");
        Finding out = DataCheckEffects.adjust(drop, List.of(check("data-loss-orders", "data-loss", "public.orders", 1,
                0, false, List.of())));
        assertEquals(Risk.CRITICAL, out.risk());
        assertTrue(out.message().contains("run the exact check to be sure"), out.message());
    }

    @Test
    void exact_zero_lowers_the_hazards_whose_risk_is_the_data() {
        Finding unique = finding("create-unique-index-duplicates", Risk.MEDIUM, 1, "public.users");
        assertEquals(Risk.LOW, DataCheckEffects.adjust(unique, List.of(check("duplicates-users-email", "duplicates",
                "public.users.email", 1, 0, true, List.of()))).risk());

        Finding addColumn = finding("add-column-not-null-no-default", Risk.HIGH, 1, "public.orders");
        Finding empty = DataCheckEffects.adjust(addColumn, List.of(check("nulls-orders-region", "nulls",
                "public.orders.region", 1, 0, true, List.of())));
        assertEquals(Risk.MEDIUM, empty.risk());
        assertTrue(empty.message().contains("public.orders is empty"), empty.message());

        Finding setNotNull = finding("set-not-null-full-scan", Risk.HIGH, 1, "public.orders");
        Finding ok = DataCheckEffects.adjust(setNotNull, List.of(check("nulls-orders-status", "nulls",
                "public.orders.status", 1, 0, true, List.of())));
        assertEquals(Risk.HIGH, ok.risk(), "the full scan under ACCESS EXCLUSIVE remains");
        assertTrue(ok.message().contains("0 rows have NULL in public.orders.status"), ok.message());
    }

    @Test
    void a_renamed_enum_label_is_matched_through_its_statement() {
        Finding f = finding("rename-enum-value", Risk.HIGH, 6, "public.order_status");
        Finding used = DataCheckEffects.adjust(f, List.of(check("enum-orders-status", "enum", "public.orders.status",
                6, 5, true, List.of(Map.of("id", 100)))));
        assertTrue(used.message().contains("5 rows of public.orders.status holding the old label"), used.message());
        Finding unused = DataCheckEffects.adjust(f, List.of(check("enum-orders-status", "enum", "public.orders.status",
                6, 0, true, List.of())));
        assertEquals(Risk.MEDIUM, unused.risk());
    }

    @Test
    void unrelated_failed_and_advisory_checks_change_nothing() {
        Finding f = finding("set-not-null-full-scan", Risk.HIGH, 1, "public.orders");
        DataCheck otherStatement = check("nulls-orders-status", "nulls", "public.orders.status", 2, 3, true, List.of());
        DataCheck otherTable = check("nulls-users-email", "nulls", "public.users.email", 1, 3, true, List.of());
        DataCheck otherKind = check("data-loss-orders", "data-loss", "public.orders", 1, 3, true, List.of());
        DataCheck broken = new DataCheck("nulls-orders-status", "nulls", "public.orders.status", null,
                new DataCheck.Result(-1, List.of(), null), false, false, 1, false, "the connection was lost");
        DataCheck advisory = new DataCheck("nulls-orders-status", "nulls", "public.orders.status", "SELECT ...",
                new DataCheck.Result(3, List.of(), null), false, true, 1, true, null);
        Finding untouched = finding("create-index-non-concurrent", Risk.HIGH, 1, "public.orders");
        List<Finding> out = DataCheckEffects.apply(List.of(f, untouched),
                List.of(otherStatement, otherTable, otherKind, broken, advisory));
        assertSame(f, out.get(0));
        assertSame(untouched, out.get(1));
    }

    @Test
    void a_cast_that_fails_on_at_least_one_row_says_so() {
        Finding f = finding("alter-column-type-lossy", Risk.HIGH, 4, "public.orders");
        DataCheck atLeast = new DataCheck("cast-orders-amount", "cast", "public.orders.amount", "SELECT ...",
                new DataCheck.Result(1, List.of(), "at least one row fails: invalid input syntax for type integer"),
                false, false, 4, false, null);
        Finding out = DataCheckEffects.adjust(f, List.of(atLeast));
        assertTrue(out.message().contains("at least 1 value of public.orders.amount that do not convert"),
                out.message());
    }
}
