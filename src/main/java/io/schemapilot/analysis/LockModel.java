package io.schemapilot.analysis;

import io.schemapilot.report.LockMode;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.List;

/**
 * Which table locks a change takes, per the PostgreSQL documentation of each command. The static rules and the
 * rehearsal's lock tracer describe locks with the same {@link LockMode}s.
 */
public final class LockModel {

    /** ALTER TABLE forms that simply take ACCESS EXCLUSIVE on their table. */
    private static final java.util.Set<Class<? extends Change>> ACCESS_EXCLUSIVE_ALTERS = java.util.Set.of(
            Change.DropColumn.class, Change.AlterColumnType.class, Change.SetNotNull.class, Change.DropNotNull.class,
            Change.SetDefault.class, Change.DropConstraint.class, Change.RenameColumn.class, Change.RenameTable.class,
            Change.SetStorage.class);

    /**
     * Statements read as {@link Change.Other} with their table as target that take ACCESS EXCLUSIVE on it (checked
     * in pg_locks on PostgreSQL 15).
     */
    private static final java.util.Set<String> ACCESS_EXCLUSIVE_OTHERS = java.util.Set.of("rename constraint",
            "create policy", "alter policy", "create rule", "alter trigger");

    private LockModel() {
    }

    /** The locks {@code change} takes on tables (first the main table). Empty when it takes none worth naming. */
    public static List<TableLock> locks(Change change, int statement, AnalysisContext ctx) {
        List<TableLock> out = new ArrayList<>();
        QualifiedName t = change.target();
        if (change instanceof Change.CreateTable c) {
            for (ConstraintDef k : c.constraints()) {
                addRef(out, k, statement);
            }
            for (io.schemapilot.sql.ColumnDef col : c.columns()) {
                for (ConstraintDef k : col.constraints()) {
                    addRef(out, k, statement);
                }
            }
        } else if (change instanceof Change.AddColumn c) {
            out.add(new TableLock(t, LockMode.ACCESS_EXCLUSIVE, statement));
            for (ConstraintDef k : c.column().constraints()) {
                addRef(out, k, statement);
            }
        } else if (change instanceof Change.AddConstraint c) {
            if (c.constraint().kind() == ConstraintDef.Kind.FOREIGN_KEY) {
                out.add(new TableLock(t, LockMode.SHARE_ROW_EXCLUSIVE, statement));
                addRef(out, c.constraint(), statement);
            } else {
                out.add(new TableLock(t, LockMode.ACCESS_EXCLUSIVE, statement));
            }
        } else if (change instanceof Change.ValidateConstraint c) {
            out.add(new TableLock(t, LockMode.SHARE_UPDATE_EXCLUSIVE, statement));
        } else if (change instanceof Change.AttachPartition c) {
            out.add(new TableLock(t, ctx.pgVersion().atLeast(12) ? LockMode.SHARE_UPDATE_EXCLUSIVE
                    : LockMode.ACCESS_EXCLUSIVE, statement));
            out.add(new TableLock(c.partition(), LockMode.ACCESS_EXCLUSIVE, statement));
        } else if (change instanceof Change.DetachPartition c) {
            LockMode m = c.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
            out.add(new TableLock(t, m, statement));
            out.add(new TableLock(c.partition(), LockMode.ACCESS_EXCLUSIVE, statement));
        } else if (ACCESS_EXCLUSIVE_ALTERS.contains(change.getClass())) {
            out.add(new TableLock(t, LockMode.ACCESS_EXCLUSIVE, statement));
        } else if (change instanceof Change.OtherTableAction c) {
            out.add(new TableLock(t, otherActionLock(c.action()), statement));
        } else if (change instanceof Change.CreateIndex c) {
            out.add(new TableLock(t,
            c.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE, statement));
        } else if (change instanceof Change.DropIndex c) {
            LockMode m = c.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE;
            for (QualifiedName idx : c.names()) {
                out.add(new TableLock(ctx.tableOfIndex(idx), m, statement));
            }
        } else if (change instanceof Change.Reindex c) {
            if (c.kind().equals("INDEX")) {
                out.add(new TableLock(ctx.tableOfIndex(t), c.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE
                        : LockMode.SHARE, statement));
            } else if (c.kind().equals("TABLE")) {
                out.add(new TableLock(t, c.concurrently() ? LockMode.SHARE_UPDATE_EXCLUSIVE : LockMode.SHARE,
                statement));
            }
        } else if (change instanceof Change.Vacuum c) {
            for (QualifiedName q : c.tables()) {
                out.add(new TableLock(q, c.full() ? LockMode.ACCESS_EXCLUSIVE : LockMode.SHARE_UPDATE_EXCLUSIVE,
                statement));
            }
        } else if (change instanceof Change.Cluster c) {
            if (t != null) {
                out.add(new TableLock(t, LockMode.ACCESS_EXCLUSIVE, statement));
            }
        } else if (change instanceof Change.RefreshMatView c) {
            out.add(new TableLock(t,
            c.concurrently() ? LockMode.EXCLUSIVE : LockMode.ACCESS_EXCLUSIVE, statement));
        } else if (change instanceof Change.DropTable c) {
            c.names().forEach(q -> out.add(new TableLock(q, LockMode.ACCESS_EXCLUSIVE, statement)));
        } else if (change instanceof Change.Truncate c) {
            c.tables().forEach(q -> out.add(new TableLock(q, LockMode.ACCESS_EXCLUSIVE, statement)));
        } else if (change instanceof Change.Delete c) {
            out.add(new TableLock(t, LockMode.ROW_EXCLUSIVE, statement));
        } else if (change instanceof Change.Update c) {
            out.add(new TableLock(t, LockMode.ROW_EXCLUSIVE, statement));
        } else if (change instanceof Change.Insert c) {
            out.add(new TableLock(t, LockMode.ROW_EXCLUSIVE, statement));
        } else if (change instanceof Change.LockTable c) {
            LockMode m = parseMode(c.mode());
            c.tables().forEach(q -> out.add(new TableLock(q, m, statement)));
        } else if (change instanceof Change.CreateTrigger c) {
            out.add(new TableLock(t, LockMode.SHARE_ROW_EXCLUSIVE, statement));
        } else if (change instanceof Change.DropObject c) {
            if (c.kind().equals("VIEW") || c.kind().equals("MATERIALIZED VIEW")) {
                c.names().forEach(q -> out.add(new TableLock(q, LockMode.ACCESS_EXCLUSIVE, statement)));
            } else if (c.on() != null) {
                // DROP TRIGGER / POLICY / RULE name ON table
                out.add(new TableLock(c.on(), LockMode.ACCESS_EXCLUSIVE, statement));
            }
        } else if (change instanceof Change.Other c && t != null && ACCESS_EXCLUSIVE_OTHERS.contains(c.keyword())) {
            out.add(new TableLock(t, LockMode.ACCESS_EXCLUSIVE, statement));
        }
        out.removeIf(l -> l.table() == null);
        return out;
    }

    /** The strongest lock among {@code locks}, or null. */
    public static LockMode strongest(List<TableLock> locks) {
        LockMode best = null;
        for (TableLock l : locks) {
            if (best == null || l.mode().compareTo(best) > 0) {
                best = l.mode();
            }
        }
        return best;
    }

    private static void addRef(List<TableLock> out, ConstraintDef k, int statement) {
        if (k.kind() == ConstraintDef.Kind.FOREIGN_KEY && k.refTable() != null) {
            out.add(new TableLock(k.refTable(), LockMode.SHARE_ROW_EXCLUSIVE, statement));
        }
    }

    private static LockMode parseMode(String mode) {
        try {
            return LockMode.parse(mode);
        } catch (IllegalArgumentException e) {
            return LockMode.ACCESS_EXCLUSIVE;
        }
    }

    /** ALTER TABLE sub-commands that take less than ACCESS EXCLUSIVE (documented per sub-command). */
    private static LockMode otherActionLock(String action) {
        String a = action.toUpperCase(java.util.Locale.ROOT);
        if (a.startsWith("SET STATISTICS") || a.contains(" SET STATISTICS") || a.startsWith("CLUSTER ON")
                || a.startsWith("SET WITHOUT CLUSTER") || a.startsWith("SET (") || a.startsWith("RESET (")
                || a.contains("SET N_DISTINCT") || a.startsWith("VALIDATE")
                || a.startsWith("ALTER COLUMN") && (a.contains(" SET (") || a.contains(" RESET ("))) {
            return LockMode.SHARE_UPDATE_EXCLUSIVE;
        }
        if (a.startsWith("ENABLE TRIGGER") || a.startsWith("DISABLE TRIGGER") || a.startsWith("ENABLE ALWAYS TRIGGER")
                || a.startsWith("ENABLE REPLICA TRIGGER")) {
            return LockMode.SHARE_ROW_EXCLUSIVE;
        }
        return LockMode.ACCESS_EXCLUSIVE;
    }
}
