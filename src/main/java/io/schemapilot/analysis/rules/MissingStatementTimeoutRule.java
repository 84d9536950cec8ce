package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.LockModel;
import io.schemapilot.analysis.Rule;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.StatementParser;

/** The first statement that works on existing objects, run with no {@code statement_timeout} set (once per file). */
public final class MissingStatementTimeoutRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.MISSING_STATEMENT_TIMEOUT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        if (out.has(hazard()) || ctx.statementTimeoutSet()) {
            return;
        }
        QualifiedName object = null;
        boolean work = false;
        for (Change c : st.changes()) {
            for (TableLock l : LockModel.locks(c, st.number(), ctx)) {
                if (!ctx.isNew(l.table()) && !work) {
                    work = true;
                    object = l.table();
                }
            }
            if (!work && (c instanceof Change.AlterDomainAddConstraint || c instanceof Change.Reindex
                    || c instanceof Change.Vacuum || c instanceof Change.Cluster)) {
                work = true;
                object = c instanceof Change.AlterDomainAddConstraint ? c.target() : null;
            }
        }
        if (!work) {
            return;
        }
        boolean named = object != null && !StatementParser.DYNAMIC.equals(object.name());
        String what = named ? ctx.display(object) : "existing objects";
        out.of(hazard(), st)
                .object(named ? what : null)
                .message("This statement works on " + what + " with no statement_timeout set, so a step that runs far"
                        + " longer than planned (a scan, a rewrite, a backfill) keeps its locks until someone"
                        + " cancels it by hand.")
                .help("Set statement_timeout at the top of the migration, sized to its slowest step.")
                .fix("SET statement_timeout = '15min';")
                .add();
    }
}
