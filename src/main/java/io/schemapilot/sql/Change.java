package io.schemapilot.sql;

import java.util.List;

/**
 * The change model: what a statement does, as far as the hazard rules care. One statement yields one or more
 * changes ({@code ALTER TABLE t ADD a int, ADD b int} yields two; a {@code DO} block yields a {@link DoBlock}
 * followed by the changes found in its {@code EXECUTE} strings). SQL the readers do not model becomes
 * {@link Other} (understood, nothing to say) or {@link Unparsed} (not understood; token rules still see it).
 */
public sealed interface Change {

    /** The table (or other object) the change acts on, or null. */
    QualifiedName target();

    // ---- tables and columns -------------------------------------------------------------------------------

    record CreateTable(QualifiedName target, List<ColumnDef> columns, List<ConstraintDef> constraints,
                       boolean ifNotExists, boolean partitioned, QualifiedName partitionOf, boolean unlogged,
                       boolean temporary, boolean asQuery) implements Change {
    }

    record AddColumn(QualifiedName target, ColumnDef column, boolean ifNotExists) implements Change {
    }

    record DropColumn(QualifiedName target, String column, boolean ifExists, boolean cascade) implements Change {
    }

    /** @param using the USING expression's text, or null */
    record AlterColumnType(QualifiedName target, String column, TypeName type, String using) implements Change {
    }

    record SetNotNull(QualifiedName target, String column) implements Change {
    }

    record DropNotNull(QualifiedName target, String column) implements Change {
    }

    /** @param expression the new default's text, or null for DROP DEFAULT */
    record SetDefault(QualifiedName target, String column, String expression) implements Change {
    }

    record AddConstraint(QualifiedName target, ConstraintDef constraint) implements Change {
    }

    record ValidateConstraint(QualifiedName target, String name) implements Change {
    }

    record DropConstraint(QualifiedName target, String name, boolean ifExists, boolean cascade) implements Change {
    }

    record RenameColumn(QualifiedName target, String from, String to) implements Change {
    }

    /**
     * {@code ALTER TABLE | VIEW | MATERIALIZED VIEW name RENAME TO new}.
     *
     * @param kind the word after ALTER: "TABLE" (which renames a view too), "VIEW" or "MATERIALIZED VIEW"
     */
    record RenameTable(QualifiedName target, String newName, String kind) implements Change {
        public RenameTable(QualifiedName target, String newName) {
            this(target, newName, "TABLE");
        }

        /** Written as ALTER VIEW or ALTER MATERIALIZED VIEW. */
        public boolean ofView() {
            return !kind.equals("TABLE");
        }
    }

    /** {@code SET LOGGED | SET UNLOGGED | SET TABLESPACE x | SET ACCESS METHOD x}, as written in canonical form. */
    record SetStorage(QualifiedName target, String action) implements Change {
    }

    record AttachPartition(QualifiedName target, QualifiedName partition, String bound, boolean isDefault)
            implements Change {
    }

    record DetachPartition(QualifiedName target, QualifiedName partition, boolean concurrently, boolean finalizeDetach)
            implements Change {
    }

    /**
     * Any other {@code ALTER TABLE} sub-command (OWNER TO, SET (...), ENABLE TRIGGER, ALTER COLUMN SET STATISTICS,
     * ...), with its first words as {@code action}.
     */
    record OtherTableAction(QualifiedName target, String action) implements Change {
    }

    // ---- indexes and maintenance -----------------------------------------------------------------------------

    record CreateIndex(QualifiedName name, QualifiedName target, boolean unique, boolean concurrently,
                       boolean ifNotExists, boolean only, String method, List<String> columns, String where)
            implements Change {
    }

    record DropIndex(List<QualifiedName> names, boolean concurrently, boolean ifExists, boolean cascade)
            implements Change {
        @Override
        public QualifiedName target() {
            return names.isEmpty() ? null : names.get(0);
        }
    }

    /** @param kind INDEX, TABLE, SCHEMA, DATABASE or SYSTEM */
    record Reindex(String kind, QualifiedName target, boolean concurrently) implements Change {
    }

    /** @param tables empty for a whole-database VACUUM */
    record Vacuum(boolean full, List<QualifiedName> tables) implements Change {
        @Override
        public QualifiedName target() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    /** @param target null for a bare {@code CLUSTER} */
    record Cluster(QualifiedName target) implements Change {
    }

    record RefreshMatView(QualifiedName target, boolean concurrently) implements Change {
    }

    // ---- destructive and data statements -----------------------------------------------------------------------

    record DropTable(List<QualifiedName> names, boolean ifExists, boolean cascade) implements Change {
        @Override
        public QualifiedName target() {
            return names.isEmpty() ? null : names.get(0);
        }
    }

    record DropSchema(List<QualifiedName> names, boolean ifExists, boolean cascade) implements Change {
        @Override
        public QualifiedName target() {
            return names.isEmpty() ? null : names.get(0);
        }
    }

    record DropDatabase(QualifiedName target, boolean ifExists) implements Change {
    }

    /**
     * DROP of anything else (VIEW, TYPE, FUNCTION, SEQUENCE, TRIGGER, ...); {@code kind} upper-case as written.
     * {@code on}: the table of {@code DROP TRIGGER / POLICY / RULE name ON table}, else null.
     */
    record DropObject(String kind, List<QualifiedName> names, boolean ifExists, boolean cascade, QualifiedName on)
            implements Change {
        public DropObject(String kind, List<QualifiedName> names, boolean ifExists, boolean cascade) {
            this(kind, names, ifExists, cascade, null);
        }

        @Override
        public QualifiedName target() {
            return names.isEmpty() ? null : names.get(0);
        }
    }

    record Truncate(List<QualifiedName> tables, boolean cascade) implements Change {
        @Override
        public QualifiedName target() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    record Delete(QualifiedName target, boolean hasWhere) implements Change {
    }

    record Update(QualifiedName target, boolean hasWhere, List<String> columns) implements Change {
    }

    record Insert(QualifiedName target, boolean fromQuery) implements Change {
    }

    /** @param mode the lock mode as written, upper-case ("ACCESS EXCLUSIVE" when none was written) */
    record LockTable(List<QualifiedName> tables, String mode) implements Change {
        @Override
        public QualifiedName target() {
            return tables.isEmpty() ? null : tables.get(0);
        }
    }

    // ---- schemas, types, domains, triggers, views --------------------------------------------------------------

    record RenameSchema(QualifiedName target, String newName) implements Change {
    }

    record CreateEnum(QualifiedName target, List<String> labels) implements Change {
    }

    /** @param position "BEFORE 'x'" / "AFTER 'x'" as written, or null */
    record AddEnumValue(QualifiedName target, String value, boolean ifNotExists, String position) implements Change {
    }

    record RenameEnumValue(QualifiedName target, String from, String to) implements Change {
    }

    record CreateDomain(QualifiedName target, boolean hasCheck) implements Change {
    }

    record AlterDomainAddConstraint(QualifiedName target, boolean notValid) implements Change {
    }

    /** {@code ALTER DOMAIN d VALIDATE CONSTRAINT name}: checks every column of the domain. */
    record AlterDomainValidateConstraint(QualifiedName target, String name) implements Change {
    }

    record CreateTrigger(QualifiedName name, QualifiedName target) implements Change {
    }

    record CreateView(QualifiedName target, boolean materialized) implements Change {
    }

    // ---- session and transaction control ---------------------------------------------------------------------

    /** {@code SET [LOCAL] name = value}; {@code RESET name} has a null value. */
    record SetVariable(String name, String value, boolean local) implements Change {
        @Override
        public QualifiedName target() {
            return null;
        }
    }

    record Transaction(Kind kind) implements Change {
        public enum Kind { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, ROLLBACK_TO, PREPARE }

        @Override
        public QualifiedName target() {
            return null;
        }
    }

    /**
     * A {@code DO} block. The changes found in its {@code EXECUTE} strings follow it in the statement's change list.
     *
     * @param loop the block loops (FOR/WHILE/LOOP), so its dynamic statements may run many times
     */
    record DoBlock(boolean loop, int executes) implements Change {
        @Override
        public QualifiedName target() {
            return null;
        }
    }

    /** Understood and not schema-relevant for the rules (SELECT, COMMENT, GRANT, CREATE FUNCTION, ...). */
    record Other(String keyword, QualifiedName target) implements Change {
    }

    /** Not understood by either reader. Token-level rules still look at the statement. */
    record Unparsed(String reason) implements Change {
        @Override
        public QualifiedName target() {
            return null;
        }
    }
}
