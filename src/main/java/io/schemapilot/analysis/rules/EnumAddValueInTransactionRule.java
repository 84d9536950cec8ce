package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.PgVersion;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/**
 * {@code ALTER TYPE ... ADD VALUE} inside a transaction block: an error before PostgreSQL 12; from 12 on the new
 * label cannot be used until commit (a later statement of the same transaction that uses it fails).
 */
public final class EnumAddValueInTransactionRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ENUM_ADD_VALUE_IN_TRANSACTION;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (!ctx.inTransaction()) {
            return;
        }
        PgVersion v = ctx.pgVersion();
        for (Change.AddEnumValue av : st.changes(Change.AddEnumValue.class)) {
            boolean typeCreatedInTx = DestructiveRulesSupport.enumCreatedInTransaction(ctx, st, av.target());
            ParsedStatement user = DestructiveRulesSupport.firstUseInTransaction(ctx, st, av.value());
            if (typeCreatedInTx && (!v.atLeast(12) || v.atLeast(17) || user == null)) {
                continue; // allowed, and usable at once, for a type created in the same transaction (not on 12-16)
            }
            String type = ctx.display(av.target());
            String label = "'" + av.value() + "'";
            String message;
            if (!v.atLeast(12)) {
                message = "Adding label " + label + " to enum " + type + " inside a transaction block fails on "
                        + "PostgreSQL " + v + " (\"ALTER TYPE ... ADD cannot run inside a transaction block\"), "
                        + "which rolls back the whole migration; it takes no lock that blocks table reads or writes.";
            } else if (user != null) {
                message = "Adding label " + label + " to enum " + type + " inside a transaction means statement "
                        + user.number() + ", which uses " + label + " before the commit, fails with \"unsafe use of "
                        + "new value\" and rolls back the migration; it takes no lock that blocks table reads or "
                        + "writes.";
            } else {
                message = "Adding label " + label + " to enum " + type + " inside a transaction takes no lock that "
                        + "blocks table reads or writes, but the label cannot be used until the transaction commits "
                        + "(and fails on PostgreSQL 11 and older).";
            }
            out.of(hazard(), st)
                    .object(type)
                    .message(message)
                    .help("Run ALTER TYPE ... ADD VALUE in its own migration outside a transaction, committed before "
                            + "anything uses the new label.")
                    .add();
        }
    }
}
