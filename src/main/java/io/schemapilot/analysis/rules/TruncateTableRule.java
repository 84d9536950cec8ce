package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;

/** {@code TRUNCATE} of a pre-existing table deletes all its rows at once, irreversibly once committed. */
public final class TruncateTableRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.TRUNCATE_TABLE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.Truncate tr : st.changes(Change.Truncate.class)) {
            for (QualifiedName q : tr.tables()) {
                if (ctx.isNew(q)) {
                    continue;
                }
                String table = ctx.display(q);
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Truncating " + table + " permanently deletes all of its rows"
                                + DestructiveRulesSupport.rows(ctx, q) + " under an ACCESS EXCLUSIVE lock that "
                                + "blocks reads and writes, and concurrent transactions with older snapshots see "
                                + "it empty.")
                        .help("Archive the rows and delete them in keyed batches, outside the schema migration.")
                        .add();
            }
        }
    }
}
