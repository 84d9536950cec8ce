package io.schemapilot.plan.recipes;

import io.schemapilot.sql.Change;

/** Names PostgreSQL chooses for objects the migration leaves unnamed. */
public final class Names {
    private Names() {
    }

    public static String indexName(Change.CreateIndex ci) {
        return CreateIndexRecipe.indexName(ci);
    }
}
