package io.schemapilot.rehearsal;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogSnapshot.Column;
import io.schemapilot.catalog.CatalogSnapshot.Constraint;
import io.schemapilot.catalog.CatalogSnapshot.EnumType;
import io.schemapilot.catalog.CatalogSnapshot.Extension;
import io.schemapilot.catalog.CatalogSnapshot.Index;
import io.schemapilot.catalog.CatalogSnapshot.Sequence;
import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.catalog.CatalogSnapshot.Trigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DDL that rebuilds a database's schema from its {@link CatalogSnapshot}: the shadow database's recipe when no
 * {@code pg_dump} of a suitable version is at hand. Like a {@code pg_dump} script it has two sections:
 *
 * <ul>
 *   <li><b>pre-data</b>: schemas, extensions, enums, free-standing sequences, tables with their columns (types,
 *       defaults, identity, generated columns, NOT NULL, partition keys), sequence ownership, partitions attached
 *       with their bounds, views and materialized views (in dependency order);</li>
 *   <li><b>post-data</b>: PRIMARY KEY, UNIQUE, EXCLUDE and CHECK constraints and indexes (from their
 *       {@code pg_get_constraintdef} / {@code pg_get_indexdef} definitions), then foreign keys (after all tables,
 *       so their order does not matter), then triggers, then materialized views refreshed.</li>
 * </ul>
 *
 * Constraints and indexes go leaf partitions first: a partition's own index (with its own name) then exists when
 * its parent's index is made, and PostgreSQL attaches it instead of making a new one under a generated name. The
 * parent's definitions say {@code ON ONLY}; that word is dropped for the same reason.
 *
 * <p>What a snapshot does not hold cannot be rebuilt: functions and procedures (so triggers and defaults that call
 * user functions may fail: triggers are optional and their failure becomes a note), domains and composite types,
 * collations per column, storage parameters, row-level security policies, comments, privileges, legacy
 * (non-partition) inheritance, foreign tables. Invalid indexes are built valid.
 */
public final class SnapshotDdl {

    /** Where a statement goes: before the data is copied, or after it. */
    public enum Section {
        PRE_DATA, POST_DATA
    }

    /**
     * One statement of the script.
     *
     * @param object   what it makes, e.g. {@code table public.orders}
     * @param optional its failure leaves the shadow usable: the builder notes it and goes on
     */
    public record Statement(Section section, String object, String sql, boolean optional) {
    }

    /**
     * The script and what it leaves out.
     *
     * @param notes one sentence for each object the script cannot rebuild
     */
    public record Script(List<Statement> statements, List<String> notes) {

        public List<Statement> section(Section s) {
            return statements.stream().filter(st -> st.section() == s).toList();
        }

        /** The whole script as SQL text, one statement per line. */
        public String text() {
            return statements.stream().map(s -> s.sql() + ";").collect(Collectors.joining("\n", "", "\n"));
        }
    }

    private final CatalogSnapshot snap;
    private final List<Statement> out = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Table> byName = new LinkedHashMap<>();

    private SnapshotDdl(CatalogSnapshot snap) {
        this.snap = snap;
        for (Table t : snap.tables()) {
            byName.putIfAbsent(key(t), t);
        }
    }

    /** The script for {@code snapshot}, run with the snapshot's {@code search_path}. */
    public static Script generate(CatalogSnapshot snapshot) {
        return generate(snapshot, snapshot.searchPath());
    }

    /**
     * The script for {@code snapshot}. The definitions in a snapshot name objects relative to the search path of
     * the session that read it, so the script starts by setting {@code searchPath} (the reading session's
     * {@code current_schemas(false)}).
     */
    public static Script generate(CatalogSnapshot snapshot, List<String> searchPath) {
        SnapshotDdl d = new SnapshotDdl(snapshot);
        d.build(searchPath);
        return new Script(List.copyOf(d.out), List.copyOf(d.notes));
    }

    private void build(List<String> searchPath) {
        pre("search_path", "SELECT pg_catalog.set_config('search_path', "
                + literal(searchPath.stream().map(SnapshotDdl::ident).collect(Collectors.joining(", "))) + ", false)");
        pre("check_function_bodies", "SET check_function_bodies = false");
        for (String s : snap.schemas()) {
            pre("schema " + s, "CREATE SCHEMA IF NOT EXISTS " + ident(s));
        }
        for (Extension e : snap.extensions()) {
            if (!e.name().equals("plpgsql")) {
                out.add(new Statement(Section.PRE_DATA, "extension " + e.name(), "CREATE EXTENSION IF NOT EXISTS "
                        + ident(e.name()) + " WITH SCHEMA " + ident(e.schema()), true));
            }
        }
        for (EnumType e : snap.enums()) {
            pre("enum " + e.schema() + "." + e.name(), "CREATE TYPE " + qname(e.schema(), e.name()) + " AS ENUM ("
                    + e.labels().stream().map(SnapshotDdl::literal).collect(Collectors.joining(", ")) + ")");
        }
        Map<String, Sequence> identitySequences = identitySequences();
        for (Sequence s : snap.sequences()) {
            if (!identitySequences.containsValue(s)) {
                pre("sequence " + s.schema() + "." + s.name(), "CREATE SEQUENCE " + qname(s.schema(), s.name())
                        + (s.dataType() == null ? "" : " AS " + s.dataType()));
            }
        }
        Set<String> partitioned = new HashSet<>();
        for (Table t : snap.tables()) {
            if (t.kind() == 'r' || t.kind() == 'p') {
                createTable(t, identitySequences, partitioned);
            } else if (t.kind() == 'f') {
                notes.add("foreign table " + key(t) + " not rebuilt: the shadow database has no foreign servers");
            }
        }
        for (Sequence s : snap.sequences()) {
            if (!identitySequences.containsValue(s) && s.ownedBy() != null) {
                String owner = ownerColumn(s.ownedBy());
                if (owner != null) {
                    pre("sequence " + s.schema() + "." + s.name(), "ALTER SEQUENCE " + qname(s.schema(), s.name())
                            + " OWNED BY " + owner);
                }
            }
        }
        for (Table t : snap.tables()) {
            if (t.partitionOf() == null || !(t.kind() == 'r' || t.kind() == 'p')) {
                continue;
            }
            if (!partitioned.contains(t.partitionOf())) {
                notes.add("partition " + key(t) + " not attached: the partition key of " + t.partitionOf()
                        + " is unknown");
            } else if (t.partitionBound() == null) {
                notes.add("partition " + key(t) + " not attached: its bounds could not be read");
            } else {
                pre("partition " + key(t), "ALTER TABLE " + qname(byName.get(t.partitionOf())) + " ATTACH PARTITION "
                        + qname(t) + " " + t.partitionBound());
            }
        }
        views();

        List<Table> leavesFirst = new ArrayList<>(snap.tables());
        leavesFirst.sort(Comparator.comparingInt(this::depth).reversed());
        for (Table t : leavesFirst) {
            if (t.kind() == 'v' || t.kind() == 'f') {
                continue;
            }
            Set<String> constraintIndexes = new HashSet<>();
            for (Constraint k : unique(t.constraints())) {
                if (k.index() != null) {
                    constraintIndexes.add(k.index());
                }
                if (k.type() == 'f' || k.type() == 'n' || k.type() == 't') {
                    continue;
                }
                if (k.definition() == null) {
                    notes.add("constraint " + k.name() + " on " + key(t) + " not rebuilt: its definition could not "
                            + "be read");
                    continue;
                }
                post("constraint " + k.name() + " on " + key(t), "ALTER TABLE " + qname(t) + " ADD CONSTRAINT "
                        + ident(k.name()) + " " + k.definition());
            }
            for (Index i : t.indexes()) {
                if (constraintIndexes.contains(i.name())) {
                    continue;
                }
                if (i.definition() == null) {
                    notes.add("index " + i.name() + " on " + key(t) + " not rebuilt: its definition could not be "
                            + "read");
                    continue;
                }
                if (!i.valid()) {
                    notes.add("index " + i.name() + " on " + key(t) + " is INVALID on the target; the shadow "
                            + "builds it valid");
                }
                post("index " + i.name() + " on " + key(t), i.definition().replaceFirst(" ON ONLY ", " ON "));
            }
        }
        for (Table t : leavesFirst) {
            for (Constraint k : unique(t.constraints())) {
                if (k.type() != 'f') {
                    continue;
                }
                if (k.definition() == null) {
                    notes.add("foreign key " + k.name() + " on " + key(t) + " not rebuilt: its definition could not "
                            + "be read");
                    continue;
                }
                post("foreign key " + k.name() + " on " + key(t), "ALTER TABLE " + qname(t) + " ADD CONSTRAINT "
                        + ident(k.name()) + " " + k.definition());
            }
        }
        triggers();
        for (Table t : snap.tables()) {
            if (t.kind() == 'm' && t.definition() != null) {
                out.add(new Statement(Section.POST_DATA, "materialized view " + key(t),
                        "REFRESH MATERIALIZED VIEW " + qname(t), true));
            }
        }
    }

    private void createTable(Table t, Map<String, Sequence> identitySequences, Set<String> partitioned) {
        List<String> cols = new ArrayList<>();
        for (Column c : t.columns()) {
            StringBuilder sb = new StringBuilder(ident(c.name())).append(' ').append(c.type());
            if (c.isGenerated() && c.defaultExpr() != null) {
                sb.append(" GENERATED ALWAYS AS (").append(c.defaultExpr()).append(')')
                        .append(c.generated() == 'v' ? " VIRTUAL" : " STORED");
            } else if (c.isIdentity()) {
                sb.append(c.identity() == 'a' ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
                Sequence s = identitySequences.get(t.schema() + "." + t.name() + "." + c.name());
                if (s != null) {
                    sb.append(" (SEQUENCE NAME ").append(qname(s.schema(), s.name())).append(')');
                }
            } else if (c.defaultExpr() != null) {
                sb.append(" DEFAULT ").append(c.defaultExpr());
            }
            if (c.notNull()) {
                sb.append(" NOT NULL");
            }
            cols.add(sb.toString());
        }
        String sql = "CREATE " + (t.unlogged() ? "UNLOGGED " : "") + "TABLE " + qname(t) + " ("
                + (cols.isEmpty() ? "" : "\n    " + String.join(",\n    ", cols) + "\n") + ")";
        if (t.kind() == 'p') {
            if (t.partitionKey() == null) {
                notes.add("partitioned table " + key(t) + " rebuilt as a plain table: its partition key could not "
                        + "be read");
            } else {
                sql += " PARTITION BY " + t.partitionKey();
                partitioned.add(key(t));
            }
        }
        pre("table " + key(t), sql);
    }

    /** Views and materialized views, each after the views it reads (from the snapshot's dependency lists). */
    private void views() {
        Map<String, Set<String>> readsViews = new HashMap<>();
        for (Table t : snap.tables()) {
            for (String v : t.dependentViews()) {
                if (t.isView()) {
                    readsViews.computeIfAbsent(v, k -> new LinkedHashSet<>()).add(key(t));
                }
            }
        }
        Set<String> done = new HashSet<>();
        List<Table> views = snap.tables().stream().filter(Table::isView).toList();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Table v : views) {
                String k = key(v);
                if (done.contains(k) || !done.containsAll(readsViews.getOrDefault(k, Set.of()).stream()
                        .filter(byName::containsKey).filter(x -> !x.equals(k)).toList())) {
                    continue;
                }
                done.add(k);
                progress = true;
                createView(v);
            }
        }
        for (Table v : views) {
            if (!done.contains(key(v))) {
                done.add(key(v));
                createView(v); // a dependency cycle cannot happen in PostgreSQL; keep going anyway
            }
        }
    }

    private void createView(Table v) {
        String what = (v.kind() == 'm' ? "materialized view " : "view ") + key(v);
        if (v.definition() == null) {
            notes.add(what + " not rebuilt: its definition could not be read");
            return;
        }
        String sql = v.kind() == 'm'
                ? "CREATE MATERIALIZED VIEW " + qname(v) + " AS\n" + v.definition() + "\nWITH NO DATA"
                : "CREATE VIEW " + qname(v) + " AS\n" + v.definition();
        // a view may call a function the snapshot does not hold: note it rather than fail the whole shadow
        out.add(new Statement(Section.PRE_DATA, what, sql, true));
    }

    /** Triggers, parents first; a partition's copy of its parent's trigger is made by PostgreSQL. */
    private void triggers() {
        List<Table> parentsFirst = new ArrayList<>(snap.tables());
        parentsFirst.sort(Comparator.comparingInt(this::depth));
        for (Table t : parentsFirst) {
            for (Trigger tr : t.triggers()) {
                if (inheritedTrigger(t, tr.name())) {
                    continue;
                }
                if (tr.definition() == null) {
                    notes.add("trigger " + tr.name() + " on " + key(t) + " not rebuilt: its definition could not be "
                            + "read");
                    continue;
                }
                out.add(new Statement(Section.POST_DATA, "trigger " + tr.name() + " on " + key(t), tr.definition(),
                        true));
                if (!tr.enabled()) {
                    out.add(new Statement(Section.POST_DATA, "trigger " + tr.name() + " on " + key(t),
                            "ALTER TABLE " + qname(t) + " DISABLE TRIGGER " + ident(tr.name()), true));
                }
            }
        }
    }

    private boolean inheritedTrigger(Table t, String name) {
        Table p = t.partitionOf() == null ? null : byName.get(t.partitionOf());
        while (p != null) {
            if (p.triggers().stream().anyMatch(x -> x.name().equals(name))) {
                return true;
            }
            p = p.partitionOf() == null ? null : byName.get(p.partitionOf());
        }
        return false;
    }

    /**
     * One constraint per name. A foreign key to a partitioned table is listed once more for each of its partitions,
     * under the same name (PostgreSQL's internal copies): keep the one that names the partitioned table itself.
     */
    private List<Constraint> unique(List<Constraint> constraints) {
        Map<String, Constraint> m = new LinkedHashMap<>();
        for (Constraint k : constraints) {
            Constraint old = m.get(k.name());
            if (old == null || (old.refTable() != null && isPartition(old.refTable().toString())
                    && k.refTable() != null && !isPartition(k.refTable().toString()))) {
                m.put(k.name(), k);
            }
        }
        return List.copyOf(m.values());
    }

    private boolean isPartition(String name) {
        Table t = byName.get(name);
        return t != null && t.partitionOf() != null;
    }

    /** The identity column's sequence for each identity column ({@code schema.table.column}). */
    private Map<String, Sequence> identitySequences() {
        Set<String> identityColumns = new HashSet<>();
        for (Table t : snap.tables()) {
            for (Column c : t.columns()) {
                if (c.isIdentity()) {
                    identityColumns.add(t.schema() + "." + t.name() + "." + c.name());
                }
            }
        }
        Map<String, Sequence> out = new HashMap<>();
        for (Sequence s : snap.sequences()) {
            if (s.ownedBy() != null && identityColumns.contains(s.ownedBy())) {
                out.putIfAbsent(s.ownedBy(), s);
            }
        }
        return out;
    }

    /** {@code "schema"."table"."column"} for a sequence's {@code schema.table.column} owner, matched on the tables. */
    private String ownerColumn(String ownedBy) {
        for (Table t : snap.tables()) {
            String prefix = t.schema() + "." + t.name() + ".";
            if (ownedBy.startsWith(prefix)) {
                String col = ownedBy.substring(prefix.length());
                if (t.column(col).isPresent()) {
                    return qname(t) + "." + ident(col);
                }
            }
        }
        return null;
    }

    private int depth(Table t) {
        int d = 0;
        Table p = t;
        while (p != null && p.partitionOf() != null && d < 100) {
            d++;
            p = byName.get(p.partitionOf());
        }
        return d;
    }

    private void pre(String object, String sql) {
        out.add(new Statement(Section.PRE_DATA, object, sql, false));
    }

    private void post(String object, String sql) {
        out.add(new Statement(Section.POST_DATA, object, sql, false));
    }

    private static String key(Table t) {
        return t.schema() + "." + t.name();
    }

    private static String qname(Table t) {
        return qname(t.schema(), t.name());
    }

    static String qname(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /** Always quoted: safe for any name, keywords included. */
    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
