package io.schemapilot.rehearsal;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.catalog.CatalogSnapshot.Column;
import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.pg.Jdbc;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Copies up to N rows of every table from the target into the shadow database, keeping foreign keys consistent.
 * Runs between the pre-data part of the schema (tables, no constraints beyond NOT NULL and CHECK) and the post-data
 * part (keys, indexes, foreign keys), as {@code pg_restore} does.
 *
 * <p>How: all reads on the target happen in one {@code REPEATABLE READ, READ ONLY} transaction (one consistent
 * picture; nothing written). Tables with rows (leaf partitions, plain tables) are copied in foreign-key order,
 * referenced tables first, each with {@code COPY (SELECT ... LIMIT N) TO STDOUT} streamed straight into
 * {@code COPY ... FROM STDIN} on the shadow (text format, so enum and array values travel by name, not by OID). A
 * referencing table is filtered on the target to rows whose key values are among those already copied into the
 * referenced table (the keys go to the target as an array literal, so the rows that come over are ones that can
 * stay). Where that is not possible (self references, reference cycles, very large key sets, a filter slower than the
 * statement timeout) the rows come over unfiltered, and before the foreign keys are added every validated foreign key
 * removes its orphans in the shadow, repeatedly, until none is left. No table ever receives more than N rows: the
 * LIMIT caps the copy and the clean-up only removes rows. Foreign keys that are NOT VALID on the target are left
 * alone: their orphans are data a rehearsal of {@code VALIDATE CONSTRAINT} should meet.
 *
 * <p>Rows are the first N the target returns (LIMIT, not TABLESAMPLE): cheap on any table size, and neighbouring rows
 * of related tables tend to reference each other, so fewer are lost to the filter.
 */
final class ShadowSampler {

    /** Largest key list sent to the target as a filter (characters); past it the orphan clean-up does the work. */
    private static final int MAX_FILTER_CHARS = 4 << 20;

    /** A foreign key as the sampler needs it. Table names are {@code schema.name}. */
    record ForeignKey(String name, String table, List<String> columns, String refTable, List<String> refColumns,
                      List<String> refTypes, boolean validated) {
    }

    private final Connection target;
    private final Connection shadow;
    private final CatalogSnapshot snap;
    private final int limit;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Long> copied = new LinkedHashMap<>();
    private List<ForeignKey> foreignKeys = List.of();

    ShadowSampler(Connection target, Connection shadow, CatalogSnapshot targetCatalog, int limit) {
        this.target = target;
        this.shadow = shadow;
        this.snap = targetCatalog;
        this.limit = limit;
        for (Table t : targetCatalog.tables()) {
            tables.putIfAbsent(t.schema() + "." + t.name(), t);
        }
    }

    List<String> notes() {
        return notes;
    }

    /** Copies the rows (target to shadow). The shadow must hold the pre-data part of the schema. */
    void copy() throws SQLException {
        boolean autoCommit = target.getAutoCommit();
        target.setAutoCommit(false);
        try {
            try (Statement st = target.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
            }
            foreignKeys = readForeignKeys();
            List<Table> order = copyOrder();
            Set<String> done = new HashSet<>();
            for (Table leaf : order) {
                copyTable(leaf, done);
                done.add(key(leaf));
            }
            target.commit();
        } finally {
            try {
                target.rollback();
            } finally {
                target.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * Deletes, in the shadow, the rows whose validated foreign keys point at rows that were not copied, until none is
     * left; run before the foreign keys are added. Returns the rows removed per referencing table.
     */
    Map<String, Long> removeOrphans() throws SQLException {
        Map<String, Long> removed = new LinkedHashMap<>();
        for (int pass = 0; pass < 1000; pass++) {
            long thisPass = 0;
            for (ForeignKey fk : foreignKeys) {
                if (!fk.validated() || !tables.containsKey(fk.table()) || !tables.containsKey(fk.refTable())) {
                    continue;
                }
                StringBuilder sql = new StringBuilder("DELETE FROM ").append(qname(fk.table())).append(" c WHERE ");
                for (String col : fk.columns()) {
                    sql.append("c.").append(SnapshotDdl.ident(col)).append(" IS NOT NULL AND ");
                }
                sql.append("NOT EXISTS (SELECT 1 FROM ").append(qname(fk.refTable())).append(" p WHERE ");
                for (int i = 0; i < fk.columns().size(); i++) {
                    sql.append(i == 0 ? "" : " AND ").append("p.").append(SnapshotDdl.ident(fk.refColumns().get(i)))
                            .append(" = c.").append(SnapshotDdl.ident(fk.columns().get(i)));
                }
                sql.append(')');
                try (Statement st = shadow.createStatement()) {
                    int n = st.executeUpdate(sql.toString());
                    if (n > 0) {
                        removed.merge(fk.table(), (long) n, Long::sum);
                        thisPass += n;
                    }
                }
            }
            if (thisPass == 0) {
                break;
            }
        }
        return removed;
    }

    /** Rows copied per table ({@code schema.name}), in copy order. */
    Map<String, Long> copied() {
        return copied;
    }

    /** Rows per copied table now in the shadow. */
    Map<String, Long> counts() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String t : copied.keySet()) {
            out.put(t, Jdbc.queryOne(shadow, "SELECT count(*) FROM ONLY " + qname(t), rs -> rs.getLong(1))
                    .orElse(0L));
        }
        return out;
    }

    /**
     * After the post-data part: sequences moved past the copied values (so a rehearsed INSERT does not collide), and
     * statistics gathered (so the rehearsal's plans are not those of empty tables).
     */
    void finish() throws SQLException {
        List<String[]> owned = Jdbc.query(shadow, """
                SELECT s.oid::regclass::text, quote_ident(a.attname), t.oid::regclass::text
                FROM pg_class s
                JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                     AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                JOIN pg_class t ON t.oid = d.refobjid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                JOIN pg_type ty ON ty.oid = a.atttypid
                WHERE s.relkind = 'S' AND ty.typname IN ('int2', 'int4', 'int8')
                """, rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
        for (String[] o : owned) {
            try (Statement st = shadow.createStatement()) {
                st.execute("SELECT setval(" + SnapshotDdl.literal(o[0]) + ", m) FROM (SELECT max(" + o[1]
                        + ") AS m FROM " + o[2] + ") x WHERE m IS NOT NULL");
            } catch (SQLException e) {
                notes.add("sequence " + o[0] + " not moved past the copied rows: "
                        + Rehearser.firstLine(e.getMessage()));
            }
        }
        try (Statement st = shadow.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    // ------------------------------------------------------------------------------------------ copying

    private void copyTable(Table leaf, Set<String> done) throws SQLException {
        List<String> cols = leaf.columns().stream().filter(c -> !c.isGenerated()).map(Column::name).toList();
        String colList = cols.stream().map(SnapshotDdl::ident).collect(Collectors.joining(", "));
        List<String> filters = new ArrayList<>();
        for (ForeignKey fk : effectiveForeignKeys(leaf)) {
            String f = filter(fk, leaf, done);
            if (f != null) {
                filters.add(f);
            }
        }
        String select = "SELECT " + (cols.isEmpty() ? "" : cols.stream().map(c -> "c." + SnapshotDdl.ident(c))
                .collect(Collectors.joining(", "))) + " FROM ONLY " + qname(key(leaf)) + " c"
                + (filters.isEmpty() ? "" : " WHERE " + String.join(" AND ", filters)) + " LIMIT " + limit;
        String into = "COPY " + qname(key(leaf)) + (cols.isEmpty() ? "" : " (" + colList + ")") + " FROM STDIN";
        try {
            copied.put(key(leaf), stream(select, into));
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (!filters.isEmpty() && state.equals("57014")) {
                // the filter made the target scan too far: take the first rows and let the clean-up sort them out
                String plain = "SELECT " + cols.stream().map(c -> "c." + SnapshotDdl.ident(c))
                        .collect(Collectors.joining(", ")) + " FROM ONLY " + qname(key(leaf)) + " c LIMIT " + limit;
                try {
                    copied.put(key(leaf), stream(plain, into));
                    return;
                } catch (SQLException e2) {
                    e = e2;
                    state = e2.getSQLState() == null ? "" : e2.getSQLState();
                }
            }
            copied.put(key(leaf), 0L);
            String why = state.equals("55P03") ? "it is locked by another session on the target"
                    : state.equals("42501") ? "no SELECT privilege on the target"
                    : state.equals("57014") ? "reading it took longer than the statement timeout"
                    : Rehearser.firstLine(e.getMessage());
            notes.add("no rows copied into " + key(leaf) + ": " + why);
        }
    }

    /** Streams one COPY from the target into the shadow; returns the rows copied. */
    private long stream(String select, String into) throws SQLException {
        try (Statement st = target.createStatement()) {
            st.execute("SAVEPOINT schemapilot_sample");
        }
        CopyOut out = null;
        CopyIn in = null;
        try {
            out = target.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT");
            in = shadow.unwrap(PGConnection.class).getCopyAPI().copyIn(into);
            byte[] buf;
            while ((buf = out.readFromCopy()) != null) {
                in.writeToCopy(buf, 0, buf.length);
            }
            long rows = in.endCopy();
            try (Statement st = target.createStatement()) {
                st.execute("RELEASE SAVEPOINT schemapilot_sample");
            }
            return rows;
        } catch (SQLException e) {
            if (in != null && in.isActive()) {
                try {
                    in.cancelCopy();
                } catch (SQLException ignored) {
                    // the copy into the shadow is abandoned either way
                }
            }
            if (out != null && out.isActive()) {
                try {
                    out.cancelCopy();
                } catch (SQLException ignored) {
                    // the savepoint rollback below ends it
                }
            }
            try (Statement st = target.createStatement()) {
                st.execute("ROLLBACK TO SAVEPOINT schemapilot_sample");
            }
            throw e;
        }
    }

    /**
     * A WHERE condition on the target keeping the rows whose key values were copied into the referenced table, or
     * null when the referenced table is not fully copied yet (a cycle, a self reference) or the keys are too many.
     */
    private String filter(ForeignKey fk, Table leaf, Set<String> done) throws SQLException {
        if (!fk.validated() || fk.refTypes().stream().anyMatch(t -> t.endsWith("]"))) {
            return null;
        }
        List<Table> refLeaves = leavesOf(fk.refTable());
        if (refLeaves.isEmpty() || refLeaves.contains(leaf)
                || !refLeaves.stream().allMatch(t -> done.contains(key(t)))) {
            return null;
        }
        int n = fk.columns().size();
        StringBuilder keysSql = new StringBuilder("SELECT DISTINCT ");
        for (int i = 0; i < n; i++) {
            keysSql.append(i == 0 ? "" : ", ").append(SnapshotDdl.ident(fk.refColumns().get(i))).append("::text");
        }
        keysSql.append(" FROM ").append(qname(fk.refTable())).append(" WHERE ");
        for (int i = 0; i < n; i++) {
            keysSql.append(i == 0 ? "" : " AND ").append(SnapshotDdl.ident(fk.refColumns().get(i)))
                    .append(" IS NOT NULL");
        }
        List<StringBuilder> arrays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            arrays.add(new StringBuilder("{"));
        }
        int[] size = {0};
        boolean[] tooBig = {false};
        try (Statement st = shadow.createStatement(); ResultSet rs = st.executeQuery(keysSql.toString())) {
            boolean first = true;
            while (rs.next()) {
                for (int i = 0; i < n; i++) {
                    StringBuilder a = arrays.get(i);
                    if (!first) {
                        a.append(',');
                    }
                    a.append('"').append(rs.getString(i + 1).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
                    size[0] = Math.max(size[0], a.length());
                }
                first = false;
                if ((long) size[0] * n > MAX_FILTER_CHARS) {
                    tooBig[0] = true;
                    break;
                }
            }
        }
        if (tooBig[0]) {
            return null;
        }
        List<String> nullTests = fk.columns().stream().map(c -> "c." + SnapshotDdl.ident(c) + " IS NULL").toList();
        StringBuilder cond = new StringBuilder("(").append(String.join(" OR ", nullTests));
        boolean empty = arrays.get(0).length() == 1;
        if (!empty) {
            if (n == 1) {
                cond.append(" OR c.").append(SnapshotDdl.ident(fk.columns().get(0))).append(" = ANY(")
                        .append(dollarQuote(arrays.get(0).append('}').toString())).append("::")
                        .append(fk.refTypes().get(0)).append("[])");
            } else {
                cond.append(" OR (").append(fk.columns().stream().map(c -> "c." + SnapshotDdl.ident(c))
                        .collect(Collectors.joining(", "))).append(") IN (SELECT * FROM unnest(");
                for (int i = 0; i < n; i++) {
                    cond.append(i == 0 ? "" : ", ").append(dollarQuote(arrays.get(i).append('}').toString()))
                            .append("::").append(fk.refTypes().get(i)).append("[]");
                }
                cond.append("))");
            }
        }
        return cond.append(')').toString();
    }

    private static String dollarQuote(String s) {
        String tag = "$k$";
        for (int i = 0; s.contains(tag); i++) {
            tag = "$k" + i + "$";
        }
        return tag + s + tag;
    }

    // ------------------------------------------------------------------------------------------ order

    /** Tables with rows, referenced tables first (snapshot order where there is no constraint, or in a cycle). */
    private List<Table> copyOrder() {
        List<Table> leaves = tables.values().stream().filter(t -> t.kind() == 'r').toList();
        Map<String, Set<String>> deps = new HashMap<>();
        for (Table l : leaves) {
            Set<String> d = new LinkedHashSet<>();
            for (ForeignKey fk : effectiveForeignKeys(l)) {
                if (fk.validated()) {
                    for (Table r : leavesOf(fk.refTable())) {
                        if (r != l) {
                            d.add(key(r));
                        }
                    }
                }
            }
            deps.put(key(l), d);
        }
        List<Table> order = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        while (order.size() < leaves.size()) {
            Table next = null;
            for (Table l : leaves) {
                if (!placed.contains(key(l)) && placed.containsAll(deps.get(key(l)))) {
                    next = l;
                    break;
                }
            }
            if (next == null) {
                // a reference cycle: take the first waiting table; the clean-up removes what it leaves dangling
                next = leaves.stream().filter(l -> !placed.contains(key(l))).findFirst().orElseThrow();
            }
            order.add(next);
            placed.add(key(next));
        }
        return order;
    }

    /** The foreign keys a leaf table's rows must satisfy: its own and those of the tables it is a partition of. */
    private List<ForeignKey> effectiveForeignKeys(Table leaf) {
        Set<String> selfAndAncestors = new HashSet<>();
        Table t = leaf;
        while (t != null && selfAndAncestors.add(key(t))) {
            t = t.partitionOf() == null ? null : tables.get(t.partitionOf());
        }
        return foreignKeys.stream().filter(fk -> selfAndAncestors.contains(fk.table())).toList();
    }

    /** The tables holding the rows of {@code name}: itself, or its leaf partitions. */
    private List<Table> leavesOf(String name) {
        List<Table> out = new ArrayList<>();
        for (Table t : tables.values()) {
            if (t.kind() != 'r') {
                continue;
            }
            Table p = t;
            for (int i = 0; p != null && i < 100; i++) {
                if (key(p).equals(name)) {
                    out.add(t);
                    break;
                }
                p = p.partitionOf() == null ? null : tables.get(p.partitionOf());
            }
        }
        return out;
    }

    /** The target's foreign keys, one per constraint (not PostgreSQL's internal copies on partitions). */
    private List<ForeignKey> readForeignKeys() throws SQLException {
        String topLevel = snap.serverVersionNum() >= 110000 ? " AND co.conparentid = 0" : "";
        String cols = """
                ARRAY(SELECT %s FROM unnest(co.%s) WITH ORDINALITY AS k(num, ord)
                      JOIN pg_attribute a ON a.attrelid = co.%s AND a.attnum = k.num ORDER BY k.ord)""";
        String sql = "SELECT co.conname, n.nspname, c.relname, rn.nspname AS rschema, rc.relname AS rname, "
                + "co.convalidated, " + cols.formatted("a.attname::text", "conkey", "conrelid") + " AS cols, "
                + cols.formatted("a.attname::text", "confkey", "confrelid") + " AS refcols, "
                + cols.formatted("format_type(a.atttypid, a.atttypmod)", "confkey", "confrelid") + " AS reftypes "
                + """
                FROM pg_constraint co
                JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_class rc ON rc.oid = co.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                WHERE co.contype = 'f'""" + topLevel + " ORDER BY n.nspname, c.relname, co.conname";
        return Jdbc.query(target, sql, rs -> new ForeignKey(rs.getString("conname"),
                rs.getString("nspname") + "." + rs.getString("relname"), Jdbc.stringList(rs, "cols"),
                rs.getString("rschema") + "." + rs.getString("rname"), Jdbc.stringList(rs, "refcols"),
                Jdbc.stringList(rs, "reftypes"), rs.getBoolean("convalidated")));
    }

    private static String key(Table t) {
        return t.schema() + "." + t.name();
    }

    private String qname(String key) {
        Table t = tables.get(key);
        if (t != null) {
            return SnapshotDdl.qname(t.schema(), t.name());
        }
        int dot = key.indexOf('.');
        return SnapshotDdl.qname(key.substring(0, dot), key.substring(dot + 1));
    }
}
