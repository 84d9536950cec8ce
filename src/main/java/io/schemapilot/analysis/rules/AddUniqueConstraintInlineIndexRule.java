package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import java.util.List;

/** {@code ADD UNIQUE (...)} / {@code ADD COLUMN ... UNIQUE} builds the index under ACCESS EXCLUSIVE. */
public final class AddUniqueConstraintInlineIndexRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_UNIQUE_CONSTRAINT_INLINE_INDEX;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (ctx.isNew(c.target())) {
                continue;
            }
            if (c instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.UNIQUE
                    && ac.constraint().usingIndex() == null) {
                ConstraintDef k = ac.constraint();
                String name = k.name() != null ? k.name()
                        : ColumnConstraintRecipes.constraintName(ac.target(), k.columns(), "key");
                String table = ctx.display(ac.target());
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Adding UNIQUE constraint " + name + " builds its index on " + table + " under an "
                                + "ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build.")
                        .help("Build the index with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE "
                                + "USING INDEX.")
                        .fix(ColumnConstraintRecipes.concurrentIndexThenConstraint(ac.target(), name, k.columns(),
                                "UNIQUE"))
                        .add();
            } else if (c instanceof Change.AddColumn ac && ac.column().has(ConstraintDef.Kind.UNIQUE)) {
                String col = ac.column().name();
                String name = ac.column().constraints().stream().filter(k -> k.kind() == ConstraintDef.Kind.UNIQUE)
                        .map(ConstraintDef::name).filter(n -> n != null).findFirst()
                        .orElse(ColumnConstraintRecipes.constraintName(ac.target(), List.of(col), "key"));
                String table = ctx.display(ac.target());
                String action = ColumnConstraintRecipes.actionText(st, ac);
                String[] split = action == null ? null
                        : ColumnConstraintRecipes.splitColumnConstraint(action, "unique");
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Adding column " + col + " as UNIQUE builds its index over all of " + table
                                + " under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build.")
                        .help("Add the column without UNIQUE, then CREATE UNIQUE INDEX CONCURRENTLY and ADD CONSTRAINT "
                                + "... UNIQUE USING INDEX.")
                        .fix(split == null ? null : "ALTER TABLE " + ColumnConstraintRecipes.sql(ac.target()) + " "
                                + split[0] + ";\n" + ColumnConstraintRecipes.concurrentIndexThenConstraint(ac.target(),
                                name, List.of(col), "UNIQUE"))
                        .add();
            }
        }
    }
}
