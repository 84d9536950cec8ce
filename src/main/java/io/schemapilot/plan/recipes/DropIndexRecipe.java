package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DROP INDEX}: CONCURRENTLY, in its own non-transactional step, in the contract phase. The down rebuilds the
 * index CONCURRENTLY from its definition in the catalog.
 */
public final class DropIndexRecipe implements Recipe {

    @Override
    public String id() {
        return "drop-index";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.DropIndex di) || di.cascade() || di.names().isEmpty()) {
            return false;
        }
        for (QualifiedName n : di.names()) {
            Optional<Map.Entry<CatalogSnapshot.Table, CatalogSnapshot.Index>> e = index(ctx, n);
            if (e.isPresent() && (e.get().getKey().partitioned() || backsConstraint(e.get()))) {
                return false;
            }
        }
        return true;
    }

    private static Optional<Map.Entry<CatalogSnapshot.Table, CatalogSnapshot.Index>> index(RecipeContext ctx,
                                                                                          QualifiedName n) {
        return ctx.catalog() == null ? Optional.empty() : ctx.catalog().index(n);
    }

    private static boolean backsConstraint(Map.Entry<CatalogSnapshot.Table, CatalogSnapshot.Index> e) {
        return e.getKey().constraints().stream().anyMatch(c -> e.getValue().name().equals(c.index())
                && (c.type() == 'p' || c.type() == 'u' || c.type() == 'x'));
    }

    /** {@code CREATE [UNIQUE] INDEX name ON ...} as {@code CREATE [UNIQUE] INDEX CONCURRENTLY ...}. */
    static String concurrently(String definition) {
        List<Token> t = Sql.tokens(definition);
        for (Token k : t) {
            if (k.isWord("index")) {
                return definition.substring(0, k.endOffset()) + " CONCURRENTLY"
                        + definition.substring(k.endOffset());
            }
        }
        return definition;
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.DropIndex di = (Change.DropIndex) change;
        List<PlanStep> out = new ArrayList<>();
        for (QualifiedName n : di.names()) {
            Optional<Map.Entry<CatalogSnapshot.Table, CatalogSnapshot.Index>> e = index(ctx, n);
            String display = e.map(x -> x.getKey().schema() + "." + x.getValue().name()).orElse(n.qualified());
            PlanStep.Builder b = ctx.step(Phase.CONTRACT, "Drop the index " + display + " CONCURRENTLY, outside a "
                            + "transaction (no lock that blocks reads or writes)")
                    .up("DROP INDEX CONCURRENTLY IF EXISTS " + Sql.name(n) + ";")
                    .verify(Verify.indexAbsent(n))
                    .nonTransactional().lock(LockMode.SHARE_UPDATE_EXCLUSIVE)
                    .seconds(ctx.estimates().metadata()).object(display)
                    .deployBefore("Deploy application code whose queries no longer need the index " + display
                            + " (check pg_stat_user_indexes.idx_scan) before the contract phase.");
            if (e.isPresent()) {
                b.down("DROP INDEX CONCURRENTLY IF EXISTS " + Sql.name(n) + "; -- an INVALID leftover, if any\n"
                        + concurrently(e.get().getValue().definition()) + ";")
                        .seconds(ctx.estimates().metadata());
            } else {
                b.irreversible("irreversible without a catalog: save the index definition first (SELECT "
                        + "pg_get_indexdef(" + Sql.regclass(n) + ")) and run it with CONCURRENTLY to undo");
            }
            out.add(b.build());
        }
        return out;
    }
}
