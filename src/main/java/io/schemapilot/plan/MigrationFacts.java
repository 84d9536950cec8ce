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
