package io.schemapilot.analysis;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.LockMode;
import io.schemapilot.sql.QualifiedName;
import java.util.List;
import java.util.Optional;

/**
 * What a rule may know when it looks at a statement: the settings, the current catalog (when a schema file or a
 * database was given), and the state of the migration just before the statement (transactions, locks held,
 * objects created earlier, timeouts set).
 */
public final class AnalysisContext {
    private final AnalysisSettings settings;
    private final CatalogSnapshot catalog;
    private final MigrationState state;
    private List<io.schemapilot.sql.ParsedStatement> statements = List.of();
    private FileIndexes fileIndexes = new FileIndexes();

    AnalysisContext(AnalysisSettings settings, CatalogSnapshot catalog, MigrationState state) {
        this.settings = settings;
        this.catalog = catalog;
        this.state = state;
    }

    /** A context for tests and tools: fresh migration state. */
    public static AnalysisContext fresh(AnalysisSettings settings, CatalogSnapshot catalog) {
        return new AnalysisContext(settings, catalog, new MigrationState(settings.assumeInTransaction()));
    }

    public AnalysisSettings settings() {
        return settings;
    }

    public PgVersion pgVersion() {
        return settings.pgVersion();
    }

    public Optional<CatalogSnapshot> catalog() {
        return Optional.ofNullable(catalog);
    }

    public boolean hasCatalog() {
        return catalog != null;
    }

    /** The table as the catalog knows it (never for tables created in this migration). */
    public Optional<CatalogSnapshot.Table> table(QualifiedName q) {
        return catalog == null || q == null ? Optional.empty() : catalog.table(q);
    }

    public Optional<CatalogSnapshot.Column> column(QualifiedName table, String column) {
        return table(table).flatMap(t -> t.column(column));
    }

    /**
     * Created earlier in this migration, so new and empty: lock and scan hazards on it do not count. A table the
     * catalog does not know is NOT assumed new.
     */
    public boolean isNew(QualifiedName table) {
        return table != null && state.createdTable(table);
    }

    public boolean isNewIndex(QualifiedName index) {
        return index != null && state.createdIndex(index);
    }

    public boolean isNewType(QualifiedName type) {
        return type != null && state.createdType(type);
    }

    /** Partitioned, by the catalog or by a CREATE TABLE ... PARTITION BY earlier in this migration. */
    public boolean isPartitioned(QualifiedName table) {
        return state.createdPartitioned(table) || table(table).map(CatalogSnapshot.Table::partitioned).orElse(false);
    }

    /** The table an index belongs to: from this migration or the catalog; else the index name itself. */
    public QualifiedName tableOfIndex(QualifiedName index) {
        QualifiedName t = state.tableOfCreatedIndex(index);
        if (t != null) {
            return t;
        }
        if (catalog != null) {
            return catalog.index(index).map(e -> e.getKey().qualifiedName()).orElse(index);
        }
        return index;
    }

    /** Called once by the analyzer before the walk: every statement of the file, in order. */
    void statements(List<io.schemapilot.sql.ParsedStatement> all) {
        statements(all, new FileIndexes());
    }

    /**
     * As {@link #statements(List)}, with the file indexes kept in {@code indexes}: contexts walking the same file
     * at the same time (each with some of the rules) build each index once between them.
     */
    void statements(List<io.schemapilot.sql.ParsedStatement> all, FileIndexes indexes) {
        this.statements = List.copyOf(all);
        this.fileIndexes = indexes;
    }

    /**
     * Every statement of the file, in order (empty for a context made with {@link #fresh}). Rules see one
     * statement at a time; this lets a rule look ahead (a compatibility view created after a rename, a new enum
     * label used later in the same transaction) or back, without keeping state of its own.
     */
    public List<io.schemapilot.sql.ParsedStatement> statements() {
        return statements;
    }

    /** The statements after {@code st}, in order (a view, no copy). */
    public List<io.schemapilot.sql.ParsedStatement> laterStatements(io.schemapilot.sql.ParsedStatement st) {
        int i = indexOf(st);
        return i >= 0 ? statements.subList(i + 1, statements.size())
                : statements.stream().filter(s -> s.number() > st.number()).toList();
    }

    /** The statements before {@code st}, in order (a view, no copy). */
    public List<io.schemapilot.sql.ParsedStatement> earlierStatements(io.schemapilot.sql.ParsedStatement st) {
        int i = indexOf(st);
        return i >= 0 ? statements.subList(0, i)
                : statements.stream().filter(s -> s.number() < st.number()).toList();
    }

    private int indexOf(io.schemapilot.sql.ParsedStatement st) {
        int i = st.number() - 1;
        return i >= 0 && i < statements.size() && statements.get(i).number() == st.number() ? i : -1;
    }

    /**
     * A value derived once per file from {@link #statements()} — typically an index a rule looks things up in, so
     * that looking ahead or back stays linear on large files — built on first use under {@code name}. Rules stay
     * stateless: the value lives with this file's context and is never changed after it is built.
     */
    public <T> T fileIndex(String name, java.util.function.Function<List<io.schemapilot.sql.ParsedStatement>, T> build) {
        return fileIndexes.get(name, statements, build);
    }

    /** Inside BEGIN ... COMMIT, or the whole file when {@code --assume-in-transaction}. */
    public boolean inTransaction() {
        return state.inTransaction();
    }

    /** Inside an explicit BEGIN written in the file. */
    public boolean inExplicitTransaction() {
        return state.inExplicitTransaction();
    }

    /** Nesting depth of explicit BEGINs (more than 1 is already a problem). */
    public int explicitDepth() {
        return state.explicitDepth();
    }

    /** The statement number of the BEGIN of the current explicit transaction. */
    public int transactionStart() {
        return state.transactionStart();
    }

    /** Statements run so far in the current transaction (0 when not in one). */
    public int statementsInTransaction() {
        return state.statementsInTransaction();
    }

    /** Locks taken by earlier statements and still held (same transaction). */
    public List<TableLock> heldLocks() {
        return state.heldLocks();
    }

    /** The lowest statement number of {@link #heldLocks()}, or {@link Integer#MAX_VALUE} when none is held. */
    public int firstHeldLockStatement() {
        return state.firstHeldStatement();
    }

    /**
     * The held lock behind {@link #strongestHeldLock()}: of the strongest locks held on pre-existing tables, the one
     * taken first; or null. Constant time (no walk over {@link #heldLocks()} in a long transaction).
     */
    public TableLock strongestHeldTableLock() {
        return state.strongestHeldLockOnExisting(this::isNew);
    }

    /** The strongest lock still held on a pre-existing table, or null. */
    public LockMode strongestHeldLock() {
        return state.strongestHeldOnExisting(this::isNew);
    }

    /** A constraint added NOT VALID earlier in the current transaction. */
    public boolean addedNotValidInThisTransaction(QualifiedName table, String constraint) {
        return state.notValidInTransaction(table, constraint);
    }

    /**
     * A valid CHECK proving {@code col IS NOT NULL} exists (validated earlier in this migration or in the catalog;
     * also as one AND-ed part of a larger CHECK, see {@link NotNullProof}), or
     * the column is already NOT NULL: PostgreSQL 12+ then sets NOT NULL without a scan.
     */
    public boolean hasValidNotNullCheck(QualifiedName table, String column) {
        if (state.validNotNullCheck(table, column)) {
            return true;
        }
        return table(table).map(t -> t.hasValidNotNullCheck(column)
                || t.constraints().stream().anyMatch(k -> k.type() == 'c' && k.validated()
                        && NotNullProof.columns(k.definition()).contains(column))
                || t.column(column).map(CatalogSnapshot.Column::notNull).orElse(false)).orElse(false);
    }

    /**
     * The key columns (or expressions) of an index: from a CREATE INDEX earlier in this migration, else from the
     * catalog; empty when unknown. An unqualified name is looked up in {@code schemaHint}'s schema.
     */
    public Optional<List<String>> indexColumns(QualifiedName index, QualifiedName schemaHint) {
        if (index == null) {
            return Optional.empty();
        }
        QualifiedName q = index.schema() == null && schemaHint != null
                ? new QualifiedName(schemaHint.schema(), index.name()) : index;
        List<String> cols = state.columnsOfCreatedIndex(q);
        if (cols != null) {
            return Optional.of(cols);
        }
        return catalog == null ? Optional.empty() : catalog.index(index).map(e -> e.getValue().columns());
    }

    /**
     * The column is known to be NOT NULL right now: made so earlier in this migration (CREATE TABLE, ADD COLUMN,
     * SET NOT NULL, PRIMARY KEY) or NOT NULL in the catalog. A validated CHECK alone does not count.
     */
    public boolean isNotNull(QualifiedName table, String column) {
        return state.notNullColumn(table, column)
                || column(table, column).map(CatalogSnapshot.Column::notNull).orElse(false);
    }

    public boolean lockTimeoutSet() {
        return state.lockTimeoutSet() || catalogSettingNonZero("lock_timeout");
    }

    public boolean statementTimeoutSet() {
        return state.statementTimeoutSet() || catalogSettingNonZero("statement_timeout");
    }

    private boolean catalogSettingNonZero(String name) {
        if (catalog == null) {
            return false;
        }
        String v = catalog.settings().get(name);
        return v != null && !v.equals("0") && !v.isBlank();
    }

    /** "public.orders": the schema as the catalog resolves it, else {@code public}. */
    public String display(QualifiedName q) {
        if (q == null) {
            return null;
        }
        if (q.schema() == null && catalog != null) {
            Optional<CatalogSnapshot.Table> t = catalog.table(q);
            if (t.isPresent()) {
                return t.get().schema() + "." + t.get().name();
            }
        }
        return q.qualified();
    }

    /** "public.orders.status" */
    public String display(QualifiedName table, String column) {
        return display(table) + "." + column;
    }
}
