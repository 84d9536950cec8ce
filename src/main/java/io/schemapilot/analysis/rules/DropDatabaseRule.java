package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;

/** {@code DROP DATABASE} in a migration deletes a whole database irreversibly. */
public final class DropDatabaseRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.DROP_DATABASE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.DropDatabase dd : st.changes(Change.DropDatabase.class)) {
            String db = dd.target().name();
            boolean force = st.tokens().stream().anyMatch(t -> t.isWord("force"));
            boolean current = ctx.catalog().map(c -> db.equals(c.database())).orElse(false);
            out.of(hazard(), st)
                    .object(db)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message("Dropping database " + db + (current ? " (the database this migration runs against)" : "")
                            + " permanently deletes every table and row in it under an exclusive lock on the "
                            + "database, which "
                            + (force ? "WITH (FORCE) takes by terminating every connected session."
                                     : "it only gets while nobody else is connected."))
                    .help("Never drop a database from a migration; do it by hand after a verified backup.")
                    .add();
        }
    }
}
