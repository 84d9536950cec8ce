package io.schemapilot.analysis.rules;

import static io.schemapilot.analysis.rules.ColumnConstraintRecipes.ident;
import static io.schemapilot.analysis.rules.ColumnConstraintRecipes.sql;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.analysis.Findings;
import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rule;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.TypeName;
import java.util.List;

/** {@code ADD COLUMN} of a serial or identity column gives every existing row a sequence value: a table rewrite. */
public final class AddColumnAutoIncrementRule implements Rule {

    @Override
    public Hazard hazard() {
        return Hazard.ADD_COLUMN_AUTO_INCREMENT;
    }

    @Override
    public void check(ParsedStatement st, AnalysisContext ctx, Findings out) {
        for (Change.AddColumn ac : st.changes(Change.AddColumn.class)) {
            ColumnDef col = ac.column();
            boolean identity = col.generated() == ColumnDef.Generated.IDENTITY;
            if (!identity && !col.type().isSerial() || ctx.isNew(ac.target())) {
                continue;
            }
            String table = ctx.display(ac.target());
            String kind = identity ? "identity column " : col.type().name() + " column ";
            out.of(hazard(), st)
                    .object(table)
                    .lock(LockMode.ACCESS_EXCLUSIVE)
                    .rewrite(true)
                    .message("Adding " + kind + col.name() + " fills every existing row of " + table + " from a "
                            + "sequence, rewriting the table under an ACCESS EXCLUSIVE lock that blocks reads and "
                            + "writes.")
                    .help("Add a plain nullable column with a sequence default for new rows, then backfill existing "
                            + "rows in batches.")
                    .fix(fix(ac.target(), col, ctx.pgVersion().atLeast(10)))
                    .add();
        }
    }

    private static String fix(QualifiedName target, ColumnDef col, boolean sequenceAs) {
        String type = switch (col.type().name()) {
            case "serial" -> "integer";
            case "bigserial" -> "bigint";
            case "smallserial" -> "smallint";
            default -> col.type().written().strip();
        };
        String seqName = ColumnConstraintRecipes.constraintName(target, List.of(col.name()), "seq");
        QualifiedName seq = new QualifiedName(target.schema(), seqName);
        String nextval = "nextval('" + sql(seq).replace("'", "''") + "')";
        String t = sql(target);
        ColumnDef plain = new ColumnDef(col.name(), new TypeName(type, List.of(), false, type), false, null,
                ColumnDef.Generated.NONE, List.of());
        return "CREATE SEQUENCE " + sql(seq) + (sequenceAs ? " AS " + type : "") + ";\n"
                + "ALTER TABLE " + t + " ADD COLUMN " + ColumnConstraintRecipes.plainColumn(plain, false) + ";\n"
                + "ALTER SEQUENCE " + sql(seq) + " OWNED BY " + t + "." + ident(col.name()) + ";\n"
                + "ALTER TABLE " + t + " ALTER COLUMN " + ident(col.name()) + " SET DEFAULT " + nextval + ";\n"
                + ColumnConstraintRecipes.backfill(target, col.name(), nextval)
                + (col.notNull() || col.isPrimaryKey() || col.generated() == ColumnDef.Generated.IDENTITY
                ? "\n-- then NOT NULL with the CHECK recipe (and a primary key via CREATE UNIQUE INDEX CONCURRENTLY "
                + "+ USING INDEX)" : "");
    }
}
