package io.schemapilot.report.render;

import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.ParseError;
import io.schemapilot.report.Risk;
import io.schemapilot.report.UnusedIgnore;
import java.util.List;

/** Hand-built reports for the renderer tests: fixed values, so the golden files never depend on the rules. */
public final class SampleReports {

    private SampleReports() {
    }

    /** Three files: one with four findings, a parse error and an unused ignore; one clean; one unreadable. */
    public static CheckReport sample() {
        FileReport orders = new FileReport("migrations/V7__orders.sql", 4,
                List.of(new ParseError(4, 14, 1, "unexpected token 'FOOBAR'")),
                List.of(
                        new Finding("add-column-not-null-no-default", Risk.HIGH, 1, 1, 1, "public.orders",
                                LockMode.ACCESS_EXCLUSIVE, false,
                                "Adding NOT NULL column status without a default fails on a non-empty orders.",
                                "Add the column nullable with a default, backfill, then SET NOT NULL via a CHECK.",
                                null),
                        new Finding("add-foreign-key-validating", Risk.HIGH, 2, 5, 1, "public.orders",
                                LockMode.SHARE_ROW_EXCLUSIVE, false,
                                "Adding a validated foreign key scans all of orders while blocking writes to orders and users.",
                                "Add it NOT VALID, then VALIDATE CONSTRAINT in a separate transaction.",
                                "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;"),
                        new Finding("drop-column", Risk.CRITICAL, 3, 9, 1, "public.orders.legacy_code",
                                LockMode.ACCESS_EXCLUSIVE, false,
                                "Dropping column orders.legacy_code destroys its data | irreversibly.",
                                "Stop reading the column in the app first; back it up, then drop it in a later release.",
                                null),
                        new Finding("missing-lock-timeout", Risk.MEDIUM, 3, 9, 1, "public.orders",
                                LockMode.ACCESS_EXCLUSIVE, false,
                                "ALTER TABLE takes ACCESS EXCLUSIVE on orders with no lock_timeout: it can queue behind a long <query> and block everyone.",
                                "SET lock_timeout = '2s' before the statement and retry on timeout.",
                                "SET lock_timeout = '2s';")),
                List.of(new UnusedIgnore(12, "drop-table", "suppresses nothing")),
                null,
                List.of("ALTER TABLE orders ADD COLUMN status text NOT NULL",
                        "ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) ...",
                        "ALTER TABLE orders DROP COLUMN legacy_code",
                        "FOOBAR orders"));
        FileReport clean = new FileReport("migrations/V8__index.sql", 1, List.of(), List.of(), List.of(), null,
                List.of("CREATE INDEX CONCURRENTLY orders_created_at_idx ON orders (created_at)"));
        FileReport broken = FileReport.failed("migrations/V9__broken.sql",
                "line 3, column 8: unterminated dollar-quoted string $body$");
        return CheckReport.of("0.1.0", "16", List.of(orders, clean, broken),
                List.of("no catalog given (--schema or --db): every table mentioned is assumed to exist, be large and busy"),
                List.of());
    }

    /** One clean file, no findings. */
    public static CheckReport clean() {
        FileReport clean = new FileReport("V1__init.sql", 2, List.of(), List.of(), List.of(), null,
                List.of("CREATE TABLE a (id bigint)", "CREATE TABLE b (id bigint)"));
        return CheckReport.of("0.1.0", "16", List.of(clean), List.of(), List.of());
    }
}
