package io.schemapilot.checks;

import io.schemapilot.analysis.Analyzer;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.checks.PlannedCheck.Duplicates;
import io.schemapilot.checks.PlannedCheck.Estimate;
import io.schemapilot.checks.PlannedCheck.Key;
import io.schemapilot.checks.PlannedCheck.Kind;
import io.schemapilot.checks.PlannedCheck.Orphans;
import io.schemapilot.checks.PlannedCheck.Probe;
import io.schemapilot.checks.PlannedCheck.Rows;
import io.schemapilot.checks.PlannedCheck.Unavailable;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementParser;
import io.schemapilot.sql.StatementSplitter;
import io.schemapilot.sql.Token;
import io.schemapilot.sql.TypeName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans the data checks a careful engineer would run before a migration: for each statement whose success or
 * damage depends on the data (NOT NULL, UNIQUE, PRIMARY KEY, FOREIGN KEY, CHECK, a type change, an enum label
 * rename, DROP / TRUNCATE / DELETE), what to count. Objects created earlier in the same migration are skipped (they
 * are new and empty); names renamed earlier are followed back to what they are called in the database today. The
 * catalog, when known, supplies row keys, old column types, enum columns and referenced keys. Pure: no database.
 */
public final class DataCheckPlanner {

    private DataCheckPlanner() {
    }

    /**
     * Plans the checks for a migration file's text ({@code catalog} may be null).
     *
     * @throws io.schemapilot.sql.SqlSyntaxException when the text cannot be split into statements
     */
    public static List<PlannedCheck> plan(String migrationSql, CatalogSnapshot catalog) {
        return plan(Analyzer.parse(StatementSplitter.split(migrationSql).statements()), catalog);
    }

    /** Plans the checks for a migration's parsed statements, in order ({@code catalog} may be null). */
    public static List<PlannedCheck> plan(List<ParsedStatement> statements, CatalogSnapshot catalog) {
        return new Walk(catalog).run(statements);
    }

    // ------------------------------------------------------------------------------------------------ the walk

    /** The table a check queries: its name in the database today, and what the catalog knows of it. */
    private record Target(QualifiedName sql, CatalogSnapshot.Table table, String display, boolean missing) {
        String idPart() {
            String schema = table != null ? table.schema() : sql.schema();
            return schema == null || schema.equals("public") ? sql.name() : schema + "." + sql.name();
        }
    }

    private record Rename(QualifiedName now, QualifiedName was) {
    }

    private record ColumnRename(String table, String now, String was) {
    }

    private record Dml(int statement, String table, List<String> columns) {
    }

    private record Pending(ParsedStatement statement, QualifiedName table, ConstraintDef def) {
    }

    private static final class Walk {
        private final CatalogSnapshot catalog;
        private final List<QualifiedName> created = new ArrayList<>();
        private final List<Rename> renamedTables = new ArrayList<>();
        private final List<ColumnRename> renamedColumns = new ArrayList<>();
        private final Set<String> addedColumns = new HashSet<>();
        private final Map<String, List<String>> createdEnums = new HashMap<>();
        private final Map<String, List<String>> createdIndexes = new HashMap<>();
        private final Map<String, Pending> pendingNotValid = new LinkedHashMap<>();
        private final List<Dml> dml = new ArrayList<>();
        private final List<PlannedCheck> out = new ArrayList<>();
        private final Map<String, Integer> ids = new HashMap<>();
        private final Set<String> planned = new HashSet<>();
        private List<ParsedStatement> statements = List.of();
        private int current;

        Walk(CatalogSnapshot catalog) {
            this.catalog = catalog;
        }

        List<PlannedCheck> run(List<ParsedStatement> all) {
            this.statements = all;
            for (current = 0; current < all.size(); current++) {
                ParsedStatement st = all.get(current);
                for (Change c : st.changes()) {
                    plan(st, c);
                    apply(st, c);
                }
            }
            for (Pending p : pendingNotValid.values()) {
                Target t = resolve(p.table());
                if (t != null) {
                    constraint(p.statement(), t, p.def(), "added NOT VALID: existing rows are not checked now, but "
                            + "VALIDATE CONSTRAINT fails while these rows remain");
                }
            }
            List<PlannedCheck> sorted = new ArrayList<>(out);
            sorted.sort(Comparator.comparingInt(PlannedCheck::statement));
            return List.copyOf(sorted);
        }

        // ---- planning, per change

        private void plan(ParsedStatement st, Change change) {
            if (change instanceof Change.SetNotNull c) {
                Target t = resolve(c.target());
                String col = t == null ? null : column(t, c.column());
                if (col != null && !alreadyNotNull(t, col)) {
                    nulls(st, t, col, null);
                }
            } else if (change instanceof Change.AddColumn c) {
                Target t = resolve(c.target());
                ColumnDef def = c.column();
                boolean required = def.notNull() || def.isPrimaryKey();
                if (t != null && required && !def.hasDefault() && def.generated() == ColumnDef.Generated.NONE
                        && !def.type().isSerial() && !(c.ifNotExists() && t.table() != null
                        && t.table().column(def.name()).isPresent())) {
                    add(st, t, Kind.NULLS, List.of(def.name()), new Rows(null, Estimate.ROWS), keys(t),
                            def.name() + " is a new column without a default: every existing row would hold NULL, so "
                                    + "the statement fails unless the table is empty");
                }
            } else if (change instanceof Change.AddConstraint c) {
                Target t = resolve(c.target());
                if (t == null) {
                    return;
                }
                ConstraintDef def = c.constraint();
                if (def.notValid() && def.name() != null && laterValidate(def.name())) {
                    pendingNotValid.put(def.name(), new Pending(st, c.target(), def));
                    return;
                }
                constraint(st, t, def, def.notValid() ? "added NOT VALID: existing rows are not checked now, but "
                        + "VALIDATE CONSTRAINT fails while these rows remain" : null);
            } else if (change instanceof Change.ValidateConstraint c) {
                validate(st, c);
            } else if (change instanceof Change.CreateIndex c) {
                Target t = resolve(c.target());
                if (t != null && c.unique()) {
                    uniqueIndex(st, t, c);
                }
            } else if (change instanceof Change.AlterColumnType c) {
                Target t = resolve(c.target());
                String col = t == null ? null : column(t, c.column());
                if (col != null) {
                    typeChange(st, t, col, c.type(), c.using());
                }
            } else if (change instanceof Change.DropColumn c) {
                Target t = resolve(c.target());
                String col = t == null ? null : column(t, c.column());
                if (col != null && !(c.ifExists() && t.table() != null && t.table().column(col).isEmpty())) {
                    dropColumn(st, t, col, null);
                }
            } else if (change instanceof Change.DropTable c) {
                for (QualifiedName q : c.names()) {
                    Target t = resolve(q);
                    if (t != null && !(c.ifExists() && t.missing()) && holdsData(t)) {
                        loseRows(st, t, null);
                    }
                }
            } else if (change instanceof Change.Truncate c) {
                truncate(st, c);
            } else if (change instanceof Change.Delete c) {
                delete(st, c);
            } else if (change instanceof Change.DropSchema c && c.cascade() && catalog != null) {
                for (QualifiedName s : c.names()) {
                    for (CatalogSnapshot.Table table : catalog.tables()) {
                        if (table.schema().equals(s.name()) && holdsData(table)) {
                            Target t = resolve(table.qualifiedName());
                            if (t != null) {
                                loseRows(st, t, "DROP SCHEMA " + s.name() + " CASCADE drops this table");
                            }
                        }
                    }
                }
            } else if (change instanceof Change.DropObject c && c.cascade() && catalog != null
                    && (c.kind().equals("TYPE") || c.kind().equals("DOMAIN"))) {
                for (QualifiedName type : c.names()) {
                    for (CatalogSnapshot.Table table : catalog.tables()) {
                        for (CatalogSnapshot.Column col : table.columns()) {
                            if (holdsData(table) && (col.baseType().equals(type.name())
                                    || col.baseType().equals("_" + type.name()))) {
                                Target t = resolve(table.qualifiedName());
                                if (t != null) {
                                    dropColumn(st, t, col.name(), "DROP " + c.kind() + " " + type + " CASCADE drops "
                                            + "this column");
                                }
                            }
                        }
                    }
                }
            } else if (change instanceof Change.RenameEnumValue c) {
                renameEnumValue(st, c);
            }
        }

        private void nulls(ParsedStatement st, Target t, String col, String note) {
            add(st, t, Kind.NULLS, List.of(col), new Rows(Sql.ident(col) + " IS NULL", Estimate.nulls(col)), keys(t),
                    note);
        }

        private void constraint(ParsedStatement st, Target t, ConstraintDef def, String note) {
            switch (def.kind()) {
                case CHECK: {
                    String nn = def.notNullCheckColumn();
                    if (nn != null) {
                        String col = column(t, nn);
                        if (col != null && !alreadyNotNull(t, col)) {
                            nulls(st, t, col, note);
                        }
                        return;
                    }
                    check(st, t, def.name(), def.expression(), note);
                    return;
                }
                case NOT_NULL: {
                    String col = def.columns().isEmpty() ? null : column(t, def.columns().get(0));
                    if (col != null && !alreadyNotNull(t, col)) {
                        nulls(st, t, col, note);
                    }
                    return;
                }
                case UNIQUE:
                case PRIMARY_KEY: {
                    boolean pk = def.kind() == ConstraintDef.Kind.PRIMARY_KEY;
                    List<String> cols;
                    if (def.usingIndex() != null) {
                        // the index exists and is unique already: only the NOT NULL part of a primary key can fail
                        cols = createdIndexes.containsKey(def.usingIndex()) ? createdIndexes.get(def.usingIndex())
                                : t.table() == null ? List.of() : t.table().index(def.usingIndex())
                                .map(CatalogSnapshot.Index::columns).orElse(List.of());
                    } else {
                        cols = columns(t, def.columns());
                        if (cols == null) {
                            return;
                        }
                        if (!hasUniqueIndex(t, cols)) {
                            List<Key> keys = cols.stream().map(c -> new Key(Sql.ident(c), c)).toList();
                            add(st, t, Kind.DUPLICATES, cols, new Duplicates(keys, null), cols, note);
                        }
                    }
                    if (pk) {
                        for (String c : cols) {
                            String col = column(t, c);
                            if (col != null && !alreadyNotNull(t, col)) {
                                nulls(st, t, col, "PRIMARY KEY makes " + col + " NOT NULL");
                            }
                        }
                    }
                    return;
                }
                case FOREIGN_KEY:
                    foreignKey(st, t, def.columns(), def.refTable(), def.refColumns(), note);
                    return;
                default:
                    // EXCLUDE: no aggregate query tells overlapping rows cheaply; the rehearsal covers it
            }
        }

        private void check(ParsedStatement st, Target t, String name, String expression, String note) {
            String expr = Sql.expression(expression);
            String label = name == null ? "check" : name;
            if (expr == null) {
                add(st, t, Kind.CHECK, List.of(), label, new Unavailable("the CHECK expression could not be read as "
                        + "one self-contained expression"), List.of(), note);
                return;
            }
            String join = note == null ? "" : note + "; ";
            add(st, t, Kind.CHECK, List.of(), label, new Rows("NOT (" + expr + ")", Estimate.NONE), keys(t),
                    join + "rows where the condition is false (NULL passes a CHECK)");
        }

        private void foreignKey(ParsedStatement st, Target t, List<String> fkColumns, QualifiedName ref,
                                List<String> refColumns, String note) {
            List<String> cols = columns(t, fkColumns);
            if (cols == null || cols.isEmpty() || ref == null) {
                return;
            }
            String detail = String.join(",", cols) + "->" + ref;
            QualifiedName refOrig = original(ref);
            if (isCreated(refOrig)) {
                add(st, t, Kind.ORPHANS, cols, detail, new Unavailable("the referenced table " + refOrig.qualified()
                        + " is created in this migration, so its rows are not known before it runs"), cols, note);
                return;
            }
            Target r = resolve(ref);
            if (r == null || r.missing()) {
                add(st, t, Kind.ORPHANS, cols, detail, new Unavailable("the referenced table " + ref.qualified()
                        + " is not in the database"), cols, note);
                return;
            }
            List<String> refCols = refColumns.isEmpty() ? primaryKey(r) : columns(r, refColumns);
            if (refCols == null || refCols.size() != cols.size()) {
                add(st, t, Kind.ORPHANS, cols, detail, new Unavailable("the referenced columns of " + r.display()
                        + " are not known (no catalog, or no primary key)"), cols, note);
                return;
            }
            List<String> sample = new ArrayList<>(primaryKey(t));
            cols.stream().filter(c -> !sample.contains(c)).forEach(sample::add);
            String join = note == null ? "" : note + "; ";
            add(st, t, Kind.ORPHANS, cols, detail, new Orphans(cols, r.sql(), refCols), sample,
                    join + "rows whose " + String.join(", ", cols) + " has no match in " + r.display() + "("
                            + String.join(", ", refCols) + "); rows with a NULL key are not checked (MATCH SIMPLE)");
        }

        private void validate(ParsedStatement st, Change.ValidateConstraint c) {
            Pending p = pendingNotValid.remove(c.name());
            Target t = resolve(c.target());
            if (t == null) {
                return;
            }
            if (p != null) {
                constraint(st, t, p.def(), null);
                return;
            }
            if (t.table() == null) {
                return;
            }
            Optional<CatalogSnapshot.Constraint> found = t.table().constraint(c.name());
            if (found.isEmpty() || found.get().validated()) {
                return;
            }
            CatalogSnapshot.Constraint k = found.get();
            switch (k.type()) {
                case 'c': {
                    String nn = k.notNullCheckColumn();
                    if (nn != null) {
                        nulls(st, t, nn, null);
                        return;
                    }
                    Matcher m = Pattern.compile("(?s)^CHECK \\((.*)\\)( NOT VALID)?$").matcher(k.definition().strip());
                    if (m.matches()) {
                        check(st, t, k.name(), m.group(1), null);
                    }
                    return;
                }
                case 'f': {
                    Matcher m = Pattern.compile("(?s)REFERENCES\\s+.*?\\(([^)]*)\\)").matcher(k.definition());
                    List<String> refCols = m.find() ? identifiers(m.group(1)) : List.of();
                    foreignKey(st, t, k.columns(), k.refTable(), refCols, null);
                    return;
                }
                case 'n':
                    k.columns().forEach(col -> nulls(st, t, col, null));
                    return;
                default:
            }
        }

        private void uniqueIndex(ParsedStatement st, Target t, Change.CreateIndex c) {
            List<Key> keys = new ArrayList<>();
            List<String> cols = new ArrayList<>();
            for (String element : c.columns()) {
                Key k = indexKey(t, element);
                if (k == null) {
                    add(st, t, Kind.DUPLICATES, List.of(), c.name() == null ? "index" : c.name().name(),
                            new Unavailable("the index element '" + element + "' could not be read as a column or "
                                    + "an expression"), List.of(), null);
                    return;
                }
                keys.add(k);
                cols.add(k.label());
            }
            String where = null;
            if (c.where() != null) {
                where = Sql.expression(c.where());
                if (where == null) {
                    add(st, t, Kind.DUPLICATES, cols, new Unavailable("the index predicate could not be read as one "
                            + "self-contained expression"), cols, null);
                    return;
                }
            }
            boolean plainColumns = keys.stream().allMatch(k -> k.sql().equals(Sql.ident(k.label())));
            if (plainColumns && where == null && hasUniqueIndex(t, cols)) {
                return;
            }
            add(st, t, Kind.DUPLICATES, cols, new Duplicates(keys, where), cols,
                    where == null ? null : "only rows where " + where + " (partial index)");
        }

        /** A column ({@code email}, {@code "Email" DESC}) or an expression ({@code lower(email)}) of an index. */
        private Key indexKey(Target t, String element) {
            List<Token> tk;
            try {
                tk = Lexer.tokens(element);
            } catch (SqlSyntaxException e) {
                return null;
            }
            if (tk.isEmpty()) {
                return null;
            }
            int end = tk.size();
            // drop trailing ASC / DESC / NULLS FIRST|LAST / an operator class / COLLATE x
            while (end > 1 && tk.get(end - 1).isWord() && Set.of("asc", "desc", "first", "last", "nulls")
                    .contains(tk.get(end - 1).value())) {
                end--;
            }
            for (int i = 1; i < end; i++) {
                if (tk.get(i).isWord("collate")) {
                    end = i;
                    break;
                }
            }
            if (end >= 1 && tk.get(0).isIdentifier() && (end == 1 || end == 2 && tk.get(1).isIdentifier())) {
                String col = column(t, tk.get(0).value());
                return col == null ? null : new Key(Sql.ident(col), col);
            }
            // an expression: (expr) or f(args), possibly followed by an operator class
            int close = matching(tk, tk.get(0).isPunct('(') ? 0 : 1);
            if (close < 0) {
                return null;
            }
            List<Token> exprTokens = tk.get(0).isPunct('(') ? tk.subList(1, close) : tk.subList(0, close + 1);
            String expr = Sql.expression(exprTokens);
            if (expr == null) {
                return null;
            }
            return new Key("(" + expr + ")", expr);
        }

        private void typeChange(ParsedStatement st, Target t, String col, TypeName type, String using) {
            CatalogSnapshot.Column source = t.table() == null ? null : t.table().column(col).orElse(null);
            if (t.table() != null && source == null) {
                add(st, t, Kind.CAST, List.of(col), new Unavailable(t.display() + " has no column " + col
                        + " in the database"), List.of(), null);
                return;
            }
            boolean sourceIsEnum = source != null && catalog.enums().stream()
                    .anyMatch(e -> e.name().equals(source.baseType()));
            List<String> labels = enumLabels(type);
            CastProbes.Plan p = CastProbes.plan(col, source, sourceIsEnum, type, using, labels);
            if (p == null) {
                return;
            }
            List<String> sample = new ArrayList<>(keys(t));
            if (p.valueInSample() && !sample.contains(col)) {
                sample.add(col);
            }
            String note = labels != null ? "values that are not labels of " + type.name() + " ("
                    + String.join(", ", labels) + ")" : null;
            add(st, t, p.kind(), List.of(col), p.probe(), sample, note);
        }

        private void dropColumn(ParsedStatement st, Target t, String col, String note) {
            add(st, t, Kind.DATA_LOSS, List.of(col), new Rows(Sql.ident(col) + " IS NOT NULL",
                    Estimate.nonNulls(col)), List.of(), note == null ? "non-null values that would be destroyed" : note);
        }

        private void loseRows(ParsedStatement st, Target t, String note) {
            add(st, t, Kind.DATA_LOSS, List.of(), new Rows(null, Estimate.ROWS), List.of(),
                    note == null ? "rows that would be destroyed" : note);
        }

        private void truncate(ParsedStatement st, Change.Truncate c) {
            List<Target> targets = new ArrayList<>();
            for (QualifiedName q : c.tables()) {
                Target t = resolve(q);
                if (t != null && holdsData(t)) {
                    targets.add(t);
                    loseRows(st, t, null);
                }
            }
            if (!c.cascade() || catalog == null) {
                return;
            }
            for (Target truncated : targets) {
                for (CatalogSnapshot.Table other : catalog.tables()) {
                    boolean refers = other.constraints().stream().anyMatch(k -> k.type() == 'f'
                            && k.refTable() != null && truncated.table() != null
                            && k.refTable().sameAs(truncated.table().qualifiedName()));
                    if (refers && targets.stream().noneMatch(x -> x.display().equals(other.schema() + "."
                            + other.name()))) {
                        Target t = resolve(other.qualifiedName());
                        if (t != null) {
                            loseRows(st, t, "TRUNCATE ... CASCADE empties this table too: it references "
                                    + truncated.display());
                        }
                    }
                }
            }
        }

        private void delete(ParsedStatement st, Change.Delete c) {
            Target t = resolve(c.target());
            if (t == null || !holdsData(t)) {
                return;
            }
            if (!c.hasWhere()) {
                loseRows(st, t, "DELETE without WHERE: every row");
                return;
            }
            Probe probe = deleteProbe(st, t);
            add(st, t, Kind.DATA_LOSS, List.of(), probe, List.of(),
                    probe instanceof Unavailable ? null : "rows the DELETE's WHERE clause matches today");
        }

        /** {@code DELETE FROM t [AS a] [USING ...] WHERE cond [RETURNING ...]} as a row count. */
        private Probe deleteProbe(ParsedStatement st, Target t) {
            List<Token> tk = st.tokens();
            if (tk.size() < 4 || !tk.get(0).isWord("delete") || !tk.get(1).isWord("from")) {
                return new Unavailable("only a plain DELETE FROM ... WHERE statement can be counted");
            }
            int i = 2;
            if (tk.get(i).isWord("only")) {
                i++;
            }
            // the table name: name [. name [. name]]
            if (i < tk.size() && tk.get(i).isIdentifier()) {
                i++;
                while (i + 1 < tk.size() && tk.get(i).isPunct('.') && tk.get(i + 1).isIdentifier()) {
                    i += 2;
                }
            }
            if (i < tk.size() && tk.get(i).isOperator("*")) {
                i++;
            }
            String alias = null;
            if (i < tk.size() && tk.get(i).isWord("as")) {
                i++;
            }
            if (i < tk.size() && tk.get(i).isIdentifier() && !isClauseWord(tk.get(i))) {
                alias = tk.get(i).value();
                i++;
            }
            List<Token> using = List.of();
            if (i < tk.size() && tk.get(i).isWord("using")) {
                int end = topLevel(tk, i + 1, "where");
                using = tk.subList(i + 1, end);
                i = end;
            }
            if (i >= tk.size() || !tk.get(i).isWord("where")) {
                return new Unavailable("the DELETE's WHERE clause could not be found");
            }
            int end = topLevel(tk, i + 1, "returning");
            List<Token> cond = tk.subList(i + 1, end);
            if (!cond.isEmpty() && cond.get(0).isWord("current")) {
                return new Unavailable("DELETE ... WHERE CURRENT OF cannot be counted");
            }
            String where = Sql.expression(cond);
            String from = using.isEmpty() ? null : Sql.expression(using);
            if (where == null || !using.isEmpty() && from == null) {
                return new Unavailable("the DELETE's WHERE clause is not one self-contained expression");
            }
            if (alias == null && from == null) {
                return new Rows(where, Estimate.NONE);
            }
            String table = Sql.table(t.sql()) + (alias == null ? "" : " AS " + Sql.ident(alias));
            String condition = from == null ? where : "EXISTS (SELECT 1 FROM " + from + " WHERE " + where + ")";
            return new Rows(condition, Estimate.NONE, table);
        }

        private void renameEnumValue(ParsedStatement st, Change.RenameEnumValue c) {
            QualifiedName type = c.target();
            if (type == null || createdEnums.containsKey(type.name())) {
                return;
            }
            if (catalog == null) {
                out(st.number(), Kind.ENUM, "enum-" + slug(type.name()), type.qualified(), null, List.of(),
                        new Unavailable("without the catalog the columns of type " + type + " are not known"),
                        List.of(), null, false);
                return;
            }
            Optional<CatalogSnapshot.EnumType> e = catalog.enumType(type);
            if (e.isEmpty()) {
                return;
            }
            String name = e.get().name();
            for (CatalogSnapshot.Table table : catalog.tables()) {
                if (!holdsData(table)) {
                    continue;
                }
                for (CatalogSnapshot.Column col : table.columns()) {
                    boolean scalar = col.baseType().equals(name);
                    boolean array = col.baseType().equals("_" + name);
                    if (!scalar && !array) {
                        continue;
                    }
                    Target t = resolve(table.qualifiedName());
                    if (t == null) {
                        continue;
                    }
                    String cond = scalar ? Sql.ident(col.name()) + "::text = " + Sql.literal(c.from())
                            : Sql.literal(c.from()) + " = ANY (" + Sql.ident(col.name()) + "::text[])";
                    Estimate est = scalar ? Estimate.valuesIn(col.name(), List.of(c.from())) : Estimate.NONE;
                    add(st, t, Kind.ENUM, List.of(col.name()), new Rows(cond, est), keys(t), "rows holding '"
                            + c.from() + "', which becomes '" + c.to() + "': code that writes or compares the old "
                            + "label breaks");
                }
            }
        }

        // ---- state

        private void apply(ParsedStatement st, Change change) {
            if (change instanceof Change.CreateTable c) {
                created.add(c.target());
            } else if (change instanceof Change.RenameTable c && c.target() != null) {
                QualifiedName now = new QualifiedName(c.target().schema(), c.newName());
                renamedTables.add(new Rename(now, original(c.target())));
            } else if (change instanceof Change.RenameColumn c) {
                Target t = resolve(c.target());
                if (t != null) {
                    renamedColumns.add(new ColumnRename(t.display(), c.to(), originalColumn(t, c.from())));
                }
            } else if (change instanceof Change.AddColumn c) {
                Target t = resolve(c.target());
                if (t != null) {
                    addedColumns.add(t.display() + "\0" + c.column().name());
                }
            } else if (change instanceof Change.CreateIndex c && c.name() != null) {
                Target t = resolve(c.target());
                if (t != null) {
                    List<String> cols = new ArrayList<>();
                    for (String element : c.columns()) {
                        Key k = indexKey(t, element);
                        if (k != null && k.sql().equals(Sql.ident(k.label()))) {
                            cols.add(k.label());
                        }
                    }
                    createdIndexes.put(c.name().name(), cols);
                }
            } else if (change instanceof Change.CreateEnum c && c.target() != null) {
                createdEnums.put(c.target().name(), new ArrayList<>(c.labels()));
            } else if (change instanceof Change.AddEnumValue c && c.target() != null
                    && createdEnums.containsKey(c.target().name())) {
                createdEnums.get(c.target().name()).add(c.value());
            } else if (change instanceof Change.Update c) {
                Target t = resolve(c.target());
                if (t != null) {
                    dml.add(new Dml(st.number(), t.display(), c.columns()));
                }
            } else if (change instanceof Change.Delete c) {
                Target t = resolve(c.target());
                if (t != null) {
                    dml.add(new Dml(st.number(), t.display(), List.of()));
                }
            }
        }

        /** The table as named in the database today, or null when there is nothing to check (new, dynamic). */
        private Target resolve(QualifiedName q) {
            if (q == null || StatementParser.DYNAMIC.equals(q.name()) || StatementParser.DYNAMIC.equals(q.schema())) {
                return null;
            }
            QualifiedName orig = original(q);
            if (isCreated(orig)) {
                return null;
            }
            if (catalog == null) {
                return new Target(orig, null, orig.qualified(), false);
            }
            Optional<CatalogSnapshot.Table> t = catalog.table(orig);
            if (t.isEmpty()) {
                return new Target(orig, null, orig.qualified(), true);
            }
            CatalogSnapshot.Table table = t.get();
            return new Target(table.qualifiedName(), table, table.schema() + "." + table.name(), false);
        }

        private QualifiedName original(QualifiedName q) {
            QualifiedName cur = q;
            for (int i = renamedTables.size() - 1; i >= 0; i--) {
                Rename r = renamedTables.get(i);
                if (r.now().sameAs(cur) || r.now().schema() == null && cur.schema() == null
                        && r.now().name().equals(cur.name())) {
                    cur = r.was();
                }
            }
            return cur;
        }

        private boolean isCreated(QualifiedName q) {
            return created.stream().anyMatch(c -> c.sameAs(q));
        }

        /** The column's name today, or null when it was added in this migration. */
        private String column(Target t, String col) {
            String orig = originalColumn(t, col);
            return addedColumns.contains(t.display() + "\0" + orig) ? null : orig;
        }

        private List<String> columns(Target t, List<String> cols) {
            List<String> result = new ArrayList<>();
            for (String c : cols) {
                String col = column(t, c);
                if (col == null) {
                    return null;
                }
                result.add(col);
            }
            return result;
        }

        private String originalColumn(Target t, String col) {
            String cur = col;
            for (int i = renamedColumns.size() - 1; i >= 0; i--) {
                ColumnRename r = renamedColumns.get(i);
                if (r.table().equals(t.display()) && r.now().equals(cur)) {
                    cur = r.was();
                }
            }
            return cur;
        }

        /** A later statement of the migration validates the constraint {@code name}. */
        private boolean laterValidate(String name) {
            for (int i = current + 1; i < statements.size(); i++) {
                for (Change.ValidateConstraint v : statements.get(i).changes(Change.ValidateConstraint.class)) {
                    if (v.name().equals(name)) {
                        return true;
                    }
                }
            }
            return false;
        }

        // ---- catalog facts

        private boolean alreadyNotNull(Target t, String col) {
            return t.table() != null && (t.table().column(col).map(CatalogSnapshot.Column::notNull).orElse(false)
                    || t.table().hasValidNotNullCheck(col));
        }

        private boolean hasUniqueIndex(Target t, List<String> cols) {
            return t.table() != null && t.table().indexes().stream().anyMatch(i -> i.unique() && i.valid()
                    && !i.partial() && i.columns().size() == cols.size() && Set.copyOf(i.columns())
                    .equals(Set.copyOf(cols)));
        }

        private List<String> primaryKey(Target t) {
            if (t.table() == null) {
                return List.of();
            }
            return t.table().constraints().stream().filter(k -> k.type() == 'p').findFirst()
                    .map(CatalogSnapshot.Constraint::columns)
                    .or(() -> t.table().indexes().stream().filter(CatalogSnapshot.Index::primary).findFirst()
                            .map(CatalogSnapshot.Index::columns))
                    .orElse(List.of());
        }

        /** The row key for samples: the primary key without secret-looking columns, else {@code ctid}. */
        private List<String> keys(Target t) {
            List<String> pk = primaryKey(t).stream().filter(c -> !Secrets.looksSecret(c)).toList();
            return pk.isEmpty() ? List.of("ctid") : pk;
        }

        private boolean holdsData(Target t) {
            return t.table() == null || holdsData(t.table());
        }

        private static boolean holdsData(CatalogSnapshot.Table t) {
            return t.kind() == 'r' || t.kind() == 'p';
        }

        private List<String> enumLabels(TypeName type) {
            if (type.array()) {
                return null;
            }
            String name = type.name();
            int dot = name.lastIndexOf('.');
            String bare = dot < 0 ? name : name.substring(dot + 1);
            if (createdEnums.containsKey(bare)) {
                return List.copyOf(createdEnums.get(bare));
            }
            if (catalog == null) {
                return null;
            }
            return catalog.enumType(QualifiedName.of(name)).map(CatalogSnapshot.EnumType::labels).orElse(null);
        }

        // ---- output

        private void add(ParsedStatement st, Target t, Kind kind, List<String> cols, Probe probe,
                         List<String> sample, String note) {
            add(st, t, kind, cols, String.join(",", cols), probe, sample, note);
        }

        private void add(ParsedStatement st, Target t, Kind kind, List<String> cols, String detail, Probe probe,
                         List<String> sample, String note) {
            String key = kind + "|" + t.display() + "|" + detail + "|" + probeKey(probe);
            if (!planned.add(key)) {
                return;
            }
            if (t.missing() && !(probe instanceof Unavailable)) {
                probe = new Unavailable(t.display() + " is not in the database");
            }
            String object = cols.size() == 1 ? t.display() + "." + cols.get(0)
                    : cols.isEmpty() ? t.display() : t.display() + " (" + String.join(", ", cols) + ")";
            String idTail = kind == Kind.CHECK || kind == Kind.ORPHANS && cols.isEmpty() ? detail
                    : String.join("-", cols);
            String id = kind.id() + "-" + slug(t.idPart()) + (idTail.isEmpty() ? "" : "-" + slug(idTail));
            boolean advisory = false;
            if (kind != Kind.DATA_LOSS) {
                Optional<Dml> earlier = dml.stream().filter(d -> d.table().equals(t.display())
                        && (d.columns().isEmpty() || cols.isEmpty() || d.columns().stream().anyMatch(cols::contains)))
                        .findFirst();
                if (earlier.isPresent()) {
                    advisory = true;
                    String a = "statement " + earlier.get().statement() + " changes " + t.display() + " earlier in "
                            + "this migration, so this count is of the data before the migration runs";
                    note = note == null ? a : note + "; " + a;
                }
            }
            out(st.number(), kind, id, object, t.sql(), cols, probe, sample, note, advisory);
        }

        private void out(int statement, Kind kind, String id, String object, QualifiedName table, List<String> cols,
                         Probe probe, List<String> sample, String note, boolean advisory) {
            int n = ids.merge(id, 1, Integer::sum);
            String unique = n == 1 ? id : id + "-" + n;
            out.add(new PlannedCheck(unique, kind, object, table, cols, statement, probe, sample, note, advisory));
        }

        private static String probeKey(Probe p) {
            if (p instanceof Rows r) {
                return String.valueOf(r.condition()) + "|" + r.from();
            }
            return p.toString();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static boolean isClauseWord(Token t) {
        return t.isWord() && Set.of("using", "where", "returning", "as").contains(t.value());
    }

    /** The index of the first top-level {@code word} at or after {@code from}, or the end. */
    private static int topLevel(List<Token> tk, int from, String word) {
        int depth = 0;
        for (int i = from; i < tk.size(); i++) {
            Token t = tk.get(i);
            if (t.isPunct('(') || t.isPunct('[')) {
                depth++;
            } else if (t.isPunct(')') || t.isPunct(']')) {
                depth--;
            } else if (depth == 0 && t.isWord(word)) {
                return i;
            }
        }
        return tk.size();
    }

    /** The index of the ')' closing the '(' at {@code open}, or -1. */
    private static int matching(List<Token> tk, int open) {
        if (open >= tk.size() || !tk.get(open).isPunct('(')) {
            return -1;
        }
        int depth = 0;
        for (int i = open; i < tk.size(); i++) {
            if (tk.get(i).isPunct('(')) {
                depth++;
            } else if (tk.get(i).isPunct(')')) {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code a, "B c"} as names. */
    private static List<String> identifiers(String list) {
        List<String> out = new ArrayList<>();
        try {
            for (Token t : Lexer.tokens(list)) {
                if (t.isIdentifier()) {
                    out.add(t.value());
                }
            }
        } catch (SqlSyntaxException e) {
            return List.of();
        }
        return out;
    }

    /** An id-safe spelling: letters, digits, {@code _ . $ -}; anything else becomes {@code _}; at most 48 chars. */
    static String slug(String s) {
        String x = s.replaceAll("[^A-Za-z0-9_.$-]+", "_").replaceAll("^_+|_+$", "");
        return x.length() > 48 ? x.substring(0, 48) : x;
    }
}
