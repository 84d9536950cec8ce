package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/**
 * {@code ATTACH PARTITION} of an existing table without a validated CHECK that implies the bound: the table is
 * scanned under ACCESS EXCLUSIVE (approximation: any validated CHECK other than a NOT NULL one counts).
 */
public final class AttachPartitionScanRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ATTACH_PARTITION_SCAN;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AttachPartition ap : st.changes(Change.AttachPartition.class)) {
            if (ctx.isNew(ap.partition()) || hasValidatedCheck(st, ctx, ap.partition())) {
                continue;
            }
            String parent = ctx.display(ap.target());
            String part = ctx.display(ap.partition());
            boolean old = !ctx.pgVersion().atLeast(12);
            String what = ap.isDefault() ? " to prove none of its rows belongs to another partition"
                    : " to prove every row fits " + ap.bound().strip();
            out.of(hazard(), st)
                    .object(part)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .risk(old ? Risk.HIGH : hazard().defaultRisk())
                    .message("Attaching " + part + " to " + parent + " scans all of " + part
                            + DestructiveRulesSupport.rows(ctx, ap.partition()) + what + " while holding an ACCESS "
                            + "EXCLUSIVE lock on it that blocks its reads and writes"
                            + (old ? ", and on PostgreSQL " + ctx.pgVersion() + " the parent " + parent
                            + " is locked ACCESS EXCLUSIVE too, blocking the whole partitioned table."
                            : " (the parent only gets SHARE UPDATE EXCLUSIVE" + (ap.isDefault() ? "" : "; a default "
                            + "partition of the parent, if any, is scanned too") + ")."))
                    .help("Add a CHECK constraint matching the bound NOT VALID, VALIDATE it in a separate step, "
                            + "attach, then drop the CHECK.")
                    .add();
        }
    }

    /**
     * A validated CHECK on the table: added without NOT VALID or validated earlier in this migration, or validated
     * in the catalog. Whether it implies the bound is not checked (approximate); CHECK (col IS NOT NULL) is ignored.
     */
    private static boolean hasValidatedCheck(ParsedStatement st, AnalysisContext ctx, QualifiedName table) {
        return DestructiveRulesSupport.checkValidatedEarlier(ctx, st, table)
                || ctx.table(table).map(t -> t.constraints().stream()
                .anyMatch(k -> k.type() == 'c' && k.validated() && k.notNullCheckColumn() == null)).orElse(false);
    }
}
