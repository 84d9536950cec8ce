package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Backups;
import io.schemapilot.plan.Batches;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * A large (or unbounded) {@code UPDATE} / {@code DELETE}: keyed batches, one transaction each, with a pause; every
 * batch first saves what it changes into a backup table (the old values of the updated columns, or the deleted
 * rows), which makes the step resumable (it starts after the last saved key) and reversible (the down puts the saved
 * values or rows back).
 */
public final class BatchedDmlRecipe implements Recipe {

    @Override
    public String id() {
        return "batched-dml";
    }

    /** The readable parts of a plain single-table UPDATE / DELETE. */
    record Parts(String set, String where) {
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        QualifiedName target;
        boolean hasWhere;
        if (change instanceof Change.Update u) {
            target = u.target();
            hasWhere = u.hasWhere();
        } else if (change instanceof Change.Delete d) {
            target = d.target();
            hasWhere = d.hasWhere();
        } else {
            return false;
        }
        if (target == null || ctx.isNewTable(target) || ctx.statement().changes().size() != 1) {
            return false;
        }
        boolean large = ctx.rows(target) > ctx.options().largeTableRows() || (!ctx.hasCatalog() && !hasWhere)
                || ctx.hasHazard("update-without-where") || ctx.hasHazard("delete-without-where")
                || ctx.hasHazard("backfill-in-ddl-transaction");
        if (!large) {
            return false;
        }
        if (ctx.table(target).isPresent() && ctx.keyColumn(target) == null) {
            ctx.note(ctx.display(target) + " has no single-column unique NOT NULL key: the statement at "
                    + ctx.source() + " passes through in one transaction.");
            return false;
        }
        if (parts(ctx.clause(), change instanceof Change.Update) == null) {
            ctx.note("The " + (change instanceof Change.Update ? "UPDATE" : "DELETE") + " of " + ctx.display(target)
                    + " at " + ctx.source() + " passes through as written: only a single-table statement without "
                    + "alias, FROM/USING, RETURNING or WITH can be batched automatically.");
            return false;
        }
        return true;
    }

    /** SET and WHERE texts, or null when the statement is not a plain single-table one. */
    static Parts parts(String sql, boolean update) {
        List<Token> t = Sql.tokens(sql);
        int i = 0;
        if (t.isEmpty()) {
            return null;
        }
        if (update) {
            if (!t.get(i++).isWord("update")) {
                return null;
            }
        } else {
            if (!t.get(i++).isWord("delete") || i >= t.size() || !t.get(i++).isWord("from")) {
                return null;
            }
        }
        if (i < t.size() && t.get(i).isWord("only")) {
            i++;
        }
        i++; // name
        while (i + 1 < t.size() && t.get(i).isPunct('.')) {
            i += 2;
        }
        if (i >= t.size()) {
            return update ? null : new Parts(null, null);
        }
        int setStart = -1;
        if (update) {
            if (!t.get(i).isWord("set")) {
                return null; // an alias
            }
            setStart = i + 1;
        }
        int depth = 0;
        int whereAt = -1;
        for (int j = i; j < t.size(); j++) {
            Token k = t.get(j);
            if (k.isPunct('(')) {
                depth++;
            } else if (k.isPunct(')')) {
                depth--;
            } else if (depth == 0 && (k.isWord("from") && update || k.isWord("using") || k.isWord("returning"))) {
                return null;
            } else if (depth == 0 && k.isWord("where") && whereAt < 0) {
                whereAt = j;
            }
        }
        if (!update && whereAt < 0 && i < t.size()) {
            return null; // an alias or something else after the table
        }
        if (!update && whereAt >= 0 && whereAt != i) {
            return null;
        }
        String where = null;
        if (whereAt >= 0) {
            if (whereAt + 1 < t.size() && t.get(whereAt + 1).isWord("current")) {
                return null;
            }
            where = sql.substring(t.get(whereAt).endOffset()).strip();
        }
        String set = null;
        if (update) {
            int end = whereAt >= 0 ? t.get(whereAt).offset() : sql.length();
            if (setStart >= t.size()) {
                return null;
            }
            set = sql.substring(t.get(setStart).offset(), end).strip();
        }
        return new Parts(set, where);
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        boolean update = change instanceof Change.Update;
        QualifiedName table = change.target();
        Parts p = parts(ctx.clause(), update);
        String where = p.where() == null ? "true" : p.where();
        String t = Sql.name(table);
        String key = ctx.keyColumn(table);
        String k = Sql.ident(key);
        QualifiedName backup = ctx.backupTable(table.name() + "__" + (update ? "update_" : "delete_")
                + ctx.statement().number());
        String b = Sql.name(backup);
        String resume = "SELECT max(" + k + ") FROM " + b;
        cascadeNote(ctx, table, update);
        if (update) {
            List<String> cols = new ArrayList<>(((Change.Update) change).columns());
            if (cols.isEmpty()) {
                for (String a : Sql.splitTopLevel(p.set())) {
                    int eq = a.indexOf('=');
                    if (eq > 0) {
                        cols.add(a.substring(0, eq).strip());
                    }
                }
            }
            List<String> quoted = cols.stream().map(c -> c.startsWith("\"") || c.startsWith("(") ? c : Sql.ident(c))
                    .toList();
            String saved = k + (quoted.isEmpty() ? "" : ", " + String.join(", ", quoted));
            String body = "INSERT INTO " + b + "\n"
                    + "  SELECT " + saved + " FROM " + t + "\n"
                    + "   WHERE " + Batches.inBatch(key) + " AND (" + where + ")\n"
                    + "   FOR UPDATE;\n"
                    + "UPDATE " + t + " SET " + p.set() + "\n"
                    + " WHERE " + Batches.inBatch(key) + " AND (" + where + ");";
            StringBuilder restore = new StringBuilder("UPDATE " + t + " AS x SET ");
            for (int i = 0; i < quoted.size(); i++) {
                restore.append(i > 0 ? ", " : "").append(quoted.get(i)).append(" = b.").append(quoted.get(i));
            }
            restore.append(" FROM ").append(b).append(" AS b WHERE x.").append(k).append(" = b.").append(k)
                    .append(";\n");
            return List.of(ctx.step(Phase.BACKFILL, "Update " + ctx.display(table) + " in keyed batches of "
                            + ctx.options().batchSize() + " rows, one transaction each, saving the old values of "
                            + String.join(", ", cols) + " into " + backup + " first (resumable, reversible)")
                    .up(Backups.createSchema(ctx.options()) + "\nCREATE TABLE IF NOT EXISTS " + b + " AS SELECT "
                            + saved + " FROM " + t + " WITH NO DATA;\n"
                            + Batches.loop(table, key, body, resume, ctx.options()))
                    .down(restore + "DROP TABLE IF EXISTS " + b + ";\n" + Backups.dropSchemaIfEmpty(ctx.options()))
                    .downTransactional(true)
                    .verify("SELECT " + k + " FROM " + t + " WHERE (" + where + ") AND " + k + " NOT IN (SELECT " + k
                            + " FROM " + b + ") LIMIT 5;")
                    .batched().destructive().lock(LockMode.ROW_EXCLUSIVE).seconds(ctx.estimates().batchedUpdate(table))
                    .object(ctx.display(table)).backup("old values saved in " + backup).backupTable(backup.toString())
                    .build());
        }
        String body = "WITH gone AS (\n"
                + "  DELETE FROM " + t + " WHERE " + Batches.inBatch(key) + " AND (" + where + ") RETURNING *\n"
                + ")\n"
                + "INSERT INTO " + b + " SELECT * FROM gone;";
        String cols = insertableColumns(ctx, table);
        String restore = "INSERT INTO " + t + (cols == null ? "" : " (" + cols + ")") + " OVERRIDING SYSTEM VALUE\n"
                + "  SELECT " + (cols == null ? "*" : cols) + " FROM " + b + "\nON CONFLICT DO NOTHING;\n";
        return List.of(ctx.step(Phase.BACKFILL, "Delete from " + ctx.display(table) + " in keyed batches of "
                        + ctx.options().batchSize() + " rows, one transaction each, moving the deleted rows into "
                        + backup + " (resumable, reversible)")
                .up(Backups.createSchema(ctx.options()) + "\nCREATE TABLE IF NOT EXISTS " + b + " (LIKE " + t + ");\n"
                        + Batches.loop(table, key, body, resume, ctx.options()))
                .down(restore + "DROP TABLE IF EXISTS " + b + ";\n" + Backups.dropSchemaIfEmpty(ctx.options()))
                .downTransactional(true)
                .verify("SELECT " + k + " FROM " + t + " WHERE " + where + " LIMIT 5;")
                .batched().destructive().lock(LockMode.ROW_EXCLUSIVE).seconds(ctx.estimates().batchedUpdate(table))
                .object(ctx.display(table)).backup("deleted rows saved in " + backup).backupTable(backup.toString())
                .build());
    }

    /** The columns an INSERT may write (not generated), in order; null without a catalog (then all). */
    private static String insertableColumns(RecipeContext ctx, QualifiedName table) {
        return ctx.table(table).map(x -> {
            List<String> out = new ArrayList<>();
            for (CatalogSnapshot.Column c : x.columns()) {
                if (!c.isGenerated()) {
                    out.add(Sql.ident(c.name()));
                }
            }
            return String.join(", ", out);
        }).orElse(null);
    }

    private static void cascadeNote(RecipeContext ctx, QualifiedName table, boolean update) {
        if (ctx.catalog() == null || update) {
            return;
        }
        CatalogSnapshot.Table x = ctx.table(table).orElse(null);
        if (x == null) {
            return;
        }
        for (CatalogSnapshot.Table other : ctx.catalog().tables()) {
            for (CatalogSnapshot.Constraint k : other.constraints()) {
                if (k.type() == 'f' && k.refTable() != null && k.refTable().name().equals(x.name())
                        && k.definition() != null && k.definition().contains("ON DELETE CASCADE")) {
                    ctx.note("Rows of " + other.schema() + "." + other.name() + " deleted by ON DELETE CASCADE are not "
                            + "saved in the backup of the DELETE from " + ctx.display(table) + ".");
                }
            }
        }
    }
}
