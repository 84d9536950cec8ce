package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/** {@code ADD PRIMARY KEY USING INDEX} over nullable columns: the implicit SET NOT NULL scans under AE. */
public final class AddPrimaryKeyUsingIndexNullableRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_PRIMARY_KEY_USING_INDEX_NULLABLE;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AddConstraint ac : st.changes(Change.AddConstraint.class)) {
            ConstraintDef k = ac.constraint();
            if (k.kind() != ConstraintDef.Kind.PRIMARY_KEY || k.usingIndex() == null || ctx.isNew(ac.target())) {
                continue;
            }
            QualifiedName t = ac.target();
            String table = ctx.display(t);
            String name = k.name() != null ? k.name() : k.usingIndex();
            String pk = "Adding primary key " + name + " USING INDEX " + k.usingIndex();
            Optional<List<String>> columns = ctx.indexColumns(new QualifiedName(null, k.usingIndex()), t);
            if (columns.isEmpty()) {
                out.of(hazard(), st)
                        .object(table)
                        .lock(LockMode.ACCESS_EXCLUSIVE)
                        .risk(Risk.MEDIUM)
                        .message(pk + " scans all of " + table + " under an ACCESS EXCLUSIVE lock, blocking reads and "
                                + "writes, if any of the index's columns is nullable (schemapilot cannot see "
                                + k.usingIndex() + " without a catalog).")
                        .help("Make the index's columns NOT NULL first with the CHECK recipe, or give schemapilot the "
                                + "schema so it can check.")
                        .add();
                continue;
            }
            List<String> nullable = columns.get().stream()
                    .filter(col -> !AddPrimaryKeyInlineIndexRule.knownNotNull(ctx, t, col)).toList();
            if (nullable.isEmpty()) {
                continue;
            }
            String cols = String.join(", ", nullable);
            boolean known = nullable.stream().anyMatch(col -> ctx.column(t, col).isPresent());
            String verb = nullable.size() == 1 ? " is" : " are";
            String why = known ? "the catalog shows " + cols + " as nullable"
                    : "schemapilot assumes " + cols + verb + " nullable: neither the migration nor a catalog says "
                    + "otherwise";
            StringBuilder fix = new StringBuilder();
            if (ctx.pgVersion().atLeast(12)) {
                nullable.forEach(col -> fix.append(ColumnConstraintRecipes.notNullRecipe(t, col, ctx.pgVersion()))
                        .append('\n'));
                fix.append(st.source().text().strip()).append(';');
            }
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .message(pk + " makes " + cols + " NOT NULL, which scans all of " + table + " under an ACCESS "
                            + "EXCLUSIVE lock, blocking reads and writes (" + why + ").")
                    .help("Make " + cols + " NOT NULL first with the CHECK recipe (PostgreSQL 12+ then skips the "
                            + "scan).")
                    .fix(fix.isEmpty() ? null : fix.toString())
                    .add();
        }
    }
}
