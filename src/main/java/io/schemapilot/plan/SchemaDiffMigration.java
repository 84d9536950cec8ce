package io.schemapilot.plan;

import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogSnapshot.Column;
import io.schemapilot.catalog.CatalogSnapshot.Constraint;
import io.schemapilot.catalog.CatalogSnapshot.EnumType;
import io.schemapilot.catalog.CatalogSnapshot.Index;
import io.schemapilot.catalog.CatalogSnapshot.Sequence;
import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.catalog.SchemaLoader;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code plan --from OLD.sql --to NEW.sql}: both schemas are loaded into databases of the embedded server, their
 * catalogs read and compared, and the migration that turns OLD into NEW is written as plain SQL (what a developer
 * would write; the {@link Planner} then makes it safe). A diff cannot tell a rename from a drop and an add, so
 * renames happen only when the user names them ({@code --rename orders.name:orders.full_name} for a column,
 * {@code --rename clients:customers} for a table).
 *
 * <p>Covered: schemas, enums (new labels in place; removed or reordered labels by recreating the type), sequences,
 * tables (partitioned, partitions with their bounds), columns (type, NOT NULL, default, identity, generated), CHECK /
 * UNIQUE / PRIMARY KEY / FOREIGN KEY / EXCLUDE constraints, indexes, views and materialized views (dropped and
 * recreated around changes of the tables they read). Not covered (named in {@link Result#notes()}): functions and
 * triggers, changed partition keys, a table becoming partitioned, and new columns in the middle of a table.
 */
public final class SchemaDiffMigration {
    private final EmbeddedPostgresServer server;

    /** Uses the JVM's embedded server. */
    public SchemaDiffMigration() {
        this(null);
    }

    public SchemaDiffMigration(EmbeddedPostgresServer server) {
        this.server = server;
    }

    /**
     * The migration and the catalogs it goes between.
     *
     * @param before the catalog of OLD (give it to the planner as the catalog)
     * @param after  the catalog of NEW
     */
    public record Result(String sql, List<String> notes, CatalogSnapshot before, CatalogSnapshot after) {

        /** The plan request for this migration, with OLD's catalog. */
        public PlanRequest planRequest(String name) {
            return PlanRequest.of(name, sql).withCatalog(before, "--from");
        }
    }

    /** A rename hint: a column ({@code table} set, columns set) or a table ({@code toTable} set). */
    public record Rename(QualifiedName table, String fromColumn, String toColumn, QualifiedName toTable) {

        /**
         * {@code table.old:table.new} (a column of a table of OLD) or {@code old:new} / {@code schema.old:schema.new}
         * (a table).
         */
        public static Rename parse(String hint, CatalogSnapshot old) {
            int colon = hint.indexOf(':');
            if (colon <= 0 || colon == hint.length() - 1) {
                throw new IllegalArgumentException("--rename '" + hint + "': use table.old:table.new or old:new");
            }
            String a = hint.substring(0, colon).strip();
            String b = hint.substring(colon + 1).strip();
            int da = a.lastIndexOf('.');
            int db = b.lastIndexOf('.');
            if (da > 0 && db > 0 && a.substring(0, da).equals(b.substring(0, db))) {
                QualifiedName t = QualifiedName.of(a.substring(0, da));
                if (old.table(t).map(x -> x.column(a.substring(da + 1)).isPresent()).orElse(false)) {
                    return new Rename(old.table(t).get().qualifiedName(), a.substring(da + 1), b.substring(db + 1),
                            null);
                }
            }
            QualifiedName from = QualifiedName.of(a);
            Table t = old.table(from).orElseThrow(() -> new IllegalArgumentException("--rename '" + hint
                    + "': OLD has no table " + a + " (nor a column " + a + ")"));
            QualifiedName to = QualifiedName.of(b);
            return new Rename(t.qualifiedName(), null, null, new QualifiedName(to.schemaOr(t.schema()), to.name()));
        }

        boolean isTable() {
            return toTable != null;
        }
    }

    /** Loads both schema texts into shadow databases and generates the migration between them. */
    public Result generate(String oldSql, String oldSource, String newSql, String newSource, List<String> renames) {
        EmbeddedPostgresServer s = server != null ? server : EmbeddedPostgresServer.get();
        SchemaLoader loader = new SchemaLoader(s);
        String a = loader.loadInto(oldSql, oldSource);
        String b = null;
        try {
            b = loader.loadInto(newSql, newSource);
            try (Connection ca = s.connect(a); Connection cb = s.connect(b)) {
                return generate(ca, cb, renames);
            }
        } catch (SQLException e) {
            throw new DatabaseException(DatabaseException.Kind.OTHER, "cannot read the shadow databases of "
                    + oldSource + " and " + newSource + ": " + e.getMessage(), e);
        } finally {
            s.dropDatabase(a);
            if (b != null) {
                s.dropDatabase(b);
            }
        }
    }

    /** Generates the migration from the database {@code oldDb} to the database {@code newDb} (both read only). */
    public static Result generate(Connection oldDb, Connection newDb, List<String> renameHints) throws SQLException {
        CatalogReader reader = new CatalogReader();
        CatalogSnapshot before = reader.read(oldDb);
        CatalogSnapshot after = reader.read(newDb);
        Extras xo = Extras.read(oldDb);
        Extras xn = Extras.read(newDb);
        List<Rename> renames = new ArrayList<>();
        for (String h : renameHints == null ? List.<String>of() : renameHints) {
            renames.add(Rename.parse(h, before));
        }
        Generator g = new Generator(before, after, xo, xn, renames);
        g.run();
        return new Result(g.sql(), List.copyOf(g.notes), before, after);
    }

    // ------------------------------------------------------------------------------------------ catalog extras

    /** What the catalog snapshot does not hold: view definitions, partition keys and bounds, inherited objects. */
    record Extras(Map<String, String> viewDefs, Map<String, String> partKeys, Map<String, String> bounds,
                  Set<String> inheritedIndexes, Set<String> inheritedConstraints, Map<String, String> triggers) {

        static Extras read(Connection c) throws SQLException {
            String user = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";
            Map<String, String> views = map(c, "SELECT n.nspname || '.' || c.relname, pg_get_viewdef(c.oid, true) "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND "
                    + user);
            Map<String, String> keys = map(c, "SELECT n.nspname || '.' || c.relname, pg_get_partkeydef(c.oid) "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'p' AND " + user);
            Map<String, String> bounds = map(c, "SELECT n.nspname || '.' || c.relname, pg_get_expr(c.relpartbound, "
                    + "c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relispartition "
                    + "AND c.relkind IN ('r', 'p') AND " + user);
            Set<String> indexes = new HashSet<>(map(c, "SELECT n.nspname || '.' || c.relname, '' FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('i', 'I') AND "
                    + "c.relispartition AND " + user).keySet());
            Set<String> constraints = new HashSet<>(map(c, "SELECT n.nspname || '.' || t.relname || '.' || "
                    + "co.conname, '' FROM pg_constraint co JOIN pg_class t ON t.oid = co.conrelid JOIN pg_namespace n "
                    + "ON n.oid = t.relnamespace WHERE (co.conparentid <> 0 OR co.coninhcount > 0) AND " + user)
                    .keySet());
            Map<String, String> triggers = map(c, "SELECT n.nspname || '.' || t.relname || '.' || tg.tgname, "
                    + "pg_get_triggerdef(tg.oid) FROM pg_trigger tg JOIN pg_class t ON t.oid = tg.tgrelid JOIN "
                    + "pg_namespace n ON n.oid = t.relnamespace WHERE NOT tg.tgisinternal AND " + user);
            return new Extras(views, keys, bounds, indexes, constraints, triggers);
        }

        private static Map<String, String> map(Connection c, String sql) throws SQLException {
            Map<String, String> out = new LinkedHashMap<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        }
    }

    // ------------------------------------------------------------------------------------------ the generator

    private static final class Generator {
        private final CatalogSnapshot before;
        private final CatalogSnapshot after;
        private final Extras xo;
        private final Extras xn;
        private final List<Rename> renames;
        private final List<String> notes = new ArrayList<>();

        private final List<String> renameSql = new ArrayList<>();
        private final List<String> dropViews = new ArrayList<>();
        private final List<String> dropConstraints = new ArrayList<>();
        private final List<String> dropIndexes = new ArrayList<>();
        private final List<String> types = new ArrayList<>();
        private final List<String> sequences = new ArrayList<>();
        private final List<String> createTables = new ArrayList<>();
        private final List<String> columns = new ArrayList<>();
        private final List<String> addConstraints = new ArrayList<>();
        private final List<String> addForeignKeys = new ArrayList<>();
        private final List<String> createIndexes = new ArrayList<>();
        private final List<String> owned = new ArrayList<>();
        private final List<String> createViews = new ArrayList<>();
        private final List<String> dropTables = new ArrayList<>();
        private final List<String> dropTypes = new ArrayList<>();
        private final List<String> dropSequences = new ArrayList<>();
        private final List<String> schemas = new ArrayList<>();
        private final List<String> dropSchemas = new ArrayList<>();
        private final List<String> enumsLate = new ArrayList<>();

        /** OLD's tables by NEW name (after the renames). */
        private final Map<String, Table> oldTables = new LinkedHashMap<>();
        /** Per NEW table key: old column name -> new column name. */
        private final Map<String, Map<String, String>> columnRenames = new HashMap<>();
        private final Set<String> viewsToRecreate = new LinkedHashSet<>();
        /** OLD table key -> its key after the table renames. */
        private final Map<String, String> renamedFrom = new HashMap<>();

        Generator(CatalogSnapshot before, CatalogSnapshot after, Extras xo, Extras xn, List<Rename> renames) {
            this.before = before;
            this.after = after;
            this.xo = xo;
            this.xn = xn;
            this.renames = renames;
        }

        static String key(Table t) {
            return t.schema() + "." + t.name();
        }

        static String name(Table t) {
            return Sql.name(t.schema(), t.name());
        }

        String sql() {
            List<String> all = new ArrayList<>();
            all.addAll(schemas);
            all.addAll(types);
            all.addAll(renameSql);
            all.addAll(dropViews);
            all.addAll(dropConstraints);
            all.addAll(dropIndexes);
            all.addAll(sequences);
            all.addAll(createTables);
            all.addAll(columns);
            all.addAll(enumsLate);
            all.addAll(owned);
            all.addAll(addConstraints);
            all.addAll(addForeignKeys);
            all.addAll(createIndexes);
            all.addAll(dropTables);
            all.addAll(createViews);
            all.addAll(dropSequences);
            all.addAll(dropTypes);
            all.addAll(dropSchemas);
            StringBuilder sb = new StringBuilder();
            for (String s : all) {
                sb.append(Sql.stmt(s)).append('\n');
            }
            return sb.toString();
        }

        void run() {
            applyRenames();
            schemas();
            enums();
            Set<String> newKeys = new LinkedHashSet<>();
            for (Table t : after.tables()) {
                newKeys.add(key(t));
            }
            // views first: which to drop before and create after the table changes
            for (Map.Entry<String, Table> e : oldTables.entrySet()) {
                Table o = e.getValue();
                Table n = after.tables().stream().filter(x -> key(x).equals(e.getKey())).findFirst().orElse(null);
                if (!o.isView()) {
                    if (n != null && !n.isView() && tableShapeChanged(o, n)) {
                        viewsToRecreate.addAll(before.allDependentViews(o.qualifiedName()));
                    }
                    continue;
                }
                String oldDef = xo.viewDefs().get(oldKey(o));
                String newDef = n == null ? null : xn.viewDefs().get(key(n));
                if (n == null || !Objects.equals(oldDef, newDef) || n.kind() != o.kind()) {
                    viewsToRecreate.add(oldKey(o));
                    viewsToRecreate.addAll(before.allDependentViews(new QualifiedName(o.schema(), o.name())));
                }
            }
            for (String v : orderedDrops(viewsToRecreate)) {
                Table o = before.table(QualifiedName.of(v)).orElse(null);
                if (o != null) {
                    dropViews.add("DROP " + (o.kind() == 'm' ? "MATERIALIZED VIEW" : "VIEW") + " IF EXISTS "
                            + Sql.name(o.schema(), o.name()));
                }
            }
            // tables
            for (Table n : byDepth(after)) {
                Table o = oldTables.get(key(n));
                if (o == null || o.isView()) {
                    createTable(n);
                } else {
                    alterTable(o, n);
                }
            }
            for (Map.Entry<String, Table> e : oldTables.entrySet()) {
                Table o = e.getValue();
                if (o.isView() || newKeys.contains(e.getKey())) {
                    continue;
                }
                if (o.partitionOf() != null && !newKeys.contains(o.partitionOf())
                        && oldTables.containsKey(o.partitionOf())) {
                    continue; // dropped with its parent
                }
                dropTables.add("DROP TABLE IF EXISTS " + Sql.name(o.schema(), o.name()));
                for (Table other : after.tables()) {
                    Table oo = oldTables.get(key(other));
                    if (oo == null || oo.isView()) {
                        continue;
                    }
                    for (Constraint k : oo.constraints()) {
                        if (k.type() == 'f' && k.refTable() != null && refKey(k, oo).equals(e.getKey())
                                && other.constraint(k.name()).isPresent()) {
                            notes.add("OLD's foreign key " + k.name() + " on " + key(other) + " references the dropped "
                                    + "table " + e.getKey() + ".");
                        }
                    }
                }
            }
            // views of NEW to create: new, changed, or dropped around table changes
            List<Table> newViews = new ArrayList<>();
            for (Table n : after.tables()) {
                if (!n.isView()) {
                    continue;
                }
                Table o = oldTables.get(key(n));
                if (o == null || !o.isView() || viewsToRecreate.contains(oldKey(o))) {
                    newViews.add(n);
                }
            }
            for (Table v : orderedCreates(newViews)) {
                String def = xn.viewDefs().get(key(v));
                String body = def == null ? "SELECT 1" : def.strip().replaceAll(";$", "");
                createViews.add("CREATE " + (v.kind() == 'm' ? "MATERIALIZED VIEW " : "VIEW ") + name(v) + " AS\n"
                        + body);
                for (Index i : v.indexes()) {
                    createViews.add(i.definition());
                }
            }
            sequences();
            triggers();
        }

        /** The tables of {@code c} (no views), parents before their partitions. */
        private static List<Table> byDepth(CatalogSnapshot c) {
            List<Table> out = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            List<Table> todo = new ArrayList<>(c.tables().stream().filter(t -> !t.isView()).toList());
            while (!todo.isEmpty()) {
                List<Table> next = new ArrayList<>();
                for (Table t : todo) {
                    if (t.partitionOf() == null || placed.contains(t.partitionOf())
                            || c.table(QualifiedName.of(t.partitionOf())).isEmpty()) {
                        out.add(t);
                        placed.add(key(t));
                    } else {
                        next.add(t);
                    }
                }
                if (next.size() == todo.size()) {
                    out.addAll(next);
                    break;
                }
                todo = next;
            }
            return out;
        }

        private String oldKey(Table o) {
            return o.schema() + "." + o.name();
        }

        private static String refKey(Constraint k, Table from) {
            return k.refTable().schemaOr(from.schema()) + "." + k.refTable().name();
        }

        // ---- renames

        private void applyRenames() {
            Map<String, String> tableRenames = new HashMap<>();
            for (Rename r : renames) {
                if (r.isTable()) {
                    tableRenames.put(r.table().schema() + "." + r.table().name(),
                            r.toTable().schema() + "." + r.toTable().name());
                    renameSql.add("ALTER TABLE " + Sql.name(r.table()) + " RENAME TO " + Sql.ident(r.toTable().name()));
                    if (!r.toTable().schema().equals(r.table().schema())) {
                        renameSql.add("ALTER TABLE " + Sql.name(r.table().schema(), r.toTable().name())
                                + " SET SCHEMA " + Sql.ident(r.toTable().schema()));
                    }
                }
            }
            for (Table t : before.tables()) {
                String k = key(t);
                String to = tableRenames.get(k);
                Table renamed = t;
                if (to != null) {
                    QualifiedName q = QualifiedName.of(to);
                    renamed = new Table(q.schema(), q.name(), t.kind(), t.unlogged(), t.partitionOf(), t.rowEstimate(),
                            t.totalBytes(), t.columns(), t.constraints(), renameInIndexes(t.indexes(), t.name(),
                            q.name()), t.triggers(), t.dependentViews());
                }
                oldTables.put(key(renamed), renamed);
                renamedFrom.put(k, key(renamed));
            }
            for (Rename r : renames) {
                if (r.isTable()) {
                    continue;
                }
                String k = tableRenames.getOrDefault(r.table().schema() + "." + r.table().name(),
                        r.table().schema() + "." + r.table().name());
                Table t = oldTables.get(k);
                renameSql.add("ALTER TABLE " + Sql.name(QualifiedName.of(k)) + " RENAME COLUMN "
                        + Sql.ident(r.fromColumn()) + " TO " + Sql.ident(r.toColumn()));
                columnRenames.computeIfAbsent(k, x -> new HashMap<>()).put(r.fromColumn(), r.toColumn());
                List<Column> cols = new ArrayList<>();
                for (Column c : t.columns()) {
                    cols.add(c.name().equals(r.fromColumn()) ? new Column(r.toColumn(), c.type(), c.baseType(),
                            c.typmod(), c.notNull(), c.defaultExpr(), c.identity(), c.generated(),
                            c.defaultVolatility()) : c);
                }
                List<Constraint> cons = new ArrayList<>();
                for (Constraint c : t.constraints()) {
                    cons.add(new Constraint(c.name(), c.type(), c.columns().stream().map(x -> x.equals(r.fromColumn())
                            ? r.toColumn() : x).toList(), c.validated(), replaceWord(c.definition(), r.fromColumn(),
                            r.toColumn()), c.refTable(), c.index()));
                }
                List<Index> idx = new ArrayList<>();
                for (Index i : t.indexes()) {
                    idx.add(new Index(i.name(), i.unique(), i.primary(), i.valid(), i.partial(), i.method(),
                            i.columns().stream().map(x -> x.equals(r.fromColumn()) ? r.toColumn() : x).toList(),
                            replaceWord(i.definition(), r.fromColumn(), r.toColumn()), i.bytes()));
                }
                oldTables.put(k, new Table(t.schema(), t.name(), t.kind(), t.unlogged(), t.partitionOf(),
                        t.rowEstimate(), t.totalBytes(), cols, cons, idx, t.triggers(), t.dependentViews()));
            }
        }

        private static List<Index> renameInIndexes(List<Index> in, String from, String to) {
            List<Index> out = new ArrayList<>();
            for (Index i : in) {
                out.add(new Index(i.name(), i.unique(), i.primary(), i.valid(), i.partial(), i.method(), i.columns(),
                        replaceWord(i.definition(), from, to), i.bytes()));
            }
            return out;
        }

        private static String replaceWord(String sql, String from, String to) {
            if (sql == null) {
                return null;
            }
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

        // ---- schemas, enums, sequences

        private void schemas() {
            for (String s : after.schemas()) {
                if (!before.schemas().contains(s)) {
                    schemas.add("CREATE SCHEMA " + Sql.ident(s));
                }
            }
            for (String s : before.schemas()) {
                if (!after.schemas().contains(s)) {
                    dropSchemas.add("DROP SCHEMA " + Sql.ident(s));
                }
            }
        }

        private void enums() {
            for (EnumType n : after.enums()) {
                EnumType o = before.enums().stream().filter(x -> x.schema().equals(n.schema())
                        && x.name().equals(n.name())).findFirst().orElse(null);
                String type = Sql.name(n.schema(), n.name());
                if (o == null) {
                    types.add("CREATE TYPE " + type + " AS ENUM (" + labels(n.labels()) + ")");
                    continue;
                }
                if (o.labels().equals(n.labels())) {
                    continue;
                }
                if (isSubsequence(o.labels(), n.labels())) {
                    String firstOld = n.labels().stream().filter(o.labels()::contains).findFirst().orElse(null);
                    for (int i = 0; i < n.labels().size(); i++) {
                        String l = n.labels().get(i);
                        if (o.labels().contains(l)) {
                            continue;
                        }
                        String position = i > 0 ? " AFTER " + Sql.lit(n.labels().get(i - 1))
                                : firstOld == null ? "" : " BEFORE " + Sql.lit(firstOld);
                        types.add("ALTER TYPE " + type + " ADD VALUE " + Sql.lit(l) + position);
                    }
                    continue;
                }
                // labels removed or reordered: recreate the type and convert the columns using it
                String old = Sql.limit(n.name(), "__old");
                types.add("ALTER TYPE " + type + " RENAME TO " + Sql.ident(old));
                types.add("CREATE TYPE " + type + " AS ENUM (" + labels(n.labels()) + ")");
                for (Table t : before.tables()) {
                    if (t.isView() || t.partitionOf() != null) {
                        continue;
                    }
                    for (Column c : t.columns()) {
                        boolean array = c.baseType().equals("_" + n.name());
                        if (!c.baseType().equals(n.name()) && !array) {
                            continue;
                        }
                        String tn = Sql.name(QualifiedName.of(renamedFrom.getOrDefault(key(t), key(t))));
                        String cn = Sql.ident(c.name());
                        if (c.defaultExpr() != null) {
                            enumsLate.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " DROP DEFAULT");
                        }
                        String a = array ? "[]" : "";
                        enumsLate.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " TYPE " + type + a + " USING "
                                + cn + "::text" + a + "::" + type + a);
                        String def = after.table(QualifiedName.of(renamedFrom.getOrDefault(key(t), key(t))))
                                .flatMap(x -> x.column(c.name())).map(Column::defaultExpr).orElse(null);
                        if (def != null) {
                            enumsLate.add("ALTER TABLE " + tn + " ALTER COLUMN " + cn + " SET DEFAULT " + def);
                        }
                    }
                }
                enumsLate.add("DROP TYPE " + Sql.name(n.schema(), old));
            }
            for (EnumType o : before.enums()) {
                if (after.enums().stream().noneMatch(x -> x.schema().equals(o.schema()) && x.name().equals(o.name()))) {
                    dropTypes.add("DROP TYPE IF EXISTS " + Sql.name(o.schema(), o.name()));
                }
            }
        }

        private static boolean isSubsequence(List<String> small, List<String> big) {
            int j = 0;
            for (String s : big) {
                if (j < small.size() && small.get(j).equals(s)) {
                    j++;
                }
            }
            return j == small.size() && big.containsAll(small);
        }

        private static String labels(List<String> labels) {
            return String.join(", ", labels.stream().map(Sql::lit).toList());
        }

        private void sequences() {
            for (Sequence s : after.sequences()) {
                Sequence o = before.sequences().stream().filter(x -> x.schema().equals(s.schema())
                        && x.name().equals(s.name())).findFirst().orElse(null);
                String seq = Sql.name(s.schema(), s.name());
                if (o == null) {
                    if (identityOwned(s)) {
                        continue; // comes with its identity column
                    }
                    sequences.add("CREATE SEQUENCE " + seq + (s.dataType() == null ? "" : " AS " + s.dataType()));
                    if (s.ownedBy() != null) {
                        owned.add("ALTER SEQUENCE " + seq + " OWNED BY " + ownedBy(s.ownedBy()));
                    }
                    continue;
                }
                if (!Objects.equals(o.dataType(), s.dataType()) && s.dataType() != null && !identityOwned(s)) {
                    sequences.add("ALTER SEQUENCE " + seq + " AS " + s.dataType());
                }
                if (!Objects.equals(o.ownedBy(), s.ownedBy()) && !identityOwned(s)) {
                    owned.add("ALTER SEQUENCE " + seq + " OWNED BY " + (s.ownedBy() == null ? "NONE"
                            : ownedBy(s.ownedBy())));
                }
            }
            for (Sequence o : before.sequences()) {
                boolean kept = after.sequences().stream().anyMatch(x -> x.schema().equals(o.schema())
                        && x.name().equals(o.name()));
                if (!kept && o.ownedBy() == null) {
                    dropSequences.add("DROP SEQUENCE IF EXISTS " + Sql.name(o.schema(), o.name()));
                } else if (!kept) {
                    dropSequences.add("DROP SEQUENCE IF EXISTS " + Sql.name(o.schema(), o.name()));
                }
            }
        }

        private boolean identityOwned(Sequence s) {
            if (s.ownedBy() == null) {
                return false;
            }
            int dot = s.ownedBy().lastIndexOf('.');
            QualifiedName t = QualifiedName.of(s.ownedBy().substring(0, dot));
            return after.table(t).flatMap(x -> x.column(s.ownedBy().substring(dot + 1)))
                    .map(Column::isIdentity).orElse(false);
        }

        private static String ownedBy(String qualifiedColumn) {
            String[] parts = qualifiedColumn.split("\\.");
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                sb.append(i > 0 ? "." : "").append(Sql.ident(parts[i]));
            }
            return sb.toString();
        }

        private void triggers() {
            for (Map.Entry<String, String> e : xn.triggers().entrySet()) {
                if (!Objects.equals(xo.triggers().get(e.getKey()), e.getValue())) {
                    notes.add("Trigger " + e.getKey() + " differs between OLD and NEW: triggers and functions are not "
                            + "generated, add them by hand.");
                }
            }
        }

        // ---- tables

        private String columnSql(Column c, boolean withNotNull) {
            StringBuilder sb = new StringBuilder(Sql.ident(c.name())).append(' ').append(c.type());
            if (c.generated() == 's') {
                sb.append(" GENERATED ALWAYS AS (").append(c.defaultExpr()).append(") STORED");
            } else if (c.isIdentity()) {
                sb.append(c.identity() == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
            } else if (c.defaultExpr() != null) {
                sb.append(" DEFAULT ").append(c.defaultExpr());
            }
            if (withNotNull && c.notNull()) {
                sb.append(" NOT NULL");
            }
            return sb.toString();
        }

        private void createTable(Table n) {
            String t = name(n);
            String key = key(n);
            if (n.partitionOf() != null) {
                String bound = xn.bounds().get(key);
                QualifiedName parent = QualifiedName.of(n.partitionOf());
                createTables.add("CREATE TABLE " + t + " PARTITION OF " + Sql.name(parent) + "\n  "
                        + (bound == null ? "DEFAULT" : bound) + partitionBy(n));
            } else {
                List<String> parts = new ArrayList<>();
                for (Column c : n.columns()) {
                    parts.add(columnSql(c, true));
                }
                for (Constraint k : n.constraints()) {
                    if (k.type() != 'f' && k.type() != 'n' && k.validated() && !inherited(xn, n, k)) {
                        parts.add("CONSTRAINT " + Sql.ident(k.name()) + " " + k.definition());
                    }
                }
                createTables.add("CREATE " + (n.unlogged() ? "UNLOGGED " : "") + "TABLE " + t + " (\n  "
                        + String.join(",\n  ", parts) + "\n)" + partitionBy(n));
            }
            for (Constraint k : n.constraints()) {
                if (k.type() == 'n' || inherited(xn, n, k)) {
                    continue;
                }
                if (k.type() == 'f') {
                    addForeignKeys.add("ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(k.name()) + " "
                            + k.definition());
                } else if (!k.validated() || (n.partitionOf() != null)) {
                    addConstraints.add("ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(k.name()) + " "
                            + k.definition());
                }
            }
            for (Index i : n.indexes()) {
                if (!backsConstraint(n, i) && !xn.inheritedIndexes().contains(n.schema() + "." + i.name())) {
                    createIndexes.add(indexSql(n, i));
                }
            }
            if (n.partitionOf() != null) {
                for (Column c : n.columns()) {
                    Table parent = after.table(QualifiedName.of(n.partitionOf())).orElse(null);
                    Column pc = parent == null ? null : parent.column(c.name()).orElse(null);
                    if (pc != null && c.notNull() && !pc.notNull()) {
                        columns.add("ALTER TABLE " + t + " ALTER COLUMN " + Sql.ident(c.name()) + " SET NOT NULL");
                    }
                }
            }
        }

        /** An index definition; on a partitioned table without ONLY, so that its partitions get theirs. */
        private static String indexSql(Table t, Index i) {
            return t.partitioned() ? i.definition().replaceFirst(" ON ONLY ", " ON ") : i.definition();
        }

        private String partitionBy(Table n) {
            String k = xn.partKeys().get(key(n));
            return k == null ? "" : " PARTITION BY " + k;
        }

        private static boolean inherited(Extras x, Table t, Constraint k) {
            return x.inheritedConstraints().contains(key(t) + "." + k.name());
        }

        private static boolean backsConstraint(Table t, Index i) {
            return t.constraints().stream().anyMatch(k -> i.name().equals(k.index())
                    && (k.type() == 'p' || k.type() == 'u' || k.type() == 'x'));
        }

        private boolean tableShapeChanged(Table o, Table n) {
            Map<String, Column> after = new HashMap<>();
            n.columns().forEach(c -> after.put(c.name(), c));
            for (Column c : o.columns()) {
                Column x = after.get(c.name());
                if (x == null || !x.type().equals(c.type())) {
                    return true;
                }
            }
            return false;
        }

        private void alterTable(Table o, Table n) {
            String t = name(n);
            if (o.kind() != n.kind()) {
                notes.add("Table " + key(n) + " changes kind (" + o.kind() + " -> " + n.kind() + "): not generated; "
                        + "create the new table and move the data by hand.");
                return;
            }
            if (o.unlogged() != n.unlogged()) {
                columns.add("ALTER TABLE " + t + (n.unlogged() ? " SET UNLOGGED" : " SET LOGGED"));
            }
            if (!Objects.equals(o.partitionOf(), n.partitionOf())) {
                if (o.partitionOf() != null) {
                    columns.add("ALTER TABLE " + Sql.name(QualifiedName.of(o.partitionOf())) + " DETACH PARTITION "
                            + t);
                }
                if (n.partitionOf() != null) {
                    String bound = xn.bounds().get(key(n));
                    addConstraints.add("ALTER TABLE " + Sql.name(QualifiedName.of(n.partitionOf()))
                            + " ATTACH PARTITION " + t + " " + (bound == null ? "DEFAULT" : bound));
                }
            }
            if (n.partitioned() && !Objects.equals(xo.partKeys().get(oldKey(o)), xn.partKeys().get(key(n)))) {
                notes.add("The partition key of " + key(n) + " changes: not generated (a new table is needed).");
            }
            // constraints and indexes that go away or change: drop them before the columns change
            Set<String> droppedConstraintIndexes = new HashSet<>();
            for (Constraint k : o.constraints()) {
                if (k.type() == 'n' || inherited(xo, o, k)) {
                    continue;
                }
                Constraint x = n.constraint(k.name()).orElse(null);
                boolean same = x != null && x.type() == k.type()
                        && Objects.equals(stripNotValid(x.definition()), stripNotValid(k.definition()));
                if (!same) {
                    dropConstraints.add("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(k.name()));
                    if (k.index() != null) {
                        droppedConstraintIndexes.add(k.index());
                    }
                } else if (!k.validated() && x.validated()) {
                    addConstraints.add("ALTER TABLE " + t + " VALIDATE CONSTRAINT " + Sql.ident(k.name()));
                } else if (k.validated() && !x.validated()) {
                    dropConstraints.add("ALTER TABLE " + t + " DROP CONSTRAINT IF EXISTS " + Sql.ident(k.name()));
                }
            }
            for (Index i : o.indexes()) {
                if (backsConstraint(o, i) || xo.inheritedIndexes().contains(o.schema() + "." + i.name())) {
                    continue;
                }
                Index x = n.index(i.name()).orElse(null);
                if (x == null || !Objects.equals(x.definition(), i.definition()) || backsConstraint(n, x)) {
                    dropIndexes.add("DROP INDEX IF EXISTS " + Sql.name(o.schema(), i.name()));
                }
            }
            // columns
            Map<String, Column> oldCols = new LinkedHashMap<>();
            o.columns().forEach(c -> oldCols.put(c.name(), c));
            Map<String, Column> newCols = new LinkedHashMap<>();
            n.columns().forEach(c -> newCols.put(c.name(), c));
            boolean partition = n.partitionOf() != null;
            for (Column c : o.columns()) {
                if (!newCols.containsKey(c.name()) && !partition) {
                    columns.add("ALTER TABLE " + t + " DROP COLUMN " + Sql.ident(c.name()));
                }
            }
            List<String> kept = o.columns().stream().map(Column::name).filter(newCols::containsKey).toList();
            List<String> keptNew = n.columns().stream().map(Column::name).filter(oldCols::containsKey).toList();
            if (!kept.equals(keptNew)) {
                notes.add("The columns of " + key(n) + " are in a different order in NEW: PostgreSQL cannot reorder "
                        + "columns; the migration keeps the current order.");
            }
            boolean appendedOnly = true;
            boolean seenNew = false;
            for (Column c : n.columns()) {
                if (!oldCols.containsKey(c.name())) {
                    seenNew = true;
                } else if (seenNew) {
                    appendedOnly = false;
                }
            }
            if (!appendedOnly) {
                notes.add("NEW has columns of " + key(n) + " before existing ones: they are added at the end.");
            }
            for (Column c : n.columns()) {
                Column x = oldCols.get(c.name());
                if (x == null) {
                    if (!partition) {
                        columns.add("ALTER TABLE " + t + " ADD COLUMN " + columnSql(c, true));
                    }
                    continue;
                }
                alterColumn(t, x, c, partition);
            }
            // constraints and indexes that are new or changed
            for (Constraint k : n.constraints()) {
                if (k.type() == 'n' || inherited(xn, n, k)) {
                    continue;
                }
                Constraint x = o.constraint(k.name()).orElse(null);
                boolean same = x != null && x.type() == k.type()
                        && Objects.equals(stripNotValid(x.definition()), stripNotValid(k.definition()))
                        && !(x.validated() && !k.validated());
                if (same) {
                    continue;
                }
                String add = "ALTER TABLE " + t + " ADD CONSTRAINT " + Sql.ident(k.name()) + " " + k.definition();
                (k.type() == 'f' ? addForeignKeys : addConstraints).add(add);
            }
            for (Index i : n.indexes()) {
                if (backsConstraint(n, i) || xn.inheritedIndexes().contains(n.schema() + "." + i.name())) {
                    continue;
                }
                Index x = o.index(i.name()).orElse(null);
                if (x == null || !Objects.equals(x.definition(), i.definition()) || backsConstraint(o, x)) {
                    createIndexes.add(indexSql(n, i));
                }
            }
        }

        private void alterColumn(String t, Column o, Column n, boolean partition) {
            String c = Sql.ident(n.name());
            String alter = "ALTER TABLE " + t + " ALTER COLUMN " + c;
            if (o.generated() != n.generated() || (n.isGenerated() && !Objects.equals(o.defaultExpr(),
                    n.defaultExpr()))) {
                if (n.generated() == ' ' && o.generated() == 's') {
                    columns.add(alter + " DROP EXPRESSION");
                } else {
                    notes.add("The generation of " + t + "." + n.name() + " changes: not generated (drop and add the "
                            + "column by hand).");
                    return;
                }
            }
            boolean typeChanged = !o.type().equals(n.type());
            boolean defaultChanged = !Objects.equals(o.defaultExpr(), n.defaultExpr()) && !n.isGenerated();
            if (partition) {
                return; // inherited from the parent
            }
            if (typeChanged) {
                if (o.defaultExpr() != null && !o.isGenerated() && !o.isIdentity()) {
                    columns.add(alter + " DROP DEFAULT");
                    defaultChanged = n.defaultExpr() != null;
                }
                columns.add(alter + " TYPE " + n.type() + " USING " + c + "::" + n.type());
            }
            if (o.identity() != n.identity()) {
                if (!o.isIdentity() && n.isIdentity()) {
                    if (o.defaultExpr() != null) {
                        columns.add(alter + " DROP DEFAULT");
                    }
                    columns.add(alter + " ADD GENERATED " + (n.identity() == 'a' ? "ALWAYS" : "BY DEFAULT")
                            + " AS IDENTITY");
                    defaultChanged = false;
                } else if (o.isIdentity() && !n.isIdentity()) {
                    columns.add(alter + " DROP IDENTITY");
                } else {
                    columns.add(alter + " SET GENERATED " + (n.identity() == 'a' ? "ALWAYS" : "BY DEFAULT"));
                }
            }
            if (defaultChanged && !n.isIdentity()) {
                columns.add(alter + (n.defaultExpr() == null ? " DROP DEFAULT" : " SET DEFAULT " + n.defaultExpr()));
            }
            if (o.notNull() != n.notNull() && !(n.isIdentity() && !o.isIdentity())) {
                columns.add(alter + (n.notNull() ? " SET NOT NULL" : " DROP NOT NULL"));
            }
        }

        private static String stripNotValid(String def) {
            return def == null ? null : def.endsWith(" NOT VALID") ? def.substring(0, def.length() - 10) : def;
        }

        // ---- view ordering

        /** Views to drop, dependents before what they read. */
        private List<String> orderedDrops(Set<String> views) {
            List<String> out = new ArrayList<>();
            Set<String> done = new HashSet<>();
            for (String v : views) {
                visitDrop(v, views, done, out);
            }
            return out;
        }

        private void visitDrop(String v, Set<String> views, Set<String> done, List<String> out) {
            if (!done.add(v)) {
                return;
            }
            Table t = before.table(QualifiedName.of(v)).orElse(null);
            if (t != null) {
                for (String d : t.dependentViews()) {
                    if (views.contains(d)) {
                        visitDrop(d, views, done, out);
                    }
                }
            }
            out.add(v);
        }

        /** Views to create, each after the views it reads. */
        private List<Table> orderedCreates(List<Table> views) {
            List<Table> out = new ArrayList<>();
            Set<String> done = new HashSet<>();
            for (Table v : views) {
                visitCreate(v, views, done, out);
            }
            return out;
        }

        private void visitCreate(Table v, List<Table> views, Set<String> done, List<Table> out) {
            if (!done.add(key(v))) {
                return;
            }
            for (Table other : views) {
                if (other != v && other.dependentViews().contains(key(v))) {
                    visitCreate(other, views, done, out);
                }
            }
            out.add(v);
        }
    }
}
