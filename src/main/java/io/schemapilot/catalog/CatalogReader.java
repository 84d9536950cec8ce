package io.schemapilot.catalog;

import io.schemapilot.catalog.CatalogSnapshot.Column;
import io.schemapilot.catalog.CatalogSnapshot.Constraint;
import io.schemapilot.catalog.CatalogSnapshot.EnumType;
import io.schemapilot.catalog.CatalogSnapshot.Extension;
import io.schemapilot.catalog.CatalogSnapshot.Index;
import io.schemapilot.catalog.CatalogSnapshot.Sequence;
import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.catalog.CatalogSnapshot.Trigger;
import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.Jdbc;
import io.schemapilot.sql.QualifiedName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link CatalogSnapshot} from {@code pg_catalog}: one query per kind of object (never one per table), all in
 * one {@code REPEATABLE READ, READ ONLY} transaction so the picture is consistent. Reading {@code pg_catalog} takes no
 * table locks, but the deparsing functions ({@code pg_get_expr}, {@code pg_get_constraintdef},
 * {@code pg_get_indexdef}, ...) and the size functions open the table and would wait behind an ACCESS EXCLUSIVE lock.
 * So the reader first looks at {@code pg_locks} and skips those functions for tables another session holds or awaits
 * in that mode (the snapshot then carries a warning, and the size is the page-count estimate); everything runs under
 * {@code lock_timeout} as well, so a lock taken in between is retried or reported, never waited for.
 * Works on PostgreSQL 10 and later.
 */
public final class CatalogReader {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogReader.class);

    /** User schemas: not pg_catalog, pg_toast, pg_temp_N, information_schema. */
    private static final String USER_SCHEMA = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

    private final Duration lockTimeout;
    private final Duration statementTimeout;

    /** lock_timeout 2 s, statement_timeout 30 s for each catalog query. */
    public CatalogReader() {
        this(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    public CatalogReader(Duration lockTimeout, Duration statementTimeout) {
        this.lockTimeout = lockTimeout;
        this.statementTimeout = statementTimeout;
    }

    /**
     * Reads the catalog of the database {@code c} is connected to. The connection's autocommit state is restored.
     *
     * @throws DatabaseException when the catalog cannot be read (one line, exit 3)
     */
    public CatalogSnapshot read(Connection c) {
        long t0 = System.nanoTime();
        boolean autoCommit;
        try {
            autoCommit = c.getAutoCommit();
        } catch (SQLException e) {
            throw Connections.translate(e, "read the catalog", null);
        }
        try {
            if (!autoCommit) {
                c.rollback();
            }
            c.setAutoCommit(false);
            for (int attempt = 1; ; attempt++) {
                try (Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    st.execute("SET LOCAL lock_timeout = " + lockTimeout.toMillis());
                    st.execute("SET LOCAL statement_timeout = " + statementTimeout.toMillis());
                }
                try {
                    CatalogSnapshot snap = readInTransaction(c);
                    LOG.debug("read catalog of {}: {} tables in {} ms", snap.database(), snap.tables().size(),
                            (System.nanoTime() - t0) / 1_000_000);
                    return snap;
                } catch (SQLException e) {
                    // a table locked between our look at pg_locks and the query that needed it: look again
                    if (!"55P03".equals(e.getSQLState()) || attempt >= 3) {
                        throw e;
                    }
                    LOG.debug("catalog read hit a lock ({}); retrying", firstLine(e.getMessage()));
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw Connections.translate(e, "read the catalog", null);
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                LOG.debug("ending the catalog transaction: {}", e.getMessage());
            }
        }
    }

    private CatalogSnapshot readInTransaction(Connection c) throws SQLException {
        record Header(String db, String version, int versionNum, Map<String, String> settings) {
        }
        Header h = Jdbc.queryOne(c, """
                SELECT current_database() AS db, current_setting('server_version') AS v,
                       current_setting('server_version_num')::int AS vnum,
                       current_setting('TimeZone') AS tz, current_setting('lock_timeout') AS lt,
                       current_setting('statement_timeout') AS st, current_setting('search_path') AS sp
                """, rs -> {
            Map<String, String> s = new LinkedHashMap<>();
            s.put("TimeZone", rs.getString("tz"));
            s.put("lock_timeout", rs.getString("lt"));
            s.put("statement_timeout", rs.getString("st"));
            s.put("search_path", rs.getString("sp"));
            return new Header(rs.getString("db"), rs.getString("v"), rs.getInt("vnum"), s);
        }).orElseThrow();
        int v = h.versionNum();
        // the session settings a migration would run with (not this transaction's SET LOCAL values)
        Map<String, String> settings = new LinkedHashMap<>(h.settings());
        Jdbc.query(c, "SELECT name, reset_val FROM pg_settings WHERE name IN ('lock_timeout', 'statement_timeout')",
                rs -> settings.put(rs.getString(1), resetValue(rs.getString(1), rs.getString(2))));

        List<String> schemas = Jdbc.query(c, "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA
                + " ORDER BY 1", rs -> rs.getString(1));

        // Deparsing functions (pg_get_expr, pg_get_constraintdef, pg_get_indexdef, ...) and the size functions open
        // the table with ACCESS SHARE: they would wait behind an ACCESS EXCLUSIVE lock. Skip them for such tables.
        Locked locked = readLocked(c);
        Map<Long, TableRow> tables = readTables(c, v, locked);
        Map<Long, List<Column>> columns = readColumns(c, v, locked);
        Map<Long, List<Constraint>> constraints = readConstraints(c, locked);
        Map<Long, List<IndexRow>> indexes = readIndexes(c, v, locked);
        Map<Long, List<Trigger>> triggers = readTriggers(c, locked);
        Map<Long, List<String>> views = readDependentViews(c);
        List<EnumType> enums = readEnums(c);
        List<Sequence> sequences = readSequences(c, v);
        List<Extension> extensions = readExtensions(c);
        Map<Long, Long> sizes = readSizes(c, tables, indexes, locked);
        List<String> warnings = new ArrayList<>();
        for (Map.Entry<Long, String> e : locked.holders().entrySet()) {
            TableRow t = tables.get(e.getKey());
            if (t != null) {
                warnings.add(t.schema + "." + t.name + " was locked by another session (" + e.getValue()
                        + ") while the catalog was read: its defaults, CHECK, index and trigger definitions were not "
                        + "read and its size is an estimate");
            }
        }
        for (String w : warnings) {
            LOG.warn("{}", w);
        }

        // partitioned tables have no rows or storage of their own: add up their partitions
        Map<Long, List<Long>> children = new HashMap<>();
        for (TableRow t : tables.values()) {
            if (t.parentOid != 0) {
                children.computeIfAbsent(t.parentOid, k -> new ArrayList<>()).add(t.oid);
            }
        }
        List<Table> out = new ArrayList<>(tables.size());
        for (TableRow t : tables.values()) {
            long rows = t.rowEstimate;
            long bytes = sizes.getOrDefault(t.oid, 0L);
            if (t.kind == 'p') {
                long[] agg = aggregate(t.oid, tables, children, sizes);
                rows = agg[0];
                bytes = agg[1];
            }
            List<Index> idx = new ArrayList<>();
            for (IndexRow i : indexes.getOrDefault(t.oid, List.of())) {
                idx.add(new Index(i.name, i.unique, i.primary, i.valid, i.partial, i.method, i.columns,
                        i.definition, sizes.getOrDefault(i.oid, 0L)));
            }
            out.add(new Table(t.schema, t.name, t.kind, t.unlogged, t.partitionOf, rows, bytes,
                    List.copyOf(columns.getOrDefault(t.oid, List.of())),
                    List.copyOf(constraints.getOrDefault(t.oid, List.of())), List.copyOf(idx),
                    List.copyOf(triggers.getOrDefault(t.oid, List.of())),
                    List.copyOf(views.getOrDefault(t.oid, List.of())), t.definition, t.partitionKey,
                    t.partitionBound));
        }
        return new CatalogSnapshot(h.db(), h.version(), v, Map.copyOf(settings), List.copyOf(schemas),
                List.copyOf(out), List.copyOf(enums), List.copyOf(sequences), List.copyOf(warnings),
                List.copyOf(extensions));
    }

    /** pg_settings.reset_val is in the setting's unit (ms for the timeouts): show it as SHOW would. */
    private static String resetValue(String name, String raw) {
        if (raw == null || raw.equals("0")) {
            return "0";
        }
        try {
            long ms = Long.parseLong(raw);
            if (ms % 3_600_000 == 0) {
                return ms / 3_600_000 + "h";
            } else if (ms % 60_000 == 0) {
                return ms / 60_000 + "min";
            } else if (ms % 1000 == 0) {
                return ms / 1000 + "s";
            }
            return ms + "ms";
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** [rows, bytes] of a partitioned table: the sums over its leaf partitions; rows -1 when any is unknown. */
    private static long[] aggregate(long oid, Map<Long, TableRow> tables, Map<Long, List<Long>> children,
                                    Map<Long, Long> sizes) {
        long rows = 0;
        long bytes = sizes.getOrDefault(oid, 0L);
        boolean unknown = false;
        for (long child : children.getOrDefault(oid, List.of())) {
            TableRow ct = tables.get(child);
            if (ct == null) {
                continue;
            }
            if (ct.kind == 'p') {
                long[] sub = aggregate(child, tables, children, sizes);
                unknown |= sub[0] < 0;
                rows += Math.max(sub[0], 0);
                bytes += sub[1];
            } else {
                unknown |= ct.rowEstimate < 0;
                rows += Math.max(ct.rowEstimate, 0);
                bytes += sizes.getOrDefault(child, 0L);
            }
        }
        return new long[] {unknown ? -1 : rows, bytes};
    }

    // ------------------------------------------------------------------------------------------ per kind

    /**
     * Relations of this database that another session holds, or waits for, in ACCESS EXCLUSIVE mode (a waiting
     * request blocks later ACCESS SHARE requests too).
     *
     * @param holders oid to "pid 123, granted" / "pid 123, waiting"
     */
    private record Locked(Map<Long, String> holders) {
        /** {@code c.oid = ANY('{..}'::oid[])} as a SQL condition over {@code column}; FALSE when none. */
        String test(String column) {
            if (holders.isEmpty()) {
                return "false";
            }
            StringBuilder sb = new StringBuilder(column).append(" = ANY('{");
            boolean first = true;
            for (long oid : holders.keySet()) {
                sb.append(first ? "" : ",").append(oid);
                first = false;
            }
            return sb.append("}'::oid[])").toString();
        }

        /** {@code CASE WHEN <locked> THEN NULL ELSE expr END}. */
        String guard(String column, String expr) {
            return holders.isEmpty() ? expr : "CASE WHEN " + test(column) + " THEN NULL ELSE " + expr + " END";
        }
    }

    private static Locked readLocked(Connection c) throws SQLException {
        Map<Long, String> out = new LinkedHashMap<>();
        Jdbc.query(c, """
                SELECT l.relation::bigint AS rel, l.pid, l.granted
                FROM pg_locks l
                WHERE l.locktype = 'relation' AND l.mode = 'AccessExclusiveLock' AND l.pid <> pg_backend_pid()
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY l.granted DESC, l.pid
                """, rs -> out.putIfAbsent(rs.getLong("rel"), "pid " + rs.getInt("pid")
                + (rs.getBoolean("granted") ? " holds ACCESS EXCLUSIVE" : " waits for ACCESS EXCLUSIVE")));
        if (!out.isEmpty()) {
            // an index locked on its own (REINDEX, DROP INDEX) makes its table's definitions unreadable as well
            Map<Long, String> tables = new LinkedHashMap<>();
            Jdbc.query(c, "SELECT indexrelid::bigint, indrelid::bigint FROM pg_index WHERE "
                    + new Locked(out).test("indexrelid"), rs -> tables.putIfAbsent(rs.getLong(2),
                    out.get(rs.getLong(1)) + " on an index"));
            tables.forEach(out::putIfAbsent);
        }
        return new Locked(out);
    }

    private static final class TableRow {
        long oid;
        String schema;
        String name;
        char kind;
        boolean unlogged;
        long parentOid;
        String partitionOf;
        long rowEstimate;
        long relpagesBytes;
        String definition;
        String partitionKey;
        String partitionBound;
    }

    private static Map<Long, TableRow> readTables(Connection c, int v, Locked locked) throws SQLException {
        String partition = v >= 100000
                ? "CASE WHEN c.relispartition THEN (SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid"
                + " LIMIT 1) END"
                : "NULL::oid";
        // PG 14+: reltuples is -1 until the first ANALYZE / VACUUM; before 14, 0 with 0 pages meant the same
        String reltuples = v >= 140000
                ? "c.reltuples::bigint"
                : "CASE WHEN c.reltuples = 0 AND c.relpages = 0 THEN -1 ELSE c.reltuples::bigint END";
        // pg_get_viewdef locks the relations the view reads, pg_get_expr the table itself: not for locked ones
        String viewDef = locked.holders().isEmpty() ? "pg_get_viewdef(c.oid)"
                : "CASE WHEN " + locked.test("c.oid") + " OR EXISTS (SELECT 1 FROM pg_rewrite r JOIN pg_depend d"
                + " ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid WHERE r.ev_class = c.oid AND "
                + locked.test("d.refobjid") + ") THEN NULL ELSE pg_get_viewdef(c.oid) END";
        String partKey = v >= 100000 ? "CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END" : "NULL::text";
        String partBound = v >= 100000
                ? "CASE WHEN c.relispartition THEN " + locked.guard("c.oid", "pg_get_expr(c.relpartbound, c.oid)")
                + " END"
                : "NULL::text";
        String sql = """
                SELECT c.oid, n.nspname, c.relname, c.relkind::text AS kind, c.relpersistence = 'u' AS unlogged,
                       %s AS parent, %s AS tuples,
                       (c.relpages::bigint + coalesce(tc.relpages, 0)) * current_setting('block_size')::bigint
                           AS page_bytes,
                       CASE WHEN c.relkind IN ('v', 'm') THEN %s END AS view_def, %s AS part_key, %s AS part_bound
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %s
                ORDER BY n.nspname, c.relname
                """.formatted(partition, reltuples, viewDef, partKey, partBound, USER_SCHEMA);
        Map<Long, TableRow> out = new LinkedHashMap<>();
        for (TableRow t : Jdbc.query(c, sql, rs -> {
            TableRow t = new TableRow();
            t.oid = rs.getLong("oid");
            t.schema = rs.getString("nspname");
            t.name = rs.getString("relname");
            t.kind = rs.getString("kind").charAt(0);
            t.unlogged = rs.getBoolean("unlogged");
            t.parentOid = rs.getLong("parent");
            t.rowEstimate = t.kind == 'v' ? -1 : rs.getLong("tuples");
            t.relpagesBytes = rs.getLong("page_bytes");
            String def = rs.getString("view_def");
            t.definition = def == null ? null : def.strip().replaceAll(";$", "");
            t.partitionKey = rs.getString("part_key");
            t.partitionBound = rs.getString("part_bound");
            return t;
        })) {
            out.put(t.oid, t);
        }
        for (TableRow t : out.values()) {
            if (t.parentOid != 0) {
                TableRow p = out.get(t.parentOid);
                t.partitionOf = p == null ? null : p.schema + "." + p.name;
            }
        }
        return out;
    }

    private static Map<Long, List<Column>> readColumns(Connection c, int v, Locked locked) throws SQLException {
        String identity = v >= 100000 ? "a.attidentity::text" : "''";
        String generated = v >= 120000 ? "a.attgenerated::text" : "''";
        String sql = """
                SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) AS type, t.typname,
                       a.atttypmod, a.attnotnull, %s AS def,
                       %s AS ident, %s AS gen
                FROM pg_attribute a
                JOIN pg_class c ON c.oid = a.attrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_type t ON t.oid = a.atttypid
                LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND %s
                ORDER BY a.attrelid, a.attnum
                """.formatted(locked.guard("c.oid", "pg_get_expr(d.adbin, d.adrelid)"), identity, generated,
                USER_SCHEMA);
        record Raw(long rel, String name, String type, String base, int typmod, boolean notNull, String def,
                   char ident, char gen) {
        }
        List<Raw> raws = Jdbc.query(c, sql, rs -> new Raw(rs.getLong("attrelid"), rs.getString("attname"),
                rs.getString("type"), rs.getString("typname"), rs.getInt("atttypmod"), rs.getBoolean("attnotnull"),
                rs.getString("def"), Jdbc.charOf(rs, "ident"), Jdbc.charOf(rs, "gen")));
        Map<String, Character> volatility = functionVolatility(c,
                raws.stream().filter(r -> r.def != null).map(Raw::def).toList());
        Map<Long, List<Column>> out = new HashMap<>();
        for (Raw r : raws) {
            char vol = r.def == null ? ' ' : volatilityOf(r.def, volatility);
            out.computeIfAbsent(r.rel, k -> new ArrayList<>()).add(new Column(r.name, r.type, r.base, r.typmod,
                    r.notNull, r.def, r.ident, r.gen, vol));
        }
        return out;
    }

    private static final Pattern FUNCTION_CALL = Pattern.compile("(?i)\\b([a-z_][a-z0-9_$]*)\\s*\\(");
    /** SQL value functions deparsed without parentheses: all stable. */
    private static final Pattern VALUE_FUNCTION = Pattern.compile(
            "(?i)\\b(current_timestamp|current_date|current_time|localtimestamp|localtime|current_user|"
                    + "current_role|session_user|current_schema|current_catalog|user)\\b");

    /** For every function name called in {@code exprs}: its most volatile overload's {@code provolatile}. */
    private static Map<String, Character> functionVolatility(Connection c, List<String> exprs) throws SQLException {
        Set<String> names = new LinkedHashSet<>();
        for (String e : exprs) {
            Matcher m = FUNCTION_CALL.matcher(stripLiterals(e));
            while (m.find()) {
                names.add(m.group(1).toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Character> out = new HashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        Jdbc.query(c, "SELECT proname, max(CASE provolatile WHEN 'v' THEN 3 WHEN 's' THEN 2 ELSE 1 END) "
                        + "FROM pg_proc WHERE proname = ANY(?) GROUP BY proname",
                rs -> out.put(rs.getString(1), rs.getInt(2) == 3 ? 'v' : rs.getInt(2) == 2 ? 's' : 'i'),
                (Object) names.toArray(new String[0]));
        return out;
    }

    static char volatilityOf(String expr, Map<String, Character> volatility) {
        String code = stripLiterals(expr);
        char worst = 'i';
        if (VALUE_FUNCTION.matcher(code).find()) {
            worst = 's';
        }
        Matcher m = FUNCTION_CALL.matcher(code);
        while (m.find()) {
            char f = volatility.getOrDefault(m.group(1).toLowerCase(Locale.ROOT), 'v');
            if (f == 'v') {
                return 'v';
            }
            if (f == 's') {
                worst = 's';
            }
        }
        return worst;
    }

    /** The expression with string literals and quoted identifiers blanked, so their text is not read as calls. */
    private static String stripLiterals(String s) {
        return s.replaceAll("'(?:[^']|'')*'", "''").replaceAll("\"(?:[^\"]|\"\")*\"", "\"\"");
    }

    private static Map<Long, List<Constraint>> readConstraints(Connection c, Locked locked) throws SQLException {
        String sql = """
                SELECT co.conrelid, co.conname, co.contype::text AS contype, co.convalidated,
                       %s AS def,
                       ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY AS k(num, ord)
                             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num
                             ORDER BY k.ord) AS cols,
                       rn.nspname AS ref_schema, rc.relname AS ref_table,
                       CASE WHEN co.contype IN ('p', 'u', 'x') THEN ic.relname END AS index_name
                FROM pg_constraint co
                JOIN pg_class c ON c.oid = co.conrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_class rc ON rc.oid = co.confrelid
                LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                LEFT JOIN pg_class ic ON ic.oid = co.conindid
                WHERE co.conrelid <> 0 AND %s
                ORDER BY co.conrelid, co.conname
                """.formatted(locked.guard("co.conrelid", "pg_get_constraintdef(co.oid)"), USER_SCHEMA);
        Map<Long, List<Constraint>> out = new HashMap<>();
        Jdbc.query(c, sql, rs -> {
            String refTable = rs.getString("ref_table");
            Constraint k = new Constraint(rs.getString("conname"), Jdbc.charOf(rs, "contype"),
                    Jdbc.stringList(rs, "cols"), rs.getBoolean("convalidated"), rs.getString("def"),
                    refTable == null ? null : new QualifiedName(rs.getString("ref_schema"), refTable),
                    rs.getString("index_name"));
            out.computeIfAbsent(rs.getLong("conrelid"), x -> new ArrayList<>()).add(k);
            return null;
        });
        return out;
    }

    private static final class IndexRow {
        long oid;
        String name;
        boolean unique;
        boolean primary;
        boolean valid;
        boolean partial;
        String method;
        List<String> columns;
        String definition;
        long relpagesBytes;
    }

    private static Map<Long, List<IndexRow>> readIndexes(Connection c, int v, Locked locked) throws SQLException {
        String keyCount = v >= 110000 ? "i.indnkeyatts" : "i.indnatts";
        String sql = """
                SELECT i.indrelid, i.indexrelid, ic.relname, i.indisunique, i.indisprimary, i.indisvalid,
                       i.indpred IS NOT NULL AS partial, am.amname, %s AS def,
                       ARRAY(SELECT CASE WHEN (i.indkey::int2[])[k - 1] <> 0
                                         THEN (SELECT a.attname::text FROM pg_attribute a
                                               WHERE a.attrelid = i.indrelid AND a.attnum = (i.indkey::int2[])[k - 1])
                                         ELSE coalesce(%s, '(expression)') END
                             FROM generate_series(1, %s) AS k ORDER BY k) AS cols,
                       ic.relpages::bigint * current_setting('block_size')::bigint AS page_bytes
                FROM pg_index i
                JOIN pg_class ic ON ic.oid = i.indexrelid
                JOIN pg_am am ON am.oid = ic.relam
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE %s
                ORDER BY i.indrelid, ic.relname
                """.formatted(locked.guard("i.indrelid", "pg_get_indexdef(i.indexrelid)"),
                locked.guard("i.indrelid", "pg_get_indexdef(i.indexrelid, k, true)"), keyCount, USER_SCHEMA);
        Map<Long, List<IndexRow>> out = new HashMap<>();
        Jdbc.query(c, sql, rs -> {
            IndexRow r = new IndexRow();
            r.oid = rs.getLong("indexrelid");
            r.name = rs.getString("relname");
            r.unique = rs.getBoolean("indisunique");
            r.primary = rs.getBoolean("indisprimary");
            r.valid = rs.getBoolean("indisvalid");
            r.partial = rs.getBoolean("partial");
            r.method = rs.getString("amname");
            r.columns = Jdbc.stringList(rs, "cols");
            r.definition = rs.getString("def");
            r.relpagesBytes = rs.getLong("page_bytes");
            out.computeIfAbsent(rs.getLong("indrelid"), x -> new ArrayList<>()).add(r);
            return null;
        });
        return out;
    }

    private static Map<Long, List<Trigger>> readTriggers(Connection c, Locked locked) throws SQLException {
        String sql = """
                SELECT t.tgrelid, t.tgname, t.tgenabled <> 'D' AS enabled, %s AS def
                FROM pg_trigger t
                JOIN pg_class c ON c.oid = t.tgrelid
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal AND %s
                ORDER BY t.tgrelid, t.tgname
                """.formatted(locked.guard("t.tgrelid", "pg_get_triggerdef(t.oid)"), USER_SCHEMA);
        Map<Long, List<Trigger>> out = new HashMap<>();
        Jdbc.query(c, sql, rs -> out.computeIfAbsent(rs.getLong("tgrelid"), x -> new ArrayList<>())
                .add(new Trigger(rs.getString("tgname"), rs.getBoolean("enabled"), rs.getString("def"))));
        return out;
    }

    /** Views and materialized views that read each relation directly (through their rewrite rule). */
    private static Map<Long, List<String>> readDependentViews(Connection c) throws SQLException {
        String sql = """
                SELECT DISTINCT d.refobjid AS rel, vn.nspname AS view_schema, v.relname AS view_name
                FROM pg_depend d
                JOIN pg_rewrite r ON r.oid = d.objid
                JOIN pg_class v ON v.oid = r.ev_class
                JOIN pg_namespace vn ON vn.oid = v.relnamespace
                WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                  AND d.deptype = 'n' AND v.oid <> d.refobjid
                ORDER BY 1, 2, 3
                """;
        Map<Long, List<String>> out = new HashMap<>();
        Jdbc.query(c, sql, rs -> out.computeIfAbsent(rs.getLong("rel"), x -> new ArrayList<>())
                .add(rs.getString("view_schema") + "." + rs.getString("view_name")));
        return out;
    }

    private static List<EnumType> readEnums(Connection c) throws SQLException {
        String sql = """
                SELECT n.nspname, t.typname, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
                FROM pg_type t
                JOIN pg_namespace n ON n.oid = t.typnamespace
                JOIN pg_enum e ON e.enumtypid = t.oid
                WHERE %s
                GROUP BY n.nspname, t.typname
                ORDER BY n.nspname, t.typname
                """.formatted(USER_SCHEMA);
        return Jdbc.query(c, sql, rs -> new EnumType(rs.getString("nspname"), rs.getString("typname"),
                Jdbc.stringList(rs, "labels")));
    }

    private static List<Sequence> readSequences(Connection c, int v) throws SQLException {
        String type = v >= 100000
                ? "(SELECT format_type(s.seqtypid, NULL) FROM pg_sequence s WHERE s.seqrelid = c.oid)"
                : "'bigint'";
        String sql = """
                SELECT n.nspname, c.relname, %s AS data_type,
                       (SELECT tn.nspname || '.' || tc.relname || '.' || ta.attname
                        FROM pg_depend d
                        JOIN pg_class tc ON tc.oid = d.refobjid
                        JOIN pg_namespace tn ON tn.oid = tc.relnamespace
                        JOIN pg_attribute ta ON ta.attrelid = d.refobjid AND ta.attnum = d.refobjsubid
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                        LIMIT 1) AS owned_by
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'S' AND %s
                ORDER BY n.nspname, c.relname
                """.formatted(type, USER_SCHEMA);
        return Jdbc.query(c, sql, rs -> new Sequence(rs.getString("nspname"), rs.getString("relname"),
                rs.getString("data_type"), rs.getString("owned_by")));
    }

    private static List<Extension> readExtensions(Connection c) throws SQLException {
        return Jdbc.query(c, """
                SELECT e.extname, n.nspname, e.extversion
                FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                ORDER BY e.extname
                """, rs -> new Extension(rs.getString(1), rs.getString(2), rs.getString(3)));
    }

    /**
     * Sizes of tables (total: heap, TOAST, indexes) and of indexes. The size functions lock each relation
     * (ACCESS SHARE): when one is locked past {@code lock_timeout}, or there are too many to lock, fall back to the
     * page counts of the last VACUUM / ANALYZE rather than wait.
     */
    private static Map<Long, Long> readSizes(Connection c, Map<Long, TableRow> tables,
                                             Map<Long, List<IndexRow>> indexes, Locked locked) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        // tables and indexes of tables locked by others: pages counted at the last VACUUM / ANALYZE
        String sql = """
                SELECT c.oid,
                       CASE WHEN %s OR %s THEN NULL
                            WHEN c.relkind IN ('r', 'm', 't') THEN pg_total_relation_size(c.oid)
                            WHEN c.relkind = 'i' THEN pg_relation_size(c.oid)
                            ELSE 0 END AS bytes
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                LEFT JOIN pg_index i ON i.indexrelid = c.oid
                WHERE c.relkind IN ('r', 'p', 'm', 'f', 'i', 'I') AND %s
                """.formatted(locked.test("c.oid"), locked.test("i.indrelid"), USER_SCHEMA);
        Map<Long, Long> pageBytes = new HashMap<>();
        Map<Long, Long> indexSum = new HashMap<>();
        for (Map.Entry<Long, List<IndexRow>> e : indexes.entrySet()) {
            for (IndexRow i : e.getValue()) {
                pageBytes.put(i.oid, i.relpagesBytes);
                indexSum.merge(e.getKey(), i.relpagesBytes, Long::sum);
            }
        }
        for (TableRow t : tables.values()) {
            pageBytes.put(t.oid, t.kind == 'v' ? 0 : t.relpagesBytes + indexSum.getOrDefault(t.oid, 0L));
        }
        Savepoint sp = c.setSavepoint();
        try {
            Jdbc.query(c, sql, rs -> {
                long bytes = rs.getLong(2);
                long oid = rs.getLong(1);
                return out.put(oid, rs.wasNull() ? pageBytes.getOrDefault(oid, 0L) : bytes);
            });
            c.releaseSavepoint(sp);
            return out;
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            // 55P03 lock_not_available, 53200 out of shared memory (too many locks), 57014 statement timeout
            if (!state.equals("55P03") && !state.equals("53200") && !state.equals("57014")) {
                throw e;
            }
            c.rollback(sp);
            LOG.warn("table sizes are estimates from pg_class page counts ({})", firstLine(e.getMessage()));
        }
        return pageBytes;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
