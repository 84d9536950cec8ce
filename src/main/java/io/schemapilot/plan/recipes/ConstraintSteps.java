package io.schemapilot.plan.recipes;

import io.schemapilot.plan.NotNullSteps;
import io.schemapilot.plan.Phase;
import io.schemapilot.plan.PlanStep;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.plan.Verify;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * The constraint recipes as step builders, shared by the ADD CONSTRAINT recipes and the ADD COLUMN recipe (whose
 * inline REFERENCES / CHECK / UNIQUE / PRIMARY KEY become the same steps).
 */
final class ConstraintSteps {

    /**
     * {@code change} adds a constraint of {@code kind} without NOT VALID to an existing table, in a clause whose
     * constraint body can be re-written (the constraints that get the NOT VALID + VALIDATE recipe).
     */
    static boolean addsValidated(Change change, ConstraintDef.Kind kind, RecipeContext ctx) {
        return change instanceof Change.AddConstraint ac && ac.constraint().kind() == kind
                && !ac.constraint().notValid() && !ctx.isNewTable(ac.target())
                && Clauses.constraintBody(ctx.clause()) != null;
    }
    private ConstraintSteps() {
    }

    /**
     * FOREIGN KEY or CHECK: ADD ... NOT VALID (brief lock; new rows checked at once), then VALIDATE in its own
     * transaction (SHARE UPDATE EXCLUSIVE: reads and writes go on).
     *
     * @param body the constraint without name and NOT VALID, e.g. {@code FOREIGN KEY (a) REFERENCES b (id)}
     */
    static List<PlanStep> notValidThenValidate(RecipeContext ctx, QualifiedName table, String name, String body,
                                               boolean foreignKey) {
        String t = Sql.name(table);
        String n = Sql.ident(name);
        String what = foreignKey ? "foreign key" : "CHECK constraint";
        LockMode addLock = foreignKey ? LockMode.SHARE_ROW_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
        List<PlanStep> out = new ArrayList<>();
        out.add(ctx.step(Phase.EXPAND, "Add " + what + " " + name + " on " + ctx.display(table)
                        + " NOT VALID: checked for new and updated rows at once, existing rows are not scanned")
                .up("ALTER TABLE " + t + " ADD CONSTRAINT " + n + " " + body.strip() + " NOT VALID;")
                .down("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + n + ";")
                .verify(Verify.constraintExists(table, name))
                .lock(addLock).seconds(ctx.estimates().metadata()).object(ctx.display(table) + "." + name)
                .build());
        out.add(ctx.step(Phase.BACKFILL, "Validate " + name + " in its own transaction: scans " + ctx.display(table)
                        + " under SHARE UPDATE EXCLUSIVE" + (foreignKey ? " (ROW SHARE on the referenced table)" : "")
                        + ", reads and writes go on")
                .up("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + n + ";")
                .noDown("dropping the constraint (the down of the step that added it) undoes the validation")
                .verify(Verify.constraintValidated(table, name))
                .lock(LockMode.SHARE_UPDATE_EXCLUSIVE).seconds(ctx.estimates().scan(table))
                .object(ctx.display(table) + "." + name)
                .build());
        return out;
    }

    /**
     * A unique index built CONCURRENTLY (after dropping an INVALID leftover of an earlier failed attempt), in its own
     * non-transactional step.
     *
     * @param indexTail what follows {@code ON table}: the column list and options, e.g. {@code (email) INCLUDE (id)}
     */
    static PlanStep concurrentIndex(RecipeContext ctx, Phase phase, QualifiedName table, String index,
                                    boolean unique, String indexTail, String description) {
        QualifiedName idx = new QualifiedName(table.schema(), index);
        String i = Sql.name(idx);
        return ctx.step(phase, description)
                .up("DROP INDEX CONCURRENTLY IF EXISTS " + i + "; -- an INVALID leftover of an interrupted build\n"
                        + "CREATE " + (unique ? "UNIQUE " : "") + "INDEX CONCURRENTLY "
                        + Sql.ident(index) + " ON " + Sql.name(table) + " " + indexTail.strip() + ";")
                .down("DROP INDEX CONCURRENTLY IF EXISTS " + i + ";")
                .verify(Verify.indexValid(idx))
                .nonTransactional().lock(LockMode.SHARE_UPDATE_EXCLUSIVE).seconds(ctx.estimates().indexBuild(table))
                .object(ctx.display(table) + "." + index)
                .build();
    }

    /** UNIQUE: unique index CONCURRENTLY, then ADD CONSTRAINT ... UNIQUE USING INDEX (brief lock). */
    static List<PlanStep> unique(RecipeContext ctx, QualifiedName table, String name, String indexTail,
                                 String constraintTail) {
        String t = Sql.name(table);
        List<PlanStep> out = new ArrayList<>();
        out.add(concurrentIndex(ctx, Phase.EXPAND, table, name, true, indexTail,
                "Build the unique index " + name + " on " + ctx.display(table) + " CONCURRENTLY (reads and writes go "
                        + "on; fails on duplicates and leaves nothing behind after the cleanup)"));
        out.add(ctx.step(Phase.EXPAND, "Attach " + name + " as the UNIQUE constraint (brief lock, no scan)")
                .up("ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(name) + " UNIQUE USING INDEX "
                        + Sql.ident(name) + (constraintTail.isBlank() ? "" : " " + constraintTail.strip()) + ";")
                .down("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name) + ";")
                .verify(Verify.constraintExists(table, name))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata())
                .object(ctx.display(table) + "." + name)
                .build());
        return out;
    }

    /**
     * PRIMARY KEY: for every column not known to be NOT NULL the CHECK recipe; the unique index CONCURRENTLY; then
     * ADD CONSTRAINT ... PRIMARY KEY USING INDEX (brief lock: the NOT NULL is already proven).
     */
    static List<PlanStep> primaryKey(RecipeContext ctx, QualifiedName table, String name, List<String> columns,
                                     String indexTail, String constraintTail) {
        String t = Sql.name(table);
        List<PlanStep> out = new ArrayList<>();
        List<String> nullable = new ArrayList<>();
        for (String c : columns) {
            boolean notNull = ctx.column(table, c).map(x -> x.notNull()).orElse(false);
            if (!notNull) {
                nullable.add(c);
            }
        }
        if (!ctx.hasCatalog() && !ctx.isNewTable(table)) {
            ctx.note("Without a catalog the plan cannot tell whether " + String.join(", ", columns) + " of "
                    + ctx.display(table) + " are already NOT NULL; the down of the primary key makes them nullable.");
        }
        for (String c : nullable) {
            List<PlanStep> v = NotNullSteps.validate(ctx, Phase.EXPAND, table, c);
            out.add(v.get(0));
            out.add(v.get(1).inPhase(Phase.BACKFILL));
        }
        out.add(concurrentIndex(ctx, Phase.EXPAND, table, name, true, indexTail,
                "Build the unique index " + name + " for the primary key of " + ctx.display(table)
                        + " CONCURRENTLY (reads and writes go on)"));
        for (String c : nullable) {
            out.addAll(NotNullSteps.enforce(ctx, Phase.CONTRACT, table, c, true));
        }
        out.add(ctx.step(Phase.CONTRACT, "Attach " + name + " as the PRIMARY KEY of " + ctx.display(table)
                        + " (brief lock; NOT NULL is already in place)")
                .up("ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(name) + " PRIMARY KEY USING INDEX "
                        + Sql.ident(name) + (constraintTail.isBlank() ? "" : " " + constraintTail.strip()) + ";")
                .down("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(name) + ";")
                .verify(Verify.constraintExists(table, name))
                .lock(LockMode.ACCESS_EXCLUSIVE).seconds(ctx.estimates().metadata())
                .object(ctx.display(table) + "." + name)
                .build());
        return out;
    }

    /** The name PostgreSQL gives an unnamed CHECK: {@code table_<first column it mentions>_check}. */
    static String checkName(RecipeContext ctx, QualifiedName table, String expression) {
        String first = null;
        var toks = Sql.tokens(expression);
        for (int i = 0; i < toks.size(); i++) {
            var tk = toks.get(i);
            if (!tk.isIdentifier()) {
                continue;
            }
            boolean call = i + 1 < toks.size() && toks.get(i + 1).isPunct('(');
            boolean cast = i > 0 && toks.get(i - 1).isOperator("::");
            if (call || cast || (tk.isWord() && isKeyword(tk.value()))) {
                continue;
            }
            if (ctx.table(table).isPresent() && ctx.column(table, tk.value()).isEmpty()) {
                continue;
            }
            first = tk.value();
            break;
        }
        return Sql.defaultName(table.name(), first == null ? List.of() : List.of(first), "check");
    }

    private static boolean isKeyword(String w) {
        return switch (w) {
            case "and", "or", "not", "is", "null", "true", "false", "in", "between", "like", "ilike", "similar",
                    "case", "when", "then", "else", "end", "any", "all", "some", "array", "distinct", "from" -> true;
            default -> false;
        };
    }

    /**
     * The parts of a UNIQUE / PRIMARY KEY constraint text after its keyword: {@code [NULLS [NOT] DISTINCT] (cols)
     * [INCLUDE (...)] [WITH (...)] [USING INDEX TABLESPACE x] [DEFERRABLE ...]} split into the part for CREATE INDEX
     * and the part for ADD CONSTRAINT ... USING INDEX.
     */
    record KeyParts(String indexTail, String constraintTail) {
    }

    static KeyParts keyParts(String afterKeyword) {
        var toks = Sql.tokens(afterKeyword);
        String nulls = "";
        int i = 0;
        if (i < toks.size() && toks.get(i).isWord("nulls")) {
            int j = i + 1;
            if (j < toks.size() && toks.get(j).isWord("not")) {
                j++;
            }
            if (j >= toks.size() || !toks.get(j).isWord("distinct")) {
                return null;
            }
            nulls = afterKeyword.substring(toks.get(i).offset(), toks.get(j).endOffset());
            i = j + 1;
        }
        if (i >= toks.size() || !toks.get(i).isPunct('(')) {
            return null;
        }
        int close = matching(toks, i);
        if (close < 0) {
            return null;
        }
        StringBuilder index = new StringBuilder(afterKeyword.substring(toks.get(i).offset(), toks.get(close).endOffset()));
        StringBuilder constraint = new StringBuilder();
        i = close + 1;
        while (i < toks.size()) {
            var tk = toks.get(i);
            if ((tk.isWord("include") || tk.isWord("with")) && i + 1 < toks.size() && toks.get(i + 1).isPunct('(')) {
                int end = matching(toks, i + 1);
                if (end < 0) {
                    return null;
                }
                index.append(' ').append(afterKeyword, tk.offset(), toks.get(end).endOffset());
                i = end + 1;
            } else if (tk.isWord("using") && i + 2 < toks.size() && toks.get(i + 1).isWord("index")
                    && toks.get(i + 2).isWord("tablespace") && i + 3 < toks.size()) {
                index.append(" TABLESPACE ").append(toks.get(i + 3).text());
                i += 4;
            } else {
                constraint.append(afterKeyword.substring(tk.offset()));
                break;
            }
        }
        if (!nulls.isEmpty()) {
            index.append(' ').append(nulls);
        }
        return new KeyParts(index.toString(), constraint.toString().strip());
    }

    static int matching(List<io.schemapilot.sql.Token> toks, int open) {
        int depth = 0;
        for (int i = open; i < toks.size(); i++) {
            if (toks.get(i).isPunct('(')) {
                depth++;
            } else if (toks.get(i).isPunct(')')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
