package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The pieces shared by the expand/contract column recipes (rename, type change): a second column kept in sync by a
 * trigger, and copies of the old column's indexes and constraints built without long locks.
 */
final class ShadowColumn {
    private ShadowColumn() {
    }

    static QualifiedName function(QualifiedName table, String column) {
        return new QualifiedName(table.schema(), Sql.limit("sp_sync_" + table.name() + "_" + column, ""));
    }

    static String trigger(QualifiedName table, String column) {
        return Sql.limit("sp_sync_" + column, "");
    }

    /** CREATE FUNCTION + CREATE TRIGGER (BEFORE INSERT OR UPDATE, FOR EACH ROW) with {@code body} as the logic. */
    static String createTrigger(QualifiedName table, String column, String body) {
        QualifiedName fn = function(table, column);
        String trg = trigger(table, column);
        return "CREATE OR REPLACE FUNCTION " + Sql.name(fn) + "() RETURNS trigger LANGUAGE plpgsql AS $sp$\n"
                + "BEGIN\n" + Sql.indent(body.strip(), 2) + "\n  RETURN NEW;\nEND\n$sp$;\n"
                + "DROP TRIGGER IF EXISTS " + Sql.ident(trg) + " ON " + Sql.name(table) + ";\n"
                + "CREATE TRIGGER " + Sql.ident(trg) + " BEFORE INSERT OR UPDATE ON " + Sql.name(table)
                + " FOR EACH ROW EXECUTE FUNCTION " + Sql.name(fn) + "();";
    }

    static String dropTrigger(QualifiedName table, String column) {
        return "DROP TRIGGER IF EXISTS " + Sql.ident(trigger(table, column)) + " ON " + Sql.name(table) + ";\n"
                + "DROP FUNCTION IF EXISTS " + Sql.name(function(table, column)) + "();";
    }

    /**
     * Adds {@code column} with {@code type}, or, when the type is unknown (null, no catalog), with the type of
     * {@code like} read at run time.
     */
    static String addColumn(QualifiedName table, String column, String type, String like) {
        if (type != null) {
            return "ALTER TABLE " + Sql.name(table) + " ADD COLUMN IF NOT EXISTS " + Sql.ident(column) + " " + type
                    + ";";
        }
        return "DO $sp$\nBEGIN\n  EXECUTE format('ALTER TABLE %s ADD COLUMN IF NOT EXISTS %I %s', "
                + Sql.lit(Sql.name(table)) + ", " + Sql.lit(column)
                + ", (SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + Sql.regclass(table) + " AND attname = " + Sql.lit(like) + "));\nEND\n$sp$;";
    }

    /** {@code name} with {@code from} replaced by {@code to}, or {@code name_to} (63 bytes). */
    static String renamed(String name, String from, String to) {
        String n = name.contains(from) ? name.replace(from, to) : name + "_" + to;
        return n.equals(name) ? Sql.limit(name, "_" + to) : Sql.limit(n, "");
    }

    /** Replaces column tokens {@code from} by {@code to} in a catalog definition. */
    static String replaceColumn(String sql, String from, String to) {
        StringBuilder sb = new StringBuilder();
        int pos = 0;
        for (Token t : Sql.tokens(sql)) {
            if (t.isIdentifier() && t.value().equals(from)) {
                sb.append(sql, pos, t.offset()).append(Sql.ident(to));
                pos = t.endOffset();
            }
        }
        return sb.append(sql.substring(pos)).toString();
    }

    /** What follows {@code ON table} in an index definition. */
    static String indexTail(String definition) {
        List<Token> t = Sql.tokens(definition);
        for (int i = 0; i < t.size(); i++) {
            if (t.get(i).isWord("on")) {
                int j = i + 1;
                if (j < t.size() && t.get(j).isWord("only")) {
                    j++;
                }
                j++;
                while (j + 1 < t.size() && t.get(j).isPunct('.')) {
                    j += 2;
                }
                return j < t.size() ? definition.substring(t.get(j).offset()) : null;
            }
        }
        return null;
    }

    /** Copies on {@code to} of the indexes, UNIQUE, CHECK and FOREIGN KEY constraints that use {@code from}. */
    record Copies(List<PlanStep> build, List<PlanStep> attach, List<String> skipped) {
    }

    static Copies copies(RecipeContext ctx, QualifiedName table, String from, String to) {
        List<PlanStep> build = new ArrayList<>();
        List<PlanStep> attach = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        CatalogSnapshot.Table x = ctx.table(table).orElse(null);
        if (x == null) {
            return new Copies(build, attach, skipped);
        }
        List<String> constraintIndexes = new ArrayList<>();
        for (CatalogSnapshot.Constraint k : x.constraints()) {
            if (k.index() != null) {
                constraintIndexes.add(k.index());
            }
            boolean uses = KeySwap.uses(k, from);
            if (!uses || k.type() == 'n') {
                continue;
            }
            String name = renamed(k.name(), from, to);
            switch (k.type()) {
                case 'c', 'f' -> {
                    String body = replaceColumn(k.definition().replaceAll(" NOT VALID$", ""), from, to);
                    build.addAll(ConstraintSteps.notValidThenValidate(ctx, table, name, body, k.type() == 'f'));
                }
                case 'u' -> {
                    CatalogSnapshot.Index i = x.index(k.index()).orElse(null);
                    String tail = i == null ? null : indexTail(i.definition());
                    if (tail == null) {
                        skipped.add(k.name());
                        continue;
                    }
                    build.add(ConstraintSteps.concurrentIndex(ctx, Phase.BACKFILL, table, name, true,
                            replaceColumn(tail, from, to), "Build the unique index " + name + " on " + to
                                    + " CONCURRENTLY (copy of " + k.name() + ")"));
                    attach.add(ctx.step(Phase.CONTRACT, "Attach " + name + " as the UNIQUE constraint on " + to)
                            .up("ALTER TABLE " + Sql.name(table) + " ADD CONSTRAINT " + Sql.ident(name)
                                    + " UNIQUE USING INDEX " + Sql.ident(name) + ";")
                            .down("ALTER TABLE " + Sql.name(table) + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name)
                                    + ";")
                            .verify(Verify.constraintExists(table, name))
                            .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata())
                            .object(ctx.display(table) + "." + name)
                            .build());
                }
                default -> skipped.add(k.name());
            }
        }
        for (CatalogSnapshot.Index i : x.indexes()) {
            if (constraintIndexes.contains(i.name())
                    || !(i.columns().contains(from) || DropColumnRecipe.mentions(i.definition(), from))) {
                continue;
            }
            String tail = indexTail(i.definition());
            if (tail == null) {
                skipped.add(i.name());
                continue;
            }
            String name = renamed(i.name(), from, to);
            build.add(ConstraintSteps.concurrentIndex(ctx, Phase.BACKFILL, table, name, i.unique(),
                    replaceColumn(tail, from, to), "Build the index " + name + " on " + to + " CONCURRENTLY (copy of "
                            + i.name() + ")"));
        }
        return new Copies(build, attach, skipped);
    }

    /** Whether {@code column} is part of the primary key (moved only by PrimaryKeyTypeRecipe). */
    static boolean inPrimaryKey(RecipeContext ctx, QualifiedName table, String column) {
        return ctx.table(table).map(x -> x.constraints().stream()
                .anyMatch(k -> k.type() == 'p' && k.columns().contains(column))).orElse(false);
    }

    /** Whether another table's foreign key references {@code table} (the recipes do not move those). */
    static boolean referenced(RecipeContext ctx, QualifiedName table) {
        if (ctx.catalog() == null) {
            return false;
        }
        CatalogSnapshot.Table x = ctx.table(table).orElse(null);
        if (x == null) {
            return false;
        }
        for (CatalogSnapshot.Table t : ctx.catalog().tables()) {
            for (CatalogSnapshot.Constraint k : t.constraints()) {
                if (k.type() == 'f' && k.refTable() != null && k.refTable().name().equals(x.name())
                        && x.schema().equals(k.refTable().schemaOr(x.schema()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
