package io.schemapilot.plan.recipes;

import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code CREATE INDEX} on an existing table: CONCURRENTLY, in its own non-transactional step, after dropping an
 * INVALID leftover of an interrupted earlier attempt.
 */
public final class CreateIndexRecipe implements Recipe {

    @Override
    public String id() {
        return "create-index";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.CreateIndex ci) || ci.target() == null || ci.only()
                || ctx.isNewTable(ci.target())) {
            return false;
        }
        if (ctx.table(ci.target()).map(t -> t.partitioned()).orElse(false)) {
            ctx.note("CREATE INDEX on the partitioned table " + ctx.display(ci.target()) + " passes through as "
                    + "written: CONCURRENTLY is not supported on a partitioned parent (build it ON ONLY the parent, "
                    + "CONCURRENTLY on each partition, then ATTACH each).");
            return false;
        }
        return tail(ctx.clause(), ci) != null;
    }

    /** The text after {@code ON table}. */
    static String tail(String sql, Change.CreateIndex ci) {
        List<Token> t = Sql.tokens(sql);
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("on")) {
                int j = i + 1;
                if (j < t.size() && t.get(j).isWord("only")) {
                    return null;
                }
                j++;
                while (j + 1 < t.size() && t.get(j).isPunct('.')) {
                    j += 2;
                }
                return j < t.size() ? sql.substring(t.get(j).offset()).strip() : null;
            }
        }
        return null;
    }

    static String indexName(Change.CreateIndex ci) {
        if (ci.name() != null) {
            return ci.name().name();
        }
        List<String> cols = new ArrayList<>();
        for (String c : ci.columns()) {
            cols.add(c.matches("[A-Za-z_][A-Za-z0-9_$]*") ? c : "expr");
        }
        return Sql.defaultName(ci.target().name(), cols, "idx");
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.CreateIndex ci = (Change.CreateIndex) change;
        String name = indexName(ci);
        String description = "Build the " + (ci.unique() ? "unique " : "") + "index " + name + " on "
                + ctx.display(ci.target()) + " CONCURRENTLY, outside a transaction (reads and writes go on)";
        return List.of(ConstraintSteps.concurrentIndex(ctx, Phase.EXPAND, ci.target(), name, ci.unique(),
                tail(ctx.clause(), ci), description));
    }
}
