package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.LockModel;
import io.schemapilot.analysis.TableLock;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SQL that needs no recipe passes through as a raw step (never silently dropped), with a lock_timeout, the lock its
 * changes take, a down where one can be derived (CREATE ... → DROP ..., a catalog-known old default, ...) and a
 * verification where one can be derived.
 */
public final class RawSteps {
    private RawSteps() {
    }

    /** The step for {@code sql}, whose changes are {@code changes}. */
    public static PlanStep raw(RecipeContext ctx, String sql, List<Change> changes) {
        Phase phase = Phase.EXPAND;
        boolean transactional = true;
        boolean destructive = false;
        LockMode lock = null;
        AnalysisContext actx = AnalysisContext.fresh(ctx.settings(), ctx.catalog());
        List<String> downs = new ArrayList<>();
        List<String> verifies = new ArrayList<>();
        String irreversible = null;
        QualifiedName main = null;
        for (Change c : changes) {
            if (main == null && c.target() != null) {
                main = c.target();
            }
            if (c instanceof Change.Insert || c instanceof Change.Update || c instanceof Change.Delete) {
                phase = max(phase, Phase.BACKFILL);
            } else if (isDrop(c)) {
                phase = Phase.CONTRACT;
            }
            if (destroys(c)) {
                destructive = true;
            }
            for (TableLock l : LockModel.locks(c, ctx.statement().number(), actx)) {
                if (lock == null || l.mode().compareTo(lock) > 0) {
                    lock = l.mode();
                }
            }
            String inverse = inverse(ctx, c);
            if (inverse == null) {
                if (irreversible == null) {
                    irreversible = "irreversible: no automatic down for " + describe(c) + "; write one, or restore "
                            + "from the backup taken before this step";
                }
            } else if (!inverse.isEmpty()) {
                downs.add(0, inverse);
            }
            String v = verify(ctx, c);
            if (v != null) {
                verifies.add(v);
            }
        }
        if (!canRunInTransaction(sql, changes)) {
            transactional = false;
        }
        String excerpt = excerpt(sql);
        PlanStep.Builder b = ctx.step(phase, "Run as written: " + excerpt)
                .up(Sql.stmt(sql))
                .verify(verifies.isEmpty() ? "SELECT 'nothing to verify automatically' AS problem WHERE false;"
                        : Verify.all(verifies.toArray(new String[0])))
                .lock(lock).seconds(seconds(ctx, main, changes)).object(main == null ? null : ctx.display(main));
        if (!transactional) {
            b.nonTransactional();
        }
        if (destructive) {
            b.destructive();
        }
        if (irreversible != null) {
            b.irreversible(irreversible);
        } else if (downs.isEmpty()) {
            b.noDown("the statement changes nothing that needs undoing");
        } else {
            b.down(String.join("\n", downs));
        }
        return b.build();
    }

    private static Phase max(Phase a, Phase b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static String excerpt(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    static boolean isDrop(Change c) {
        return c instanceof Change.DropTable || c instanceof Change.DropColumn || c instanceof Change.DropConstraint
                || c instanceof Change.DropIndex || c instanceof Change.DropObject || c instanceof Change.DropSchema
                || c instanceof Change.Truncate || c instanceof Change.DropDatabase;
    }

    /** Removes data that cannot come back from the database itself. */
    static boolean destroys(Change c) {
        return c instanceof Change.DropTable || c instanceof Change.DropColumn || c instanceof Change.DropSchema
                || c instanceof Change.Truncate || c instanceof Change.DropDatabase || c instanceof Change.Delete
                || (c instanceof Change.DropObject d && d.kind().contains("MATERIALIZED"));
    }

    static boolean canRunInTransaction(String sql, List<Change> changes) {
        for (Change c : changes) {
            if (c instanceof Change.CreateIndex ci && ci.concurrently()
                    || c instanceof Change.DropIndex di && di.concurrently()
                    || c instanceof Change.Reindex r && r.concurrently()
                    || c instanceof Change.DetachPartition dp && dp.concurrently()
                    || c instanceof Change.Vacuum
                    || c instanceof Change.DropDatabase) {
                return false;
            }
            if (c instanceof Change.DoBlock) {
                for (Token t : Sql.tokens(sql)) {
                    if (t.isString() && Sql.hasWord(t.value(), "commit")) {
                        return false;
                    }
                }
            }
        }
        String first = sql.strip().toLowerCase(Locale.ROOT);
        return !(first.startsWith("create database") || first.startsWith("alter system") || first.startsWith("call "));
    }

    /** The inverse SQL; "" when nothing needs undoing; null when none can be derived. */
    static String inverse(RecipeContext ctx, Change c) {
        if (c instanceof Change.CreateTable ct) {
            return ct.temporary() ? "" : "DROP TABLE IF EXISTS " + Sql.name(ct.target()) + ";";
        }
        if (c instanceof Change.AddColumn ac) {
            return "ALTER TABLE " + Sql.name(ac.target()) + " DROP COLUMN IF EXISTS " + Sql.ident(ac.column().name())
                    + ";";
        }
        if (c instanceof Change.CreateIndex ci) {
            if (ci.target() == null) {
                return null;
            }
            String name = ci.name() != null ? ci.name().name() : io.schemapilot.plan.recipes.Names.indexName(ci);
            return "DROP INDEX " + (ci.concurrently() ? "CONCURRENTLY " : "") + "IF EXISTS "
                    + Sql.name(ci.target().schema(), name) + ";";
        }
        if (c instanceof Change.CreateView cv) {
            return "DROP " + (cv.materialized() ? "MATERIALIZED " : "") + "VIEW IF EXISTS " + Sql.name(cv.target())
                    + ";";
        }
        if (c instanceof Change.CreateEnum ce) {
            return "DROP TYPE IF EXISTS " + Sql.name(ce.target()) + ";";
        }
        if (c instanceof Change.CreateDomain cd) {
            return "DROP DOMAIN IF EXISTS " + Sql.name(cd.target()) + ";";
        }
        if (c instanceof Change.CreateTrigger tr && tr.name() != null && tr.target() != null) {
            return "DROP TRIGGER IF EXISTS " + Sql.ident(tr.name().name()) + " ON " + Sql.name(tr.target()) + ";";
        }
        if (c instanceof Change.AddConstraint ac) {
            String name = constraintName(ac);
            return name == null ? null : "ALTER TABLE " + Sql.name(ac.target()) + " DROP CONSTRAINT IF EXISTS "
                    + Sql.ident(name) + ";";
        }
        if (c instanceof Change.DropConstraint dc) {
            return readdConstraint(ctx, dc);
        }
        if (c instanceof Change.ValidateConstraint || c instanceof Change.SetVariable
                || c instanceof Change.Other o && o.keyword().equals("select")) {
            return "";
        }
        if (c instanceof Change.AddEnumValue av && ctx.facts().enumLabels(av.target()) != null) {
            return ""; // the type is new: the down of its CREATE TYPE drops it
        }
        if (c instanceof Change.Insert ins && ctx.isNewTable(ins.target())) {
            return ""; // the table is new: the down of its CREATE TABLE drops it
        }
        if (c instanceof Change.RenameColumn rc) {
            return "ALTER TABLE " + Sql.name(rc.target()) + " RENAME COLUMN " + Sql.ident(rc.to()) + " TO "
                    + Sql.ident(rc.from()) + ";";
        }
        if (c instanceof Change.RenameTable rt) {
            return "ALTER TABLE " + Sql.name(new QualifiedName(rt.target().schema(), rt.newName())) + " RENAME TO "
                    + Sql.ident(rt.target().name()) + ";";
        }
        if (c instanceof Change.DropNotNull dn) {
            return "ALTER TABLE " + Sql.name(dn.target()) + " ALTER COLUMN " + Sql.ident(dn.column())
                    + " SET NOT NULL;";
        }
        if (c instanceof Change.SetNotNull sn) {
            return "ALTER TABLE " + Sql.name(sn.target()) + " ALTER COLUMN " + Sql.ident(sn.column())
                    + " DROP NOT NULL;";
        }
        if (c instanceof Change.SetDefault sd) {
            if (ctx.isNewTable(sd.target())) {
                return "";
            }
            Optional<CatalogSnapshot.Column> col = ctx.column(sd.target(), sd.column());
            if (col.isEmpty()) {
                return null;
            }
            String old = col.get().defaultExpr();
            return "ALTER TABLE " + Sql.name(sd.target()) + " ALTER COLUMN " + Sql.ident(sd.column())
                    + (old == null ? " DROP DEFAULT;" : " SET DEFAULT " + old + ";");
        }
        if (c instanceof Change.AlterColumnType at) {
            if (ctx.isNewTable(at.target())) {
                return "";
            }
            return ctx.column(at.target(), at.column()).map(col -> "ALTER TABLE " + Sql.name(at.target())
                    + " ALTER COLUMN " + Sql.ident(at.column()) + " TYPE " + col.type() + ";").orElse(null);
        }
        if (c instanceof Change.Update u && ctx.isNewTable(u.target())
                || c instanceof Change.Delete d && ctx.isNewTable(d.target())) {
            return "";
        }
        if (c instanceof Change.DropTable dt) {
            for (QualifiedName n : dt.names()) {
                if (!ctx.isNewTable(n)) {
                    return null;
                }
            }
            return "";
        }
        if (c instanceof Change.OtherTableAction ota && ctx.isNewTable(ota.target())) {
            return "";
        }
        return null;
    }

    /**
     * The down of a DROP CONSTRAINT: the constraint added again, from the statement of this migration that added it
     * or from the catalog's definition ({@code pg_get_constraintdef}, so NOT VALID, ON DELETE and the like are
     * kept). Null when neither knows it, or with CASCADE (what else it dropped is not known); "" for IF EXISTS on a
     * constraint the catalog says is not there.
     */
    private static String readdConstraint(RecipeContext ctx, Change.DropConstraint dc) {
        if (dc.cascade() || dc.name() == null) {
            return null;
        }
        String again = ctx.facts().readdConstraint(dc.target(), dc.name());
        if (again != null) {
            return again;
        }
        Optional<CatalogSnapshot.Table> table = ctx.table(dc.target());
        if (table.isEmpty()) {
            return null;
        }
        return table.get().constraints().stream().filter(k -> k.name().equals(dc.name()) && k.definition() != null)
                .findFirst().map(k -> "ALTER TABLE " + Sql.name(dc.target()) + " ADD CONSTRAINT " + Sql.ident(k.name())
                        + " " + k.definition() + ";")
                .orElse(dc.ifExists() ? "" : null);
    }

    static String constraintName(Change.AddConstraint ac) {
        ConstraintDef k = ac.constraint();
        if (k.name() != null) {
            return k.name();
        }
        return switch (k.kind()) {
            case FOREIGN_KEY -> Sql.defaultName(ac.target().name(), k.columns(), "fkey");
            case UNIQUE -> Sql.defaultName(ac.target().name(), k.columns(), "key");
            case PRIMARY_KEY -> ac.target().name() + "_pkey";
            default -> null;
        };
    }

    static String verify(RecipeContext ctx, Change c) {
        if (c instanceof Change.CreateTable ct && !ct.temporary()) {
            return Verify.relationExists(ct.target(), "table");
        }
        if (c instanceof Change.AddColumn ac) {
            return Verify.columnExists(ac.target(), ac.column().name());
        }
        if (c instanceof Change.CreateIndex ci && ci.target() != null) {
            String name = ci.name() != null ? ci.name().name() : io.schemapilot.plan.recipes.Names.indexName(ci);
            return Verify.indexValid(new QualifiedName(ci.target().schema(), name));
        }
        if (c instanceof Change.CreateView cv) {
            return Verify.relationExists(cv.target(), "view");
        }
        if (c instanceof Change.AddConstraint ac && constraintName(ac) != null) {
            return Verify.constraintExists(ac.target(), constraintName(ac));
        }
        if (c instanceof Change.DropTable dt) {
            List<String> parts = new ArrayList<>();
            for (QualifiedName n : dt.names()) {
                parts.add(Verify.relationAbsent(n, "table"));
            }
            return Verify.all(parts.toArray(new String[0]));
        }
        if (c instanceof Change.DropColumn dc) {
            return Verify.columnAbsent(dc.target(), dc.column());
        }
        if (c instanceof Change.RenameColumn rc) {
            return Verify.columnExists(rc.target(), rc.to());
        }
        if (c instanceof Change.SetNotNull sn) {
            return Verify.columnNotNull(sn.target(), sn.column());
        }
        if (c instanceof Change.AddEnumValue av) {
            return Verify.enumHasLabel(av.target(), av.value());
        }
        return null;
    }

    static Double seconds(RecipeContext ctx, QualifiedName main, List<Change> changes) {
        if (main == null || ctx.isNewTable(main)) {
            return Estimates.METADATA_SECONDS;
        }
        if (ctx.hasHazard("alter-column-type-rewrite") || ctx.hasHazard("add-column-volatile-default")
                || ctx.hasHazard("add-column-default-pre-pg11") || ctx.hasHazard("vacuum-full-or-cluster")
                || ctx.hasHazard("storage-rewrite") || ctx.hasHazard("add-column-auto-increment")
                || ctx.hasHazard("add-column-generated-stored")) {
            return ctx.estimates().rewrite(main);
        }
        if (ctx.hasHazard("create-index-non-concurrent") || ctx.hasHazard("add-unique-constraint-inline-index")
                || ctx.hasHazard("add-primary-key-inline-index") || ctx.hasHazard("reindex-non-concurrent")) {
            return ctx.estimates().indexBuild(main);
        }
        for (Change c : changes) {
            // NOT VALID constraints are catalog-only; SET NOT NULL skips its scan when a validated CHECK proves it
            // (the engine then reports no set-not-null-full-scan)
            if (c instanceof Change.Update || c instanceof Change.Delete || c instanceof Change.ValidateConstraint
                    || c instanceof Change.SetNotNull && ctx.hasHazard("set-not-null-full-scan")
                    || c instanceof Change.AddConstraint ac && !ac.constraint().notValid()) {
                return ctx.estimates().scan(main);
            }
        }
        return Estimates.METADATA_SECONDS;
    }

    /** A short description of a change for messages: its kind and object. */
    public static String describe(Change c) {
        String kind = c.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        if (c instanceof Change.Other o) {
            kind = o.keyword().toUpperCase(Locale.ROOT);
        }
        if (c instanceof Change.DropConstraint dc && dc.name() != null) {
            return kind + " " + dc.name() + " ON " + dc.target();
        }
        return c.target() == null ? kind : kind + " " + c.target();
    }
}
