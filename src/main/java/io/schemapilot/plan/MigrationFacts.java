package io.schemapilot.plan;

import io.schemapilot.sql.Change;
import io.schemapilot.sql.QualifiedName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the statements before the current one created: new objects are empty, so they need no recipe. */
public final class MigrationFacts {
    private final Set<String> tables = new HashSet<>();
    private final Map<String, Change.CreateTable> createdTables = new LinkedHashMap<>();
    private final Map<String, List<String>> enums = new LinkedHashMap<>();
    /** Constraints added by an earlier statement: "schema.table.name" to how to add them again. */
    private final Map<String, AddedConstraint> constraints = new LinkedHashMap<>();

    /** A constraint added in this migration: the statement that added it, and whether it was validated since. */
    private record AddedConstraint(QualifiedName table, String name, String statement, boolean validatedLater) {
    }

    static String key(QualifiedName q) {
        return q.schemaOr("public") + "." + q.name();
    }

    public boolean createdTable(QualifiedName q) {
        return q != null && tables.contains(key(q));
    }

    /** The CREATE TABLE statements of the migration, in order. */
    public List<Change.CreateTable> createdTables() {
        return new ArrayList<>(createdTables.values());
    }

    /** Labels of an enum created in this migration (with labels added later), or null. */
    public List<String> enumLabels(QualifiedName q) {
        return q == null ? null : enums.get(key(q));
    }

    /**
     * SQL that adds a constraint of this migration again as it stands now (the statement that added it, then its
     * VALIDATE when it was added NOT VALID and validated since), or null when no earlier statement added it.
     */
    public String readdConstraint(QualifiedName table, String name) {
        AddedConstraint a = table == null || name == null ? null : constraints.get(key(table) + "." + name);
        if (a == null) {
            return null;
        }
        String add = a.statement().strip().replaceAll(";+$", "").strip() + ";";
        return a.validatedLater() ? add + "\nALTER TABLE " + Sql.name(a.table()) + " VALIDATE CONSTRAINT "
                + Sql.ident(a.name()) + ";" : add;
    }

    /** Records what {@code sql} (one statement, whose changes are {@code changes}) created. */
    void apply(String sql, List<Change> changes) {
        for (Change c : changes) {
            apply(c);
        }
        if (changes.size() == 1 && changes.get(0) instanceof Change.AddConstraint ac) {
            String name = RawSteps.constraintName(ac);
            if (name != null && ac.constraint().usingIndex() == null) {
                constraints.put(key(ac.target()) + "." + name, new AddedConstraint(ac.target(), name, sql, false));
            }
        }
        for (Change c : changes) {
            if (c instanceof Change.ValidateConstraint v) {
                constraints.computeIfPresent(key(v.target()) + "." + v.name(), (k, a) -> new AddedConstraint(
                        a.table(), a.name(), a.statement(), true));
            } else if (c instanceof Change.DropConstraint d) {
                constraints.remove(key(d.target()) + "." + d.name());
            } else if (c instanceof Change.DropTable || c instanceof Change.RenameTable
                    || c instanceof Change.RenameColumn) {
                constraints.keySet().removeIf(k -> k.startsWith(key(c.target()) + ".")); // its SQL no longer fits
            }
        }
    }

    void apply(Change c) {
        if (c instanceof Change.CreateTable ct && !ct.temporary()) {
            tables.add(key(ct.target()));
            createdTables.put(key(ct.target()), ct);
        } else if (c instanceof Change.CreateEnum ce) {
            enums.put(key(ce.target()), new ArrayList<>(ce.labels()));
        } else if (c instanceof Change.AddEnumValue av && enums.containsKey(key(av.target()))) {
            enums.get(key(av.target())).add(av.value());
        } else if (c instanceof Change.RenameTable rt && tables.remove(key(rt.target()))) {
            tables.add(key(new QualifiedName(rt.target().schema(), rt.newName())));
        } else if (c instanceof Change.DropTable dt) {
            for (QualifiedName n : dt.names()) {
                tables.remove(key(n));
                createdTables.remove(key(n));
            }
        }
    }
}
