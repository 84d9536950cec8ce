package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;

/** {@code ADD PRIMARY KEY (...)} builds the index under ACCESS EXCLUSIVE, after a NOT NULL scan of nullable columns. */
public final class AddPrimaryKeyInlineIndexRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_PRIMARY_KEY_INLINE_INDEX;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (ctx.isNew(c.target())) {
                continue;
            }
            if (c instanceof Change.AddConstraint ac && ac.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY
                    && ac.constraint().usingIndex() == null) {
                addConstraint(st, ctx, out, ac);
            } else if (c instanceof Change.AddColumn ac && ac.column().isPrimaryKey()) {
                String table = ctx.display(ac.target());
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .message("Adding column " + ac.column().name() + " as PRIMARY KEY builds its unique index over "
                                + "all of " + table + " under an ACCESS EXCLUSIVE lock, blocking reads and writes for "
                                + "the whole build.")
                        .help("Add and fill the column first, make it NOT NULL with the CHECK recipe, then CREATE "
                                + "UNIQUE INDEX CONCURRENTLY and ADD PRIMARY KEY USING INDEX.")
                        .add();
            }
        }
    }

    private void addConstraint(ParsedStatement st, AnalysisContext ctx, Findings out, Change.AddConstraint ac) {
        QualifiedName t = ac.target();
        ConstraintDef k = ac.constraint();
        String table = ctx.display(t);
        String name = k.name() != null ? k.name() : t.name() + "_pkey";
        List<String> nullable = k.columns().stream().filter(col -> !knownNotNull(ctx, t, col)).toList();
        boolean catalogShowsNullable = nullable.stream().anyMatch(col -> ctx.column(t, col).isPresent());
        String scan;
        if (nullable.isEmpty()) {
            scan = ".";
        } else if (catalogShowsNullable) {
            scan = ", after a full scan to make " + String.join(", ", nullable) + " NOT NULL (the catalog shows "
                    + (nullable.size() == 1 ? "it" : "them") + " as nullable).";
        } else {
            scan = ", plus a full scan to make " + String.join(", ", nullable) + " NOT NULL unless "
                    + (nullable.size() == 1 ? "it already is." : "they already are.");
        }
        StringBuilder fix = new StringBuilder();
        if (ctx.pgVersion().atLeast(12)) {
            for (String col : nullable) {
                fix.append(ColumnConstraintRecipes.notNullRecipe(t, col, ctx.pgVersion())).append('\n');
            }
        }
        fix.append(ColumnConstraintRecipes.concurrentIndexThenConstraint(t, name, k.columns(), "PRIMARY KEY"));
        out.of(hazard(), st)
                .object(table)
                .lock(LockMode.ACCESS_EXCLUSIVE)
                .message("Adding primary key " + name + " builds its unique index on " + table + " under an ACCESS "
                        + "EXCLUSIVE lock, blocking reads and writes for the whole build" + scan)
                .help("Make the columns NOT NULL with the CHECK recipe, CREATE UNIQUE INDEX CONCURRENTLY, then ADD "
                        + "PRIMARY KEY USING INDEX.")
                .fix(fix.toString())
                .add();
    }

    /** NOT NULL already, or (PG 12+) proven by a validated CHECK, so the primary key needs no scan for it. */
    static boolean knownNotNull(AnalysisContext ctx, QualifiedName table, String column) {
        return ctx.isNotNull(table, column)
                || ctx.pgVersion().atLeast(12) && ctx.hasValidNotNullCheck(table, column);
    }
}
