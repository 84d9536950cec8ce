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
import java.util.Set;
import java.util.stream.Collectors;

/** A UNIQUE index, UNIQUE constraint or primary key built over existing rows fails if they hold duplicates. */
public final class CreateUniqueIndexDuplicatesRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.CREATE_UNIQUE_INDEX_DUPLICATES;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change c : st.changes()) {
            if (ctx.isNew(c.target())) {
                continue;
            }
            if (c instanceof Change.CreateIndex ci && ci.unique()) {
                String what = "Building unique index" + (ci.name() == null ? "" : " " + ci.name().name());
                report(st, ctx, out, ci.target(), what, ci.columns(), ci.where(),
                        ci.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE, ci.concurrently());
            } else if (c instanceof Change.AddConstraint ac && ac.constraint().usingIndex() == null
                    && (ac.constraint().kind() == ConstraintDef.Kind.UNIQUE
                    || ac.constraint().kind() == ConstraintDef.Kind.PRIMARY_KEY)) {
                ConstraintDef k = ac.constraint();
                String kind = k.kind() == ConstraintDef.Kind.UNIQUE ? "UNIQUE constraint" : "primary key";
                String what = "Adding " + kind + (k.name() == null ? "" : " " + k.name());
                report(st, ctx, out, ac.target(), what, k.columns(), null, LockMode.ACCESS_EXCLUSIVE, false);
            }
        }
    }

    private void report(ParsedStatement st, AnalysisContext ctx, Findings out, QualifiedName target, String what,
                        List<String> keys, String where, LockMode lock, boolean concurrently) {
        if (keys.isEmpty() || alreadyUnique(ctx, target, keys)) {
            return;
        }
        String table = ctx.display(target);
        List<String> exprs = keys.stream().map(ColumnConstraintRecipes::keyExpression).toList();
        String leftover = concurrently
                ? ", and the failed CONCURRENTLY build leaves an INVALID index behind that still slows writes."
                : ", after holding its " + lock.sqlName() + " lock for the whole build.";
        out.of(hazard(), st)
                .object(table)
                .lock(lock)
                .message(what + " on " + table + " (" + String.join(", ", exprs) + ") fails if existing rows already "
                        + "share a value" + leftover)
                .help("Check for duplicates with the GROUP BY ... HAVING count(*) > 1 query and clean them up before "
                        + "building the index.")
                .fix(ColumnConstraintRecipes.duplicatesQuery(target, keys, where))
                .add();
    }

    /**
     * The catalog shows a valid, non-partial unique index whose columns are all among {@code keys}: the new key is
     * a superset of a unique one, so it cannot have duplicates.
     */
    private static boolean alreadyUnique(AnalysisContext ctx, QualifiedName target, List<String> keys) {
        Set<String> k = keys.stream().map(ColumnConstraintRecipes::keyExpression).collect(Collectors.toSet());
        return ctx.table(target).map(t -> t.indexes().stream().anyMatch(i -> i.unique() && i.valid() && !i.partial()
                && !i.columns().isEmpty() && i.columns().stream().map(ColumnConstraintRecipes::ident)
                .allMatch(k::contains))).orElse(false);
    }
}
