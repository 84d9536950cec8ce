package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The column types a statement declares, for the type hygiene rules (type-bounded-char and its siblings). */
final class TypeHygieneSupport {

    /**
     * One declared column type.
     *
     * @param def        the column definition (null for ALTER COLUMN ... TYPE)
     * @param primaryKey the column alone is the table's primary key
     * @param foreignKey the referenced table and column when the column alone is a foreign key, else null
     */
    record Declared(QualifiedName table, String column, TypeName type, ColumnDef def, boolean primaryKey,
                    QualifiedName refTable, String refColumn) {

        boolean identity() {
            return def != null && def.generated() == ColumnDef.Generated.IDENTITY;
        }

        /** "is declared" or "is changed to", for messages. */
        String verb() {
            return def == null ? "is changed to" : "is declared";
        }
    }

    private TypeHygieneSupport() {
    }

    static List<Declared> columns(ParsedStatement st, AnalysisContext ctx) {
        List<Declared> out = new ArrayList<>();
        for (Change c : st.changes()) {
            if (c instanceof Change.CreateTable ct) {
                for (ColumnDef col : ct.columns()) {
                    out.add(declared(ct.target(), col, ct.constraints()));
                }
            } else if (c instanceof Change.AddColumn ac) {
                out.add(declared(ac.target(), ac.column(), List.of()));
            } else if (c instanceof Change.AlterColumnType at && at.type() != null) {
                boolean pk = ctx.table(at.target()).map(t -> t.constraints().stream().anyMatch(
                        k -> k.type() == 'p' && k.columns().equals(List.of(at.column())))).orElse(false);
                out.add(new Declared(at.target(), at.column(), at.type(), null, pk, null, null));
            }
        }
        return out;
    }

    private static Declared declared(QualifiedName table, ColumnDef col, List<ConstraintDef> tableConstraints) {
        boolean pk = col.isPrimaryKey();
        ConstraintDef fk = null;
        List<ConstraintDef> all = new ArrayList<>(col.constraints());
        all.addAll(tableConstraints);
        for (ConstraintDef k : all) {
            boolean mine = k.columns().equals(List.of(col.name())) || col.constraints().contains(k);
            if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY && k.columns().equals(List.of(col.name()))) {
                pk = true;
            } else if (k.kind() == ConstraintDef.Kind.FOREIGN_KEY && mine && fk == null) {
                fk = k;
            }
        }
        String refCol = fk == null || fk.refColumns() == null || fk.refColumns().size() != 1 ? null
                : fk.refColumns().get(0);
        return new Declared(table, col.name(), col.type(), col, pk, fk == null ? null : fk.refTable(), refCol);
    }

    /** The referenced column as the catalog knows it (the primary key when the FK names no column). */
    static java.util.Optional<CatalogSnapshot.Column> referenced(Declared d, AnalysisContext ctx) {
        if (d.refTable() == null) {
            return java.util.Optional.empty();
        }
        return ctx.table(d.refTable()).flatMap(t -> {
            String col = d.refColumn();
            if (col == null) {
                col = t.constraints().stream().filter(k -> k.type() == 'p' && k.columns().size() == 1)
                        .map(k -> k.columns().get(0)).findFirst().orElse(null);
            }
            return col == null ? java.util.Optional.empty() : t.column(col);
        });
    }

    /**
     * The name of the referenced column when it is known to be a bigint: by the catalog, or by a CREATE TABLE of the
     * referenced table earlier in this file (or in this statement: a self-reference); else null.
     */
    static String referencedBigint(Declared d, ParsedStatement st, AnalysisContext ctx) {
        if (d.refTable() == null) {
            return null;
        }
        java.util.Optional<CatalogSnapshot.Column> cat = referenced(d, ctx);
        if (cat.isPresent()) {
            return cat.get().baseType().equals("int8") ? cat.get().name() : null;
        }
        List<ParsedStatement> scope = new ArrayList<>(ctx.earlierStatements(st));
        scope.add(st);
        for (int i = scope.size() - 1; i >= 0; i--) {
            for (Change.CreateTable ct : scope.get(i).changes(Change.CreateTable.class)) {
                if (!ct.target().sameAs(d.refTable())) {
                    continue;
                }
                String want = d.refColumn();
                if (want == null) {
                    want = ct.columns().stream().filter(ColumnDef::isPrimaryKey).map(ColumnDef::name).findFirst()
                            .orElse(ct.constraints().stream().filter(k -> k.kind() == ConstraintDef.Kind.PRIMARY_KEY
                                    && k.columns().size() == 1).map(k -> k.columns().get(0)).findFirst().orElse(null));
                }
                for (ColumnDef col : ct.columns()) {
                    if (col.name().equals(want)) {
                        String n = col.type().name();
                        return !col.type().array() && (n.equals("bigint") || n.equals("bigserial")) ? col.name() : null;
                    }
                }
                return null;
            }
        }
        return null;
    }

    /**
     * The statement with the written type of {@code d} replaced by {@code replacement}, or null when the type
     * cannot be found unambiguously in the text.
     */
    static String replaceType(ParsedStatement st, Declared d, String replacement) {
        String sql = st.source().text().strip();
        if (d.type().written() == null || d.type().written().isBlank()) {
            return null;
        }
        Pattern p = Pattern.compile("(?i)((?<![\\w$\"])\"?" + Pattern.quote(d.column())
                + "\"?\\s+(?:(?:SET\\s+DATA\\s+)?TYPE\\s+)?)"
                + Pattern.quote(d.type().written()) + "(?![\\w(\\[])");
        Matcher m = p.matcher(sql);
        if (!m.find()) {
            return null;
        }
        int start = m.start();
        if (m.find()) {
            return null;
        }
        Matcher again = p.matcher(sql);
        again.find(start);
        return sql.substring(0, again.start()) + again.group(1) + replacement + sql.substring(again.end()) + ";";
    }
}
