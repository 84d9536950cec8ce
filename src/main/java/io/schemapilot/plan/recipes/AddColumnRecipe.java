package io.schemapilot.plan.recipes;

import io.schemapilot.plan.NotNullSteps;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.Recipe;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ADD COLUMN} that would fail, rewrite or lock an existing table: a required column (NOT NULL without a
 * default), a volatile default (or any default before PostgreSQL 11), a serial, or inline REFERENCES / CHECK /
 * UNIQUE / PRIMARY KEY. The column is added nullable without a default; the default is set for new rows; existing
 * rows are backfilled in batches; NOT NULL comes through a validated CHECK; inline constraints follow their own
 * recipes.
 */
public final class AddColumnRecipe implements Recipe {

    @Override
    public String id() {
        return "add-column";
    }

    @Override
    public boolean applies(Change change, RecipeContext ctx) {
        if (!(change instanceof Change.AddColumn ac) || ctx.isNewTable(ac.target())) {
            return false;
        }
        ColumnDef c = ac.column();
        if (c.generated() != ColumnDef.Generated.NONE) {
            ctx.note("ADD COLUMN " + ctx.display(ac.target(), c.name()) + " (generated/identity) passes through as "
                    + "written: add a plain column, fill it with a trigger and a batched backfill instead.");
            return false;
        }
        boolean required = c.notNull() && !c.hasDefault();
        boolean rewrite = ctx.hasHazard("add-column-volatile-default") || ctx.hasHazard("add-column-default-pre-pg11");
        boolean constraints = c.constraints().stream().anyMatch(k -> k.kind() != ConstraintDef.Kind.NOT_NULL);
        return required || rewrite || c.type().isSerial() || constraints;
    }

    static String sqlType(ColumnDef c) {
        return switch (c.type().name()) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> c.type().written();
        };
    }

    @Override
    public List<PlanStep> steps(Change change, RecipeContext ctx) {
        Change.AddColumn ac = (Change.AddColumn) change;
        ColumnDef c = ac.column();
        QualifiedName table = ac.target();
        String t = Sql.name(table);
        String col = Sql.ident(c.name());
        String display = ctx.display(table, c.name());
        boolean pk = c.isPrimaryKey();
        boolean notNull = c.notNull() || c.type().isSerial() || pk;
        List<PlanStep> out = new ArrayList<>();

        // 1. the column, nullable, with the default for new rows
        String defaultExpr = c.defaultExpr();
        StringBuilder up = new StringBuilder();
        StringBuilder down = new StringBuilder("ALTER TABLE " + t + " DROP COLUMN IF EXISTS " + col + ";");
        QualifiedName seq = null;
        if (c.type().isSerial()) {
            seq = new QualifiedName(table.schema(), Sql.defaultName(table.name(), List.of(c.name()), "seq"));
            up.append("CREATE SEQUENCE IF NOT EXISTS ").append(Sql.name(seq)).append(" AS ").append(sqlType(c))
                    .append(";\n");
            defaultExpr = "nextval(" + Sql.lit(Sql.name(seq)) + "::regclass)";
            down.append("\nDROP SEQUENCE IF EXISTS ").append(Sql.name(seq)).append(";");
        }
        up.append("ALTER TABLE ").append(t).append(" ADD COLUMN IF NOT EXISTS ").append(col).append(' ')
                .append(sqlType(c)).append(";\n");
        if (defaultExpr != null) {
            up.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(col).append(" SET DEFAULT ")
                    .append(defaultExpr).append(";\n");
        }
        if (seq != null) {
            up.append("ALTER SEQUENCE ").append(Sql.name(seq)).append(" OWNED BY ").append(t).append('.').append(col)
                    .append(";\n");
        }
        String verify = defaultExpr != null
                ? Verify.all(Verify.columnExists(table, c.name()), Verify.columnHasDefault(table, c.name()))
                : Verify.columnExists(table, c.name());
        out.add(ctx.step(Phase.EXPAND, "Add " + display + " as a nullable column without a default (catalog only, no "
                        + "rewrite)" + (defaultExpr != null ? ", then set its default for new rows" : ""))
                .up(up.toString()).down(down.toString()).verify(verify)
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata()).object(display)
                .build());

        // 2. existing rows
        String value = defaultExpr;
        if (value == null && notNull) {
            value = placeholder(c);
            ctx.note("REVIEW: " + display + " is NOT NULL without a default; the plan backfills existing rows with "
                    + value + " (chosen by type). Replace it with the value existing rows should get.");
        }
        if (value != null) {
            PlanStep fill = BackfillSteps.backfill(ctx, table, c.name(), col + " = " + value, col + " IS NULL",
                    "Backfill " + display + " for existing rows");
            if (c.notNull() && !c.hasDefault()) {
                fill = withDeployBefore(fill, "Deploy application code that writes " + display + " on every INSERT "
                        + "before the backfill phase.");
            }
            out.add(fill);
        }

        // 3. NOT NULL without a long lock (a primary key brings its own)
        if (notNull && !pk) {
            out.addAll(NotNullSteps.validate(ctx, Phase.BACKFILL, table, c.name()));
            out.addAll(NotNullSteps.enforce(ctx, Phase.CONTRACT, table, c.name(), true));
        }

        // 4. inline constraints, each by its recipe
        for (ConstraintDef k : c.constraints()) {
            switch (k.kind()) {
                case FOREIGN_KEY -> {
                    String refs = Clauses.inlineReferences(ctx.clause());
                    if (refs == null) {
                        ctx.note("Could not read the REFERENCES clause of " + display + "; add the foreign key by hand.");
                        continue;
                    }
                    String name = k.name() != null ? k.name()
                            : Sql.defaultName(table.name(), List.of(c.name()), "fkey");
                    out.addAll(ConstraintSteps.notValidThenValidate(ctx, table, name,
                            "FOREIGN KEY (" + col + ") " + refs, true));
                }
                case CHECK -> {
                    String name = k.name() != null ? k.name()
                            : Sql.defaultName(table.name(), List.of(c.name()), "check");
                    out.addAll(ConstraintSteps.notValidThenValidate(ctx, table, name,
                            "CHECK (" + k.expression() + ")", false));
                }
                case UNIQUE -> {
                    String name = k.name() != null ? k.name()
                            : Sql.defaultName(table.name(), List.of(c.name()), "key");
                    out.addAll(ConstraintSteps.unique(ctx, table, name, "(" + col + ")", ""));
                }
                case PRIMARY_KEY -> {
                    String name = k.name() != null ? k.name() : table.name() + "_pkey";
                    out.addAll(ConstraintSteps.primaryKey(ctx, table, name, List.of(c.name()), "(" + col + ")", ""));
                }
                default -> {
                }
            }
        }
        return out;
    }

    static PlanStep withDeployBefore(PlanStep s, String note) {
        return new PlanStep(s.phase(), s.description(), s.up(), s.down(), s.irreversible(), s.verify(),
                s.transactional(), s.lock(), s.lockTimeoutMs(), s.destructive(), s.batched(), s.estimatedSeconds(),
                s.object(), s.recipe(), s.backup(), s.backupTable(), note, s.downTransactional());
    }

    /** A value of the column's type for existing rows when the migration gives none (flagged for review). */
    static String placeholder(ColumnDef c) {
        if (c.type().array()) {
            return "'{}'";
        }
        return switch (c.type().name()) {
            case "text", "varchar", "char", "citext", "name" -> "''";
            case "integer", "bigint", "smallint", "numeric", "real", "double precision", "serial", "bigserial",
                    "smallserial", "money" -> "0";
            case "boolean" -> "false";
            case "timestamp", "timestamptz" -> "now()";
            case "date" -> "current_date";
            case "time", "timetz" -> "'00:00'";
            case "interval" -> "'0'";
            case "uuid" -> "gen_random_uuid()";
            case "json", "jsonb" -> "'{}'";
            case "bytea" -> "''::bytea";
            default -> "NULL /* REPLACE: the value existing rows get */";
        };
    }
}
