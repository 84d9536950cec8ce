package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;

/** {@code ADD CONSTRAINT ... EXCLUDE} builds and checks its index under ACCESS EXCLUSIVE, with no way around. */
public final class AddExclusionConstraintRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_EXCLUSION_CONSTRAINT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AddConstraint ac : st.changes(Change.AddConstraint.class)) {
            if (ac.constraint().kind() != ConstraintDef.Kind.EXCLUDE || ctx.isNew(ac.target())) {
                continue;
            }
            String table = ctx.display(ac.target());
            String name = ac.constraint().name() == null ? "an exclusion constraint"
                    : "exclusion constraint " + ac.constraint().name();
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Adding " + name + " builds its index and checks every row of " + table + " under an "
                            + "ACCESS EXCLUSIVE lock, blocking reads and writes, and there is no CONCURRENTLY or "
                            + "USING INDEX path for it.")
                    .help("Build the constraint on a new copy of the table and swap it in, or run it in a maintenance "
                            + "window with a lock_timeout.")
                    .add();
        }
    }
}
