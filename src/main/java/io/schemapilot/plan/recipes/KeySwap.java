package io.schemapilot.plan.recipes;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.plan.Batches;
import io.schemapilot.plan.NotNullSteps;
import io.schemapilot.plan.RecipeContext;
import io.schemapilot.plan.Sql;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * What the catalog says about a primary-key column whose type changes, and the SQL that swaps a second column in as
 * the key: the foreign keys that reference the key (moved: dropped and added back NOT VALID under the same names and
 * definitions), the column's own foreign keys (moved the same way), its CHECKs and plain indexes (copied on the new
 * column beforehand, renamed at the swap), the identity or the owned sequence (moved, keeping its position), the
 * default. Built by {@link #of}, which returns null with the reason when the column cannot be swapped safely.
 */
final class KeySwap {

    /** A foreign key to drop and add back: on {@code table}, with {@code body} as pg_get_constraintdef gives it. */
    record ForeignKey(QualifiedName table, String name, String body, boolean validated) {
    }

    /** A CHECK constraint or a plain index on the column: its name, and its copy's name on the shadow column. */
    record Copy(String name, String copy, boolean index) {
    }

    final QualifiedName table;
    final String column;
    final String shadow;
    final String old;
    final String oldType;
    final String newType;
    final CatalogSnapshot.Column col;
    final String pk;
    final List<String> pkColumns;
    final String pkIndexTail;
    final String pkConstraintTail;
    final List<ForeignKey> referencing = new ArrayList<>();
    final List<ForeignKey> own = new ArrayList<>();
    final List<Copy> copies = new ArrayList<>();
    /** The identity's or the owned serial sequence, or null. */
    final QualifiedName sequence;
    final String sequenceType;
    final OwnedSequence owned;
    final Change.AlterColumnType change;

    private KeySwap(Change.AlterColumnType at, CatalogSnapshot.Column col, CatalogSnapshot.Constraint pk,
                    String pkIndexTail, String pkConstraintTail, OwnedSequence sequence) {
        this.change = at;
        this.table = at.target();
        this.column = at.column();
        this.shadow = Sql.limit(column, "__new");
        this.old = Sql.limit(column, "__old");
        this.col = col;
        this.oldType = col.type();
        this.newType = at.type().written();
        this.pk = pk.name();
        this.pkColumns = pk.columns();
        this.pkIndexTail = pkIndexTail;
        this.pkConstraintTail = pkConstraintTail;
        this.owned = sequence;
        this.sequence = sequence == null ? null : sequence.name();
        this.sequenceType = sequence == null ? null : sequence.dataType();
    }

    /** The result of {@link #of}: the swap, or why there is none. */
    record Result(KeySwap swap, String whyNot) {
    }

    /** Reads the catalog; {@code whyNot} says (as the end of a sentence) why the column cannot be swapped. */
    static Result of(RecipeContext ctx, Change.AlterColumnType at) {
        QualifiedName table = at.target();
        String c = at.column();
        CatalogSnapshot.Table x = ctx.table(table).orElse(null);
        CatalogSnapshot.Column col = x == null ? null : x.column(c).orElse(null);
        if (x == null || col == null) {
            return no("the catalog does not show the column");
        }
        if (!ctx.pgVersion().atLeast(12)) {
            return no("PostgreSQL " + ctx.pgVersion() + " cannot prove NOT NULL from a validated CHECK, which the key "
                    + "swap relies on (12 or later)");
        }
        if (x.partitioned() || x.partitionOf() != null) {
            return no(ctx.display(table) + " is partitioned or a partition: its key index cannot be built "
                    + "CONCURRENTLY and attached with USING INDEX");
        }
        if (col.isGenerated()) {
            return no("the column is generated");
        }
        CatalogSnapshot.Constraint pk = x.constraints().stream().filter(k -> k.type() == 'p').findFirst().orElse(null);
        if (pk == null) {
            return no("the catalog shows no primary key constraint");
        }
        String pkIndexTail = x.index(pk.index()).map(i -> ShadowColumn.indexTail(i.definition())).orElse(null);
        String afterKeyword = pk.definition() == null ? null : pk.definition().replaceFirst("(?i)^PRIMARY KEY\\s*", "");
        ConstraintSteps.KeyParts parts = afterKeyword == null ? null : ConstraintSteps.keyParts(afterKeyword);
        if (pkIndexTail == null || parts == null) {
            return no("the definition of its primary key " + pk.name() + " could not be read");
        }
        for (CatalogSnapshot.Constraint k : x.constraints()) {
            if (!uses(k, c)) {
                continue;
            }
            if (k.type() == 'x') {
                return no("the EXCLUDE constraint " + k.name() + " uses the column");
            }
            if (k.type() == 'u') {
                return no("the UNIQUE constraint " + k.name() + " also uses the column (the recipe moves the primary "
                        + "key only)");
            }
        }
        for (CatalogSnapshot.Column other : x.columns()) {
            if (other.isGenerated() && DropColumnRecipe.mentions(other.defaultExpr(), c)) {
                return no("the generated column " + other.name() + " is computed from it");
            }
        }
        for (CatalogSnapshot.Trigger tr : x.triggers()) {
            if (!tr.name().startsWith("sp_sync_") && DropColumnRecipe.mentions(tr.definition(), c)) {
                return no("the trigger " + tr.name() + " names the column");
            }
        }
        for (String v : ctx.catalog().allDependentViews(x.qualifiedName())) {
            String def = ctx.catalog().table(QualifiedName.of(v)).map(CatalogSnapshot.Table::definition).orElse(null);
            if (def == null || DropColumnRecipe.mentions(def, c)) {
                return no("the view " + v + " uses it (the swap renames the column: the view would keep the old one)");
            }
        }
        OwnedSequence sequence = OwnedSequence.of(ctx, x, col);
        if (col.isIdentity() && sequence == null) {
            return no("the catalog does not show the sequence of its identity");
        }
        if (sequence != null && integerRank(at.type().name()) == 0) {
            return no("it takes its values from the sequence " + sequence.name().qualified() + " and "
                    + at.type().written() + " is not an integer type");
        }
        KeySwap s = new KeySwap(at, col, pk, pkIndexTail, parts.constraintTail(), sequence);
        for (CatalogSnapshot.Table t : ctx.catalog().tables()) {
            for (CatalogSnapshot.Constraint k : t.constraints()) {
                if (k.type() != 'f' || k.refTable() == null || !k.refTable().name().equals(x.name())
                        || !x.schema().equals(k.refTable().schemaOr(x.schema()))
                        || !referencedColumns(k.definition()).contains(c)) {
                    continue;
                }
                if (t.partitioned() || t.partitionOf() != null) {
                    return no("the foreign key " + k.name() + " of the partitioned table " + t.schema() + "." + t.name()
                            + " references it (a foreign key cannot be added NOT VALID there)");
                }
                s.referencing.add(new ForeignKey(t.qualifiedName(), k.name(), body(k.definition()), k.validated()));
            }
        }
        for (CatalogSnapshot.Constraint k : x.constraints()) {
            if (!uses(k, c)) {
                continue;
            }
            if (k.type() == 'f' && s.referencing.stream().noneMatch(r -> r.name().equals(k.name())
                    && r.table().name().equals(x.name()))) {
                s.own.add(new ForeignKey(table, k.name(), body(k.definition()), k.validated()));
            } else if (k.type() == 'c') {
                s.copies.add(new Copy(k.name(), ShadowColumn.renamed(k.name(), c, s.shadow), false));
            }
        }
        List<String> constraintIndexes = x.constraints().stream().map(CatalogSnapshot.Constraint::index)
                .filter(java.util.Objects::nonNull).toList();
        for (CatalogSnapshot.Index i : x.indexes()) {
            if (constraintIndexes.contains(i.name())
                    || !(i.columns().contains(c) || DropColumnRecipe.mentions(i.definition(), c))) {
                continue;
            }
            if (ShadowColumn.indexTail(i.definition()) == null) {
                return no("the definition of the index " + i.name() + " on it could not be read");
            }
            s.copies.add(new Copy(i.name(), ShadowColumn.renamed(i.name(), c, s.shadow), true));
        }
        return new Result(s, null);
    }

    /**
     * Whether constraint {@code k} uses column {@code c}: its columns, or for a CHECK or EXCLUDE its expression (a
     * foreign key's definition also names the referenced columns, which are another table's).
     */
    static boolean uses(CatalogSnapshot.Constraint k, String c) {
        return k.columns().contains(c) || (k.type() != 'f' && DropColumnRecipe.mentions(k.definition(), c));
    }

    private static Result no(String why) {
        return new Result(null, why);
    }

    /** smallint 1, integer 2, bigint 3, anything else 0. */
    static int integerRank(String type) {
        if (type == null) {
            return 0;
        }
        return switch (type.toLowerCase(java.util.Locale.ROOT)) {
            case "smallint", "int2" -> 1;
            case "integer", "int", "int4" -> 2;
            case "bigint", "int8" -> 3;
            default -> 0;
        };
    }

    /** The referenced columns of a FOREIGN KEY definition ({@code ... REFERENCES t(a, b) ...}). */
    static List<String> referencedColumns(String definition) {
        List<String> out = new ArrayList<>();
        if (definition == null) {
            return out;
        }
        List<Token> t = Sql.tokens(definition);
        for (int i = 0; i < t.size(); i++) {
            if (!t.get(i).isWord("references")) {
                continue;
            }
            int j = i + 2;
            while (j + 1 < t.size() && t.get(j).isPunct('.')) {
                j += 2;
            }
            if (j < t.size() && t.get(j).isPunct('(')) {
                for (j++; j < t.size() && !t.get(j).isPunct(')'); j++) {
                    if (t.get(j).isIdentifier()) {
                        out.add(t.get(j).value());
                    }
                }
            }
            break;
        }
        return out;
    }

    /** A catalog definition without a trailing NOT VALID. */
    private static String body(String definition) {
        return definition.strip().replaceAll("(?i)\\s+NOT VALID$", "");
    }

    String t() {
        return Sql.name(table);
    }

    QualifiedName pkIndex(String suffix) {
        return new QualifiedName(table.schema(), Sql.limit(pk, suffix));
    }

    /** The name of a copy on the column {@code side} ({@code shadow} or {@code old}). */
    String copyName(Copy k, String side) {
        return side.equals(shadow) ? k.copy() : ShadowColumn.renamed(k.name(), column, side);
    }

    /** The foreign keys re-added NOT VALID at a swap that were validated before (each gets its VALIDATE). */
    List<ForeignKey> toValidate() {
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey f : own) {
            if (f.validated()) {
                out.add(f);
            }
        }
        for (ForeignKey f : referencing) {
            if (f.validated()) {
                out.add(f);
            }
        }
        return out;
    }

    /** A GUC that carries the sequence position across DROP IDENTITY / ADD ... AS IDENTITY in one transaction. */
    private static final String POSITION = "'schemapilot.sequence_position'";

    /**
     * The identity's or the owned serial sequence of a column ({@code column} is its catalog column), and the
     * statements that move it to another column within one transaction: {@link #release} while the column still has
     * it, {@link #attach} once the other column has the name. Shared by the key swap and ColumnTypeRecipe's swap.
     */
    record OwnedSequence(QualifiedName name, String dataType, CatalogSnapshot.Column column) {

        /** The sequence the catalog shows owned by {@code col} of {@code x}, or null (also without a catalog). */
        static OwnedSequence of(RecipeContext ctx, CatalogSnapshot.Table x, CatalogSnapshot.Column col) {
            if (ctx.catalog() == null || x == null || col == null) {
                return null;
            }
            String owner = x.schema() + "." + x.name() + "." + col.name();
            OwnedSequence found = null;
            for (CatalogSnapshot.Sequence s : ctx.catalog().sequences()) {
                if (owner.equals(s.ownedBy())) {
                    found = new OwnedSequence(new QualifiedName(s.schema(), s.name()), s.dataType(), col);
                }
            }
            return found;
        }

        boolean identity() {
            return column.isIdentity();
        }

        /**
         * Takes the sequence from column {@code c} (quoted) of {@code t}: an identity's position is kept for
         * {@link #attach} and the identity dropped (with its sequence, created again by attach); a serial sequence is
         * released from the column when {@code columnDropped} (else dropping the column drops it too).
         *
         * @param select {@code SELECT } or, inside a DO block, {@code PERFORM }
         */
        String release(String t, String c, String select, boolean columnDropped) {
            if (identity()) {
                return select + "set_config(" + POSITION + ", (SELECT last_value || ',' || is_called FROM "
                        + Sql.name(name) + "), true);\n"
                        + "ALTER TABLE " + t + " ALTER COLUMN " + c + " DROP IDENTITY;\n";
            }
            return columnDropped ? "ALTER SEQUENCE " + Sql.name(name) + " OWNED BY NONE;\n" : "";
        }

        /**
         * Gives the sequence to column {@code c} (quoted, NOT NULL for an identity) of {@code t}, whose type went
         * from {@code from} to {@code to}: the identity again under the same sequence name at the kept position, or
         * the serial sequence owned by it, following an integer type ({@code ALTER SEQUENCE ... AS} also moves a
         * default MAXVALUE).
         */
        String attach(String t, String c, String from, String to, String select) {
            StringBuilder sb = new StringBuilder();
            if (identity()) {
                sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" ADD GENERATED ")
                        .append(column.identity() == 'a' ? "ALWAYS" : "BY DEFAULT")
                        .append(" AS IDENTITY (SEQUENCE NAME ").append(Sql.name(name)).append(");\n");
                sb.append(select).append("setval(").append(Sql.lit(Sql.name(name))).append(", split_part(")
                        .append("current_setting(").append(POSITION).append("), ',', 1)::bigint, split_part(")
                        .append("current_setting(").append(POSITION).append("), ',', 2)::boolean);\n");
                return sb.toString();
            }
            int rank = integerRank(to);
            if (rank != 0 && rank != integerRank(from)) {
                sb.append("ALTER SEQUENCE ").append(Sql.name(name)).append(" AS ").append(to).append(";\n");
            }
            sb.append("ALTER SEQUENCE ").append(Sql.name(name)).append(" OWNED BY ").append(t).append('.').append(c)
                    .append(";\n");
            return sb.toString();
        }
    }

    /**
     * The statements of a swap: {@code incoming} (the shadow column, or the old one on the way back) takes the name,
     * the key, the copies' names, the sequence and the foreign keys of {@code column}, which becomes
     * {@code outgoing}.
     *
     * @param forward   the swap of the plan (else the one of its down: the copies of the outgoing column keep
     *                  their shadow names and the incoming column's type is the old one)
     * @param plpgsql   inside a DO block (PERFORM instead of SELECT)
     */
    String swap(boolean forward, boolean plpgsql) {
        String incoming = forward ? shadow : old;
        String outgoing = forward ? old : shadow;
        String t = t();
        String c = Sql.ident(column);
        String in = Sql.ident(incoming);
        String select = plpgsql ? "PERFORM " : "SELECT ";
        StringBuilder sb = new StringBuilder();
        for (ForeignKey f : referencing) {
            sb.append("ALTER TABLE ").append(Sql.name(f.table())).append(" DROP CONSTRAINT ")
                    .append(Sql.ident(f.name())).append(";\n");
        }
        for (ForeignKey f : own) {
            sb.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT ").append(Sql.ident(f.name())).append(";\n");
        }
        sb.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT ").append(Sql.ident(pk)).append(";\n");
        for (Copy k : copies) {
            if (forward) {
                sb.append(k.index() ? "DROP INDEX " + Sql.name(table.schema(), k.name())
                        : "ALTER TABLE " + t + " DROP CONSTRAINT " + Sql.ident(k.name())).append(";\n");
            } else {
                sb.append(rename(k, k.name(), k.copy()));
            }
        }
        if (col.isIdentity()) {
            sb.append(owned.release(t, c, select, false));
        } else if (col.defaultExpr() != null) {
            sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" DROP DEFAULT;\n");
        }
        sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" DROP NOT NULL;\n");
        String check = NotNullSteps.checkName(table, incoming);
        sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(in).append(" SET NOT NULL; -- proven by ")
                .append(check).append(", no scan\n");
        sb.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT ").append(Sql.ident(check)).append(";\n");
        if (!plpgsql) {
            sb.append("-- schemapilot:ignore rename-column ").append(incoming).append(" takes the name ").append(column)
                    .append(" in the same transaction\n");
        }
        sb.append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(c).append(" TO ")
                .append(Sql.ident(outgoing)).append(";\n");
        sb.append("ALTER TABLE ").append(t).append(" RENAME COLUMN ").append(in).append(" TO ").append(c).append(";\n");
        sb.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(Sql.ident(pk))
                .append(" PRIMARY KEY USING INDEX ").append(Sql.ident(pkIndex(forward ? "__new" : "__old").name()))
                .append(pkConstraintTail.isBlank() ? "" : " " + pkConstraintTail).append(";\n");
        for (Copy k : copies) {
            sb.append(rename(k, copyName(k, incoming), k.name()));
        }
        if (owned != null) {
            String to = change.type().name();
            sb.append(forward ? owned.attach(t, c, sequenceType, to, select) : owned.attach(t, c, to, sequenceType,
                    select));
        }
        if (!col.isIdentity() && col.defaultExpr() != null) {
            sb.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(c).append(" SET DEFAULT ")
                    .append(col.defaultExpr()).append(";\n");
        }
        for (ForeignKey f : own) {
            sb.append(addNotValid(f));
        }
        for (ForeignKey f : referencing) {
            sb.append(addNotValid(f));
        }
        return sb.toString();
    }

    private String rename(Copy k, String from, String to) {
        if (k.index()) {
            return "ALTER INDEX " + Sql.name(table.schema(), from) + " RENAME TO " + Sql.ident(to) + ";\n";
        }
        return "ALTER TABLE " + t() + " RENAME CONSTRAINT " + Sql.ident(from) + " TO " + Sql.ident(to) + ";\n";
    }

    private static String addNotValid(ForeignKey f) {
        return "ALTER TABLE " + Sql.name(f.table()) + " ADD CONSTRAINT " + Sql.ident(f.name()) + " " + f.body()
                + " NOT VALID;\n";
    }

    static String validate(ForeignKey f) {
        return "ALTER TABLE " + Sql.name(f.table()) + " VALIDATE CONSTRAINT " + Sql.ident(f.name()) + ";";
    }

    /** The trigger body that keeps the shadow column equal to the column (the conversion of the change). */
    String forwardSync() {
        return "NEW." + Sql.ident(shadow) + " := " + ColumnTypeRecipe.convert(change, "NEW." + Sql.ident(column)) + ";";
    }

    /**
     * The trigger body that fills the old column on the way back: from the key (cast to the old type) for new rows
     * and when the key changes; the values the old column still has are kept (the conversion may have lost detail).
     * A key the old type cannot hold leaves it NULL (writes go on; the down stops at its NOT NULL check).
     */
    String backwardSync() {
        String o = "NEW." + Sql.ident(old);
        String k = Sql.ident(column);
        return "IF TG_OP = 'UPDATE' THEN\n"
                + "  IF " + o + " IS NOT NULL AND NEW." + k + " IS NOT DISTINCT FROM OLD." + k + " THEN\n"
                + "    RETURN NEW;\n"
                + "  END IF;\n"
                + "ELSIF " + o + " IS NOT NULL THEN\n"
                + "  RETURN NEW;\n"
                + "END IF;\n"
                + "BEGIN\n"
                + "  " + o + " := NEW." + k + "::" + oldType + ";\n"
                + "EXCEPTION WHEN others THEN\n"
                + "  " + o + " := NULL; -- the old type cannot hold this key\n"
                + "END;";
    }

    /**
     * The down of the swap, run outside a transaction: the old column is filled again (trigger, batches), proven NOT
     * NULL, its key index and copies are built CONCURRENTLY; then one DO block (atomic) swaps back; then the foreign
     * keys are validated again.
     */
    String unswap(RecipeContext ctx, String key) {
        String t = t();
        String o = Sql.ident(old);
        String check = NotNullSteps.checkName(table, old);
        CatalogSnapshot.Table x = ctx.table(table).orElseThrow();
        StringBuilder sb = new StringBuilder();
        sb.append("-- 0. every key must fit the old type, else stop here before changing anything\n");
        sb.append("SELECT count(*) FROM ").append(t).append(" WHERE ").append(o).append(" IS NULL AND ")
                .append(Sql.ident(column)).append("::").append(oldType).append(" IS NULL;\n");
        sb.append("-- 1. fill ").append(old).append(" again (rows written since the swap have none), without a long ")
                .append("lock\n");
        sb.append(ShadowColumn.createTrigger(table, old, backwardSync())).append('\n');
        String assign = o + " = " + Sql.ident(column) + "::" + oldType;
        String pending = o + " IS NULL";
        sb.append(key != null ? Batches.backfill(table, key, assign, pending, ctx.options())
                : Batches.backfillByCtid(table, assign, pending, ctx.options())).append('\n');
        sb.append("-- 2. prove NOT NULL, build the key index and the copies on ").append(old).append(" CONCURRENTLY\n");
        sb.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT IF EXISTS ").append(Sql.ident(check))
                .append(";\n");
        sb.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(Sql.ident(check)).append(" CHECK (")
                .append(o).append(" IS NOT NULL) NOT VALID;\n");
        sb.append("ALTER TABLE ").append(t).append(" VALIDATE CONSTRAINT ").append(Sql.ident(check)).append(";\n");
        QualifiedName oldIndex = pkIndex("__old");
        sb.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(Sql.name(oldIndex)).append(";\n");
        sb.append("CREATE UNIQUE INDEX CONCURRENTLY ").append(Sql.ident(oldIndex.name())).append(" ON ").append(t)
                .append(' ').append(ShadowColumn.replaceColumn(pkIndexTail, column, old)).append(";\n");
        for (Copy k : copies) {
            String name = copyName(k, old);
            if (k.index()) {
                CatalogSnapshot.Index i = x.index(k.name()).orElseThrow();
                sb.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(Sql.name(table.schema(), name)).append(";\n");
                sb.append("CREATE ").append(i.unique() ? "UNIQUE " : "").append("INDEX CONCURRENTLY ")
                        .append(Sql.ident(name)).append(" ON ").append(t).append(' ')
                        .append(ShadowColumn.replaceColumn(ShadowColumn.indexTail(i.definition()), column, old))
                        .append(";\n");
            } else {
                CatalogSnapshot.Constraint k2 = x.constraint(k.name()).orElseThrow();
                sb.append("ALTER TABLE ").append(t).append(" DROP CONSTRAINT IF EXISTS ").append(Sql.ident(name))
                        .append(";\n");
                sb.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(Sql.ident(name)).append(' ')
                        .append(ShadowColumn.replaceColumn(body(k2.definition()), column, old)).append(" NOT VALID;\n");
                if (k2.validated()) {
                    sb.append("ALTER TABLE ").append(t).append(" VALIDATE CONSTRAINT ").append(Sql.ident(name))
                            .append(";\n");
                }
            }
        }
        sb.append("-- 3. swap back in one transaction (a DO block is one statement)\n");
        sb.append("DO $sp_swap$\nBEGIN\n");
        StringBuilder body = new StringBuilder();
        body.append(ShadowColumn.dropTrigger(table, old)).append('\n');
        body.append(swap(false, true));
        String shadowCheck = Sql.ident(NotNullSteps.checkName(table, shadow));
        body.append("ALTER TABLE ").append(t).append(" ALTER COLUMN ").append(Sql.ident(shadow))
                .append(" DROP NOT NULL;\n");
        body.append("ALTER TABLE ").append(t).append(" ADD CONSTRAINT ").append(shadowCheck).append(" CHECK (")
                .append(Sql.ident(shadow)).append(" IS NOT NULL) NOT VALID;\n");
        body.append(ShadowColumn.createTrigger(table, column, forwardSync())).append('\n');
        sb.append(Sql.indent(body.toString().strip(), 2)).append("\nEND\n$sp_swap$;\n");
        sb.append("-- 4. validate the foreign keys added back NOT VALID; ").append(shadow)
                .append(" as before the swap: its NOT NULL check validated, its key's unique index built again\n");
        for (ForeignKey f : toValidate()) {
            sb.append(validate(f)).append('\n');
        }
        sb.append("ALTER TABLE ").append(t).append(" VALIDATE CONSTRAINT ").append(shadowCheck).append(";\n");
        QualifiedName newIndex = pkIndex("__new");
        sb.append("DROP INDEX CONCURRENTLY IF EXISTS ").append(Sql.name(newIndex)).append(";\n");
        sb.append("CREATE UNIQUE INDEX CONCURRENTLY ").append(Sql.ident(newIndex.name())).append(" ON ").append(t)
                .append(' ').append(ShadowColumn.replaceColumn(pkIndexTail, column, shadow)).append(";\n");
        return sb.toString();
    }
}
