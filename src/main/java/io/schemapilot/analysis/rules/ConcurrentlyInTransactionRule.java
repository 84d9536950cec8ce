package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** Statements that cannot run in a transaction block (CONCURRENTLY forms, VACUUM) inside one: they fail. */
public final class ConcurrentlyInTransactionRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CONCURRENTLY_IN_TRANSACTION;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        boolean inDo = st.has(Change.DoBlock.class);
        if (!inDo && !ctx.inTransaction()) {
            return;
        }
        String where = inDo ? "inside a DO block, which always runs as a single transaction"
                : ctx.inExplicitTransaction() ? "inside the transaction opened by BEGIN at statement "
                + ctx.transactionStart()
                : "inside a transaction (the migration tool wraps the file in one: --assume-in-transaction)";
        for (Change c : st.changes()) {
            String what = what(c);
            if (what == null) {
                continue;
            }
            QualifiedName table = c instanceof Change.DropIndex || (c instanceof Change.Reindex r
                    && r.kind().equals("INDEX")) ? ctx.tableOfIndex(c.target()) : c.target();
            String object = table == null ? null : c instanceof Change.Reindex r && !r.kind().equals("INDEX")
                    && !r.kind().equals("TABLE") ? table.name() : ctx.display(table);
            out.of(hazard(), st)
                    .object(object)
                    .message(what + (object == null ? "" : " on " + object) + " cannot run " + where
                            + ", so the statement fails and the migration rolls back.")
                    .help("Move it to a migration of its own that runs outside a transaction (turn off the tool's "
                            + "transaction for that file).")
                    .add();
        }
    }

    /** The command as PostgreSQL names it in the error, or null when it may run in a transaction. */
    private static String what(Change c) {
        if (c instanceof Change.CreateIndex ci && ci.concurrently()) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (c instanceof Change.DropIndex di && di.concurrently()) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (c instanceof Change.Reindex r) {
            if (r.concurrently()) {
                return "REINDEX " + r.kind() + " CONCURRENTLY";
            }
            return r.kind().equals("INDEX") || r.kind().equals("TABLE") ? null : "REINDEX " + r.kind();
        }
        if (c instanceof Change.DetachPartition dp && dp.concurrently()) {
            return "DETACH PARTITION CONCURRENTLY";
        }
        if (c instanceof Change.Vacuum) {
            return "VACUUM";
        }
        if (c instanceof Change.Cluster cl && cl.target() == null) {
            return "CLUSTER without a table";
        }
        return null;
    }
}
