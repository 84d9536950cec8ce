package io.schemapilot.catalog;

import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code pg_catalog} says about a database at one moment: the context that lets rules tell a safe change
 * from a dangerous one (old column types, nullability, validated CHECKs, partitioning, enum labels, sizes).
 *
 * @param serverVersionNum {@code server_version_num}, e.g. 160004
 * @param settings         relevant settings: TimeZone, lock_timeout, statement_timeout, search_path
 * @param warnings         what could not be read and why, one sentence each (e.g. a table locked by another session
 *                         while the catalog was read: its defaults, CHECK and index definitions are then missing and
 *                         its size is an estimate); empty when the snapshot is complete
 * @param extensions       installed extensions (empty when not read)
 */
public record CatalogSnapshot(
        String database,
        String serverVersion,
        int serverVersionNum,
        Map<String, String> settings,
        List<String> schemas,
        List<Table> tables,
        List<EnumType> enums,
        List<Sequence> sequences,
        List<String> warnings,
        List<Extension> extensions) {

    /** Without the list of extensions (unknown: empty). */
    public CatalogSnapshot(String database, String serverVersion, int serverVersionNum, Map<String, String> settings,
                           List<String> schemas, List<Table> tables, List<EnumType> enums, List<Sequence> sequences,
                           List<String> warnings) {
        this(database, serverVersion, serverVersionNum, settings, schemas, tables, enums, sequences, warnings,
                List.of());
    }

    /** A complete snapshot (no warnings). */
    public CatalogSnapshot(String database, String serverVersion, int serverVersionNum, Map<String, String> settings,
                           List<String> schemas, List<Table> tables, List<EnumType> enums, List<Sequence> sequences) {
        this(database, serverVersion, serverVersionNum, settings, schemas, tables, enums, sequences, List.of());
    }

    /**
     * @param kind           r table, p partitioned table, v view, m materialized view, f foreign table
     * @param definition     the query of a view or materialized view ({@code pg_get_viewdef}, without the final
     *                       semicolon), else null
     * @param partitionKey   of a partitioned table: {@code pg_get_partkeydef}, e.g. {@code RANGE (created_at)}, else
     *                       null
     * @param partitionBound of a partition: {@code FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')} or
     *                       {@code DEFAULT}, else null
     */
    public record Table(String schema, String name, char kind, boolean unlogged, String partitionOf,
                        long rowEstimate, long totalBytes, List<Column> columns, List<Constraint> constraints,
                        List<Index> indexes, List<Trigger> triggers, List<String> dependentViews,
                        String definition, String partitionKey, String partitionBound) {

        /** Without view definition and partitioning clauses (unknown: null). */
        public Table(String schema, String name, char kind, boolean unlogged, String partitionOf, long rowEstimate,
                     long totalBytes, List<Column> columns, List<Constraint> constraints, List<Index> indexes,
                     List<Trigger> triggers, List<String> dependentViews) {
            this(schema, name, kind, unlogged, partitionOf, rowEstimate, totalBytes, columns, constraints, indexes,
                    triggers, dependentViews, null, null, null);
        }

        public QualifiedName qualifiedName() {
            return new QualifiedName(schema, name);
        }

        public boolean partitioned() {
            return kind == 'p';
        }

        /** A view or materialized view. */
        public boolean isView() {
            return kind == 'v' || kind == 'm';
        }

        public Optional<Index> index(String indexName) {
            return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
        }

        public Optional<Column> column(String columnName) {
            return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
        }

        public Optional<Constraint> constraint(String constraintName) {
            return constraints.stream().filter(c -> c.name().equals(constraintName)).findFirst();
        }

        /** A validated {@code CHECK (col IS NOT NULL)} exists: PG 12+ then skips the scan of SET NOT NULL. */
        public boolean hasValidNotNullCheck(String columnName) {
            return constraints.stream().anyMatch(c -> c.type() == 'c' && c.validated()
                    && columnName.equals(c.notNullCheckColumn()));
        }

        /** Fewer than {@code rows} rows by the planner's estimate (a never-analysed table counts as unknown). */
        public boolean isSmallerThan(long rows) {
            return rowEstimate >= 0 && rowEstimate < rows;
        }
    }

    /**
     * @param type        {@code format_type()} output, e.g. {@code character varying(20)}
     * @param baseType    the base type name ({@code pg_type.typname}), e.g. {@code varchar}, {@code int4}
     * @param typmod      {@code atttypmod}, -1 when none
     * @param defaultExpr {@code pg_get_expr(adbin)}, or null; for a generated column, its generation expression
     * @param identity    ' ' none ({@code ''} in PostgreSQL), 'a' always, 'd' by default
     * @param generated   ' ' none ({@code ''} in PostgreSQL), 's' stored, 'v' virtual
     * @param defaultVolatility of the default expression: 'i' immutable, 's' stable, 'v' volatile (the most volatile
     *                    function it calls, as {@code pg_proc.provolatile}), ' ' when there is no default
     */
    public record Column(String name, String type, String baseType, int typmod, boolean notNull, String defaultExpr,
                         char identity, char generated, char defaultVolatility) {

        /** Without the default's volatility (unknown: ' '). */
        public Column(String name, String type, String baseType, int typmod, boolean notNull, String defaultExpr,
                      char identity, char generated) {
            this(name, type, baseType, typmod, notNull, defaultExpr, identity, generated, ' ');
        }

        public boolean isIdentity() {
            return identity == 'a' || identity == 'd';
        }

        public boolean isGenerated() {
            return generated == 's' || generated == 'v';
        }

        /** The default calls a volatile function ({@code nextval}, {@code random}, {@code clock_timestamp}, ...). */
        public boolean hasVolatileDefault() {
            return defaultVolatility == 'v';
        }
    }

    /**
     * @param type        p primary key, f foreign key, u unique, c check, x exclusion, n not null (PG 18)
     * @param definition  {@code pg_get_constraintdef()}
     * @param refTable    the referenced table of a foreign key, or null
     */
    public record Constraint(String name, char type, List<String> columns, boolean validated, String definition,
                             QualifiedName refTable, String index) {

        /** For a CHECK of the form {@code (col IS NOT NULL)}: the column, else null. */
        public String notNullCheckColumn() {
            if (type != 'c' || definition == null) {
                return null;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("(?i)^CHECK \\(+\\s*(\"[^\"]+\"|[a-z_][a-z0-9_$]*)\\s+IS\\s+NOT\\s+NULL\\s*\\)+( NOT VALID)?$")
                    .matcher(definition.strip());
            if (!m.matches()) {
                return null;
            }
            String c = m.group(1);
            return c.startsWith("\"") ? c.substring(1, c.length() - 1) : c;
        }
    }

    public record Index(String name, boolean unique, boolean primary, boolean valid, boolean partial, String method,
                        List<String> columns, String definition, long bytes) {
    }

    public record Trigger(String name, boolean enabled, String definition) {
    }

    public record EnumType(String schema, String name, List<String> labels) {
        public QualifiedName qualifiedName() {
            return new QualifiedName(schema, name);
        }
    }

    public record Sequence(String schema, String name, String dataType, String ownedBy) {
    }

    /** An installed extension ({@code pg_extension}): name, the schema its objects live in, version. */
    public record Extension(String name, String schema, String version) {
    }

    /**
     * The views and materialized views that depend on {@code q}, directly or through other views, nearest first
     * (as {@code schema.name}).
     */
    public List<String> allDependentViews(QualifiedName q) {
        List<String> out = new java.util.ArrayList<>();
        java.util.ArrayDeque<Table> todo = new java.util.ArrayDeque<>();
        table(q).ifPresent(todo::add);
        while (!todo.isEmpty()) {
            Table t = todo.poll();
            for (String v : t.dependentViews()) {
                if (!out.contains(v)) {
                    out.add(v);
                    table(QualifiedName.of(v)).ifPresent(todo::add);
                }
            }
        }
        return out;
    }

    public int majorVersion() {
        return serverVersionNum / 10000;
    }

    /** The table (or view) with this name; an unqualified name is looked up along {@code search_path}. */
    public Optional<Table> table(QualifiedName q) {
        if (q == null) {
            return Optional.empty();
        }
        if (q.schema() != null) {
            return tables.stream().filter(t -> t.schema().equals(q.schema()) && t.name().equals(q.name())).findFirst();
        }
        for (String schema : searchPath()) {
            Optional<Table> t = tables.stream().filter(x -> x.schema().equals(schema) && x.name().equals(q.name()))
                    .findFirst();
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    public Optional<EnumType> enumType(QualifiedName q) {
        if (q == null) {
            return Optional.empty();
        }
        return enums.stream().filter(e -> e.name().equals(q.name())
                && (q.schema() == null ? searchPath().contains(e.schema()) : e.schema().equals(q.schema()))).findFirst();
    }

    /** The index with this name, with the table it belongs to. */
    public Optional<Map.Entry<Table, Index>> index(QualifiedName q) {
        if (q == null) {
            return Optional.empty();
        }
        for (Table t : tables) {
            if (q.schema() != null && !t.schema().equals(q.schema())) {
                continue;
            }
            for (Index i : t.indexes()) {
                if (i.name().equals(q.name())) {
                    return Optional.of(Map.entry(t, i));
                }
            }
        }
        return Optional.empty();
    }

    /** Schemas of {@code search_path} (without {@code "$user"}), {@code public} when unknown. */
    public List<String> searchPath() {
        String sp = settings.getOrDefault("search_path", "public");
        List<String> out = new java.util.ArrayList<>();
        for (String part : sp.split(",")) {
            String s = part.strip();
            if (s.isEmpty() || s.equals("\"$user\"") || s.equals("$user")) {
                continue;
            }
            out.add(s.startsWith("\"") ? s.substring(1, s.length() - 1) : s);
        }
        return out.isEmpty() ? List.of("public") : out;
    }
}
