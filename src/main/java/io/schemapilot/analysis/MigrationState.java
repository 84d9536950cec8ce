package io.schemapilot.analysis;

import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the statements so far have done: transaction structure, locks held, objects created, timeouts set,
 * constraints added. The analyzer updates it after every statement; rules only read it (through
 * {@link AnalysisContext}).
 */
public final class MigrationState {
    private final boolean assumeInTransaction;

    private int explicitDepth;
    private int transactionStart;
    /** Held locks, one per table and mode (the statement that took it first), in the order taken. */
    private final List<TableLock> heldLocks = new ArrayList<>();
    private final Set<HeldKey> heldKeys = new HashSet<>();
    /** The lowest statement number among {@link #heldLocks}, or {@link Integer#MAX_VALUE} when none is held. */
    private int firstHeldStatement = Integer.MAX_VALUE;
    /**
     * By mode: the held locks of that mode in the order taken, from which locks on tables created in this migration
     * are dropped as they are met (a created table stays created), so the strongest lock on an existing table is
     * found without walking every lock of a long transaction.
     */
    private final ArrayDeque<TableLock>[] heldByMode = newHeldByMode();
    private final NameSet createdTables = new NameSet();
    private final NameSet partitionedTables = new NameSet();
    private final NameSet createdIndexes = new NameSet();
    private final Map<String, String> indexTables = new HashMap<>();
    private final NameSet createdTypes = new NameSet();
    private final Set<String> notValidInTransaction = new HashSet<>();
    /** table/constraint of a CHECK added NOT VALID -> the columns it proves NOT NULL once validated */
    private final Map<String, List<String>> notNullCheckByConstraint = new HashMap<>();
    /**
     * table/column -> what proves it NOT NULL: the names of validated CHECKs (dropping one takes its proof away),
     * and {@link #DIRECT} for a NOT NULL column or a CHECK without a name.
     */
    private final Map<String, Set<String>> notNullProofs = new HashMap<>();
    /** table/constraint of a validated CHECK -> the columns it proves NOT NULL */
    private final Map<String, List<String>> validNotNullCheckByConstraint = new HashMap<>();
    /** index key -> its key columns, for indexes created in this migration */
    private final Map<String, List<String>> indexColumns = new HashMap<>();
    /** table/column pairs made NOT NULL in this migration (CREATE TABLE, ADD COLUMN, SET NOT NULL, PRIMARY KEY) */
    private final Set<String> notNullColumns = new HashSet<>();
    private boolean lockTimeout;
    private boolean lockTimeoutLocal;
    private boolean statementTimeout;
    private boolean statementTimeoutLocal;
    private boolean lockTimeoutSession;
    private boolean statementTimeoutSession;
    private int statementsInTransaction;

    /** The proof of a NOT NULL column, or of a validated CHECK without a name (nothing can drop it by name). */
    private static final String DIRECT = "";

    MigrationState(boolean assumeInTransaction) {
        this.assumeInTransaction = assumeInTransaction;
    }

    /**
     * A fresh state (a new session: no transaction, locks, timeouts or created objects) that knows the NOT NULL
     * facts earlier files of the same run left in {@code carried}.
     */
    MigrationState(boolean assumeInTransaction, RunFacts carried) {
        this(assumeInTransaction);
        if (carried != null) {
            carried.seed(notNullCheckByConstraint, notNullProofs, validNotNullCheckByConstraint, notNullColumns);
        }
    }

    /** Leaves this state's NOT NULL facts in {@code carried}, for the next file of the run. */
    void carryInto(RunFacts carried) {
        carried.keep(notNullCheckByConstraint, notNullProofs, validNotNullCheckByConstraint, notNullColumns);
    }

    static String key(QualifiedName q) {
        return q == null ? "" : q.qualified();
    }

    // ---- queries ---------------------------------------------------------------------------------------------

    boolean inExplicitTransaction() {
        return explicitDepth > 0;
    }

    boolean inTransaction() {
        return explicitDepth > 0 || assumeInTransaction;
    }

    int explicitDepth() {
        return explicitDepth;
    }

    int transactionStart() {
        return transactionStart;
    }

    int statementsInTransaction() {
        return statementsInTransaction;
    }

    List<TableLock> heldLocks() {
        return heldLocks;
    }

    int firstHeldStatement() {
        return firstHeldStatement;
    }

    boolean createdTable(QualifiedName q) {
        return createdTables.contains(q);
    }

    boolean createdPartitioned(QualifiedName q) {
        return partitionedTables.contains(q);
    }

    boolean createdIndex(QualifiedName q) {
        return createdIndexes.contains(q);
    }

    QualifiedName tableOfCreatedIndex(QualifiedName index) {
        String t = indexTables.get(key(index));
        return t == null ? null : QualifiedName.of(t);
    }

    boolean createdType(QualifiedName q) {
        return createdTypes.contains(q);
    }

    boolean notValidInTransaction(QualifiedName table, String constraint) {
        return notValidInTransaction.contains(key(table) + "/" + constraint);
    }

    boolean validNotNullCheck(QualifiedName table, String column) {
        Set<String> proofs = notNullProofs.get(key(table) + "/" + column);
        return proofs != null && !proofs.isEmpty();
    }

    private void prove(String tableColumn, String by) {
        notNullProofs.computeIfAbsent(tableColumn, k -> new HashSet<>()).add(by);
    }

    /** A validated CHECK proving {@code columns} NOT NULL, named {@code name} (or null) on {@code table}. */
    private void proveByCheck(String table, String name, List<String> columns) {
        if (columns.isEmpty()) {
            return;
        }
        for (String col : columns) {
            prove(table + "/" + col, name == null ? DIRECT : name);
        }
        if (name != null) {
            validNotNullCheckByConstraint.put(table + "/" + name, columns);
        }
    }

    List<String> columnsOfCreatedIndex(QualifiedName index) {
        return indexColumns.get(key(index));
    }

    boolean notNullColumn(QualifiedName table, String column) {
        return notNullColumns.contains(key(table) + "/" + column);
    }

    boolean lockTimeoutSet() {
        return lockTimeout;
    }

    boolean statementTimeoutSet() {
        return statementTimeout;
    }

    // ---- updates ---------------------------------------------------------------------------------------------

    /** Records what {@code st} did. {@code locks} are the table locks it took. */
    void apply(ParsedStatement st, List<TableLock> locks) {
        boolean endsTransaction = false;
        for (Change c : st.changes()) {
            if (c instanceof Change.Transaction tx) {
                switch (tx.kind()) {
                    case BEGIN -> {
                        if (explicitDepth == 0) {
                            transactionStart = st.number();
                            clearHeldLocks();
                            statementsInTransaction = 0;
                            notValidInTransaction.clear();
                        }
                        explicitDepth++;
                    }
                    case COMMIT, ROLLBACK, PREPARE -> {
                        explicitDepth = 0;
                        endsTransaction = true;
                    }
                    default -> {
                    }
                }
            } else if (c instanceof Change.CreateTable ct) {
                createdTables.add(ct.target());
                if (ct.partitioned()) {
                    partitionedTables.add(ct.target());
                }
                String table = key(ct.target());
                for (ColumnDef col : ct.columns()) {
                    if (col.notNull() || col.isPrimaryKey()) {
                        String column = table + "/" + col.name();
                        prove(column, DIRECT);
                        notNullColumns.add(column);
                    }
                }
            } else if (c instanceof Change.CreateView v && v.materialized()) {
                createdTables.add(v.target());
            } else if (c instanceof Change.CreateIndex ci) {
                if (ci.name() != null) {
                    QualifiedName idx = ci.name().schema() == null && ci.target() != null
                            ? new QualifiedName(ci.target().schema(), ci.name().name()) : ci.name();
                    createdIndexes.add(idx);
                    indexTables.put(key(idx), key(ci.target()));
                    indexColumns.put(key(idx), ci.columns());
                }
            } else if (c instanceof Change.CreateEnum ce) {
                createdTypes.add(ce.target());
            } else if (c instanceof Change.CreateDomain cd) {
                createdTypes.add(cd.target());
            } else if (c instanceof Change.RenameTable rt && createdTable(rt.target())) {
                createdTables.add(new QualifiedName(rt.target().schema(), rt.newName()));
            } else if (c instanceof Change.AddConstraint ac) {
                ConstraintDef k = ac.constraint();
                // PG 18 ADD CONSTRAINT ... NOT NULL col [NOT VALID] counts like CHECK (col IS NOT NULL); a CHECK
                // proves NOT NULL for each column of an IS NOT NULL conjunct (CHECK (a IS NOT NULL AND a <> ''))
                List<String> proven = k.kind() == ConstraintDef.Kind.NOT_NULL && !k.columns().isEmpty()
                        ? List.of(k.columns().get(0))
                        : k.kind() == ConstraintDef.Kind.CHECK ? NotNullProof.columns(k.expression()) : List.of();
                if (k.kind() == ConstraintDef.Kind.PRIMARY_KEY || k.kind() == ConstraintDef.Kind.NOT_NULL && !k.notValid()) {
                    for (String pkCol : k.columns()) {
                        notNullColumns.add(key(ac.target()) + "/" + pkCol);
                    }
                }
                if (k.notValid()) {
                    if (k.name() != null) {
                        notValidInTransaction.add(key(ac.target()) + "/" + k.name());
                        if (!proven.isEmpty()) {
                            notNullCheckByConstraint.put(key(ac.target()) + "/" + k.name(), proven);
                        }
                    }
                } else {
                    proveByCheck(key(ac.target()), k.kind() == ConstraintDef.Kind.CHECK ? k.name() : null, proven);
                }
            } else if (c instanceof Change.ValidateConstraint vc) {
                List<String> cols = notNullCheckByConstraint.remove(key(vc.target()) + "/" + vc.name());
                if (cols != null) {
                    proveByCheck(key(vc.target()), vc.name(), cols);
                }
            } else if (c instanceof Change.DropConstraint dc) {
                // the CHECK no longer proves anything (a NOT NULL set meanwhile stays)
                String table = key(dc.target());
                notNullCheckByConstraint.remove(table + "/" + dc.name());
                List<String> cols = validNotNullCheckByConstraint.remove(table + "/" + dc.name());
                if (cols != null) {
                    for (String col : cols) {
                        Set<String> proofs = notNullProofs.get(table + "/" + col);
                        if (proofs != null) {
                            proofs.remove(dc.name());
                        }
                    }
                }
            } else if (c instanceof Change.DropNotNull dn) {
                String column = key(dn.target()) + "/" + dn.column();
                notNullColumns.remove(column);
                Set<String> proofs = notNullProofs.get(column);
                if (proofs != null) {
                    proofs.remove(DIRECT);
                }
            } else if (c instanceof Change.SetNotNull sn) {
                prove(key(sn.target()) + "/" + sn.column(), DIRECT);
                notNullColumns.add(key(sn.target()) + "/" + sn.column());
            } else if (c instanceof Change.AddColumn ac) {
                if (ac.column().notNull() || ac.column().isPrimaryKey()) {
                    prove(key(ac.target()) + "/" + ac.column().name(), DIRECT);
                    notNullColumns.add(key(ac.target()) + "/" + ac.column().name());
                }
            } else if (c instanceof Change.SetVariable sv) {
                boolean on = sv.value() != null && !isZero(sv.value());
                // SET LOCAL outside a transaction block has no effect (PostgreSQL only warns); inside one it
                // lasts until the transaction ends, when the session value comes back
                boolean applies = !sv.local() || inTransaction();
                if (sv.name().equals("lock_timeout") && applies) {
                    lockTimeout = on;
                    lockTimeoutLocal = sv.local();
                    lockTimeoutSession = sv.local() ? lockTimeoutSession : on;
                } else if (sv.name().equals("statement_timeout") && applies) {
                    statementTimeout = on;
                    statementTimeoutLocal = sv.local();
                    statementTimeoutSession = sv.local() ? statementTimeoutSession : on;
                } else if (sv.name().equals("all") && sv.value() == null) {
                    lockTimeout = lockTimeoutSession = lockTimeoutLocal = false;
                    statementTimeout = statementTimeoutSession = statementTimeoutLocal = false;
                }
            }
        }
        if (inTransaction() && !endsTransaction) {
            holdLocks(locks);
            statementsInTransaction++;
        } else {
            clearHeldLocks();
            statementsInTransaction = 0;
        }
        if (endsTransaction) {
            notValidInTransaction.clear();
            if (lockTimeoutLocal) {
                lockTimeout = lockTimeoutSession;
                lockTimeoutLocal = false;
            }
            if (statementTimeoutLocal) {
                statementTimeout = statementTimeoutSession;
                statementTimeoutLocal = false;
            }
        }
    }

    private static final java.util.regex.Pattern ZERO =
            java.util.regex.Pattern.compile("0+(\\.0*)?\\s*(us|ms|s|min|h|d)?");

    private static boolean isZero(String v) {
        String s = v.strip().replace("'", "").toLowerCase(java.util.Locale.ROOT);
        // 0 in any unit (0, '0ms', '0 min', 0.0) disables the timeout, as does DEFAULT (the server default is 0)
        return s.equals("default") || ZERO.matcher(s).matches();
    }

    /**
     * The strongest lock held in the current transaction on a table other sessions can see. {@code isNew} must stay
     * true for a table once it is (objects created in this migration stay created).
     */
    LockMode strongestHeldOnExisting(java.util.function.Predicate<QualifiedName> isNew) {
        TableLock l = strongestHeldLockOnExisting(isNew);
        return l == null ? null : l.mode();
    }

    /** The first lock taken among the strongest held on tables that are not new (see above), or null. */
    TableLock strongestHeldLockOnExisting(java.util.function.Predicate<QualifiedName> isNew) {
        for (int m = heldByMode.length - 1; m >= 0; m--) {
            ArrayDeque<TableLock> held = heldByMode[m];
            while (!held.isEmpty() && isNew.test(held.peekFirst().table())) {
                held.pollFirst();
            }
            if (!held.isEmpty()) {
                return held.peekFirst();
            }
        }
        return null;
    }

    /**
     * A table (as {@link QualifiedName#sameAs} compares them) and a lock mode. {@code equals} and {@code hashCode}
     * are written out: a record's generated ones are bootstrapped through method handles on first use, which costs a
     * cold CLI run several milliseconds.
     */
    private record HeldKey(String schema, String name, LockMode mode) {
        static HeldKey of(TableLock l) {
            QualifiedName t = l.table();
            return new HeldKey(t == null ? null : t.schemaOr("public"), t == null ? null : t.name(), l.mode());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HeldKey k && mode == k.mode && java.util.Objects.equals(schema, k.schema)
                    && java.util.Objects.equals(name, k.name);
        }

        @Override
        public int hashCode() {
            return (java.util.Objects.hashCode(schema) * 31 + java.util.Objects.hashCode(name)) * 31
                    + (mode == null ? 0 : mode.ordinal());
        }
    }

    /**
     * Holds {@code locks} until the transaction ends. Taking a mode a table is already held in adds nothing, as in
     * PostgreSQL: the entry of the statement that took it first stays (what rules report as "held since").
     */
    private void holdLocks(List<TableLock> locks) {
        for (TableLock l : locks) {
            if (heldKeys.add(HeldKey.of(l))) {
                heldLocks.add(l);
                firstHeldStatement = Math.min(firstHeldStatement, l.statement());
                heldByMode[l.mode().ordinal()].addLast(l);
            }
        }
    }

    private void clearHeldLocks() {
        heldLocks.clear();
        heldKeys.clear();
        firstHeldStatement = Integer.MAX_VALUE;
        for (ArrayDeque<TableLock> held : heldByMode) {
            held.clear();
        }
    }

    /**
     * Names of objects created in this migration, by schema (an unwritten schema is {@code public}, as in
     * {@link QualifiedName#qualified()}). Rules ask whether a table is new for almost every statement; looking the
     * two parts up separately needs no "schema.name" string built for each question.
     */
    private static final class NameSet {
        private final Map<String, Set<String>> bySchema = new HashMap<>();
        private boolean hasNull;

        void add(QualifiedName q) {
            if (q == null) {
                hasNull = true;
                return;
            }
            bySchema.computeIfAbsent(q.schemaOr("public"), k -> new HashSet<>()).add(q.name());
        }

        boolean contains(QualifiedName q) {
            if (q == null) {
                return hasNull;
            }
            Set<String> names = bySchema.get(q.schemaOr("public"));
            return names != null && names.contains(q.name());
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayDeque<TableLock>[] newHeldByMode() {
        ArrayDeque<TableLock>[] byMode = new ArrayDeque[LockMode.values().length];
        for (int i = 0; i < byMode.length; i++) {
            byMode[i] = new ArrayDeque<>();
        }
        return byMode;
    }
}
