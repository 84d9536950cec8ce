package io.schemapilot.catalog;

import io.schemapilot.catalog.CatalogSnapshot.Column;
import io.schemapilot.catalog.CatalogSnapshot.Constraint;
import io.schemapilot.catalog.CatalogSnapshot.EnumType;
import io.schemapilot.catalog.CatalogSnapshot.Index;
import io.schemapilot.catalog.CatalogSnapshot.Sequence;
import io.schemapilot.catalog.CatalogSnapshot.Table;
import io.schemapilot.catalog.CatalogSnapshot.Trigger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What differs between two catalog snapshots: schemas, tables and views, columns, constraints, indexes, triggers,
 * enums and sequences that were added, removed or changed, each with a readable description; for views and
 * materialized views also their query ({@code pg_get_viewdef}, compared without regard to layout), for partitioned
 * tables their partition key and for partitions their bound. Identity is by name;
 * OIDs, sizes, row estimates, settings and the server version are ignored, so a rehearsal can ask "did the down
 * migration restore the schema exactly?" with {@code diff(before, afterDown).isEmpty()}.
 */
public final class CatalogDiff {

    public enum Change { ADDED, REMOVED, CHANGED }

    /**
     * One difference.
     *
     * @param objectType  schema, table, view, materialized view, foreign table, column, constraint, index, trigger,
     *                    enum, sequence
     * @param object      the object's qualified name, e.g. {@code public.users.email}
     * @param description one readable sentence, e.g. {@code column public.users.email: type changed from
     *                    character varying(20) to text}
     */
    public record Difference(Change change, String objectType, String object, String description) {
        @Override
        public String toString() {
            return description;
        }
    }

    private final List<Difference> out = new ArrayList<>();

    private CatalogDiff() {
    }

    /** The differences from {@code a} (before) to {@code b} (after); empty when the schemas are the same. */
    public static List<Difference> diff(CatalogSnapshot a, CatalogSnapshot b) {
        CatalogDiff d = new CatalogDiff();
        d.schemas(a.schemas(), b.schemas());
        d.tables(a.tables(), b.tables());
        d.enums(a.enums(), b.enums());
        d.sequences(a.sequences(), b.sequences());
        return List.copyOf(d.out);
    }

    /** Whether the two snapshots describe the same schema (ignoring sizes, estimates and OIDs). */
    public static boolean same(CatalogSnapshot a, CatalogSnapshot b) {
        return diff(a, b).isEmpty();
    }

    private void schemas(List<String> a, List<String> b) {
        for (String s : a) {
            if (!b.contains(s)) {
                add(Change.REMOVED, "schema", s, "schema " + s + " removed");
            }
        }
        for (String s : b) {
            if (!a.contains(s)) {
                add(Change.ADDED, "schema", s, "schema " + s + " added");
            }
        }
    }

    private void tables(List<Table> a, List<Table> b) {
        Map<String, Table> before = byName(a, t -> t.schema() + "." + t.name());
        Map<String, Table> after = byName(b, t -> t.schema() + "." + t.name());
        for (Map.Entry<String, Table> e : before.entrySet()) {
            Table t = e.getValue();
            if (!after.containsKey(e.getKey())) {
                add(Change.REMOVED, kindName(t.kind()), e.getKey(), kindName(t.kind()) + " " + e.getKey() + " removed");
            }
        }
        for (Map.Entry<String, Table> e : after.entrySet()) {
            Table t = e.getValue();
            Table old = before.get(e.getKey());
            if (old == null) {
                add(Change.ADDED, kindName(t.kind()), e.getKey(), kindName(t.kind()) + " " + e.getKey() + " added");
            } else {
                table(e.getKey(), old, t);
            }
        }
    }

    private void table(String name, Table a, Table b) {
        String what = kindName(b.kind());
        if (a.kind() != b.kind()) {
            changed(what, name, what + " " + name + ": kind changed from " + kindName(a.kind()) + " to " + what);
        }
        if (a.unlogged() != b.unlogged()) {
            changed(what, name, what + " " + name + ": " + (b.unlogged() ? "became UNLOGGED" : "became LOGGED"));
        }
        if (!Objects.equals(a.partitionOf(), b.partitionOf())) {
            changed(what, name, what + " " + name + ": " + (b.partitionOf() == null
                    ? "no longer a partition of " + a.partitionOf()
                    : a.partitionOf() == null ? "became a partition of " + b.partitionOf()
                    : "partition of " + a.partitionOf() + " changed to " + b.partitionOf()));
        }
        if (a.kind() == b.kind() && a.isView() && a.definition() != null && b.definition() != null
                && !normalised(a.definition()).equals(normalised(b.definition()))) {
            changed(what, name, what + " " + name + ": definition changed from " + shown(a.definition()) + " to "
                    + shown(b.definition()));
        }
        if (a.partitioned() && b.partitioned() && a.partitionKey() != null && b.partitionKey() != null
                && !normalised(a.partitionKey()).equals(normalised(b.partitionKey()))) {
            changed(what, name, what + " " + name + ": partition key changed from PARTITION BY " + a.partitionKey()
                    + " to PARTITION BY " + b.partitionKey());
        }
        if (a.partitionOf() != null && b.partitionOf() != null && a.partitionBound() != null
                && b.partitionBound() != null
                && !normalised(a.partitionBound()).equals(normalised(b.partitionBound()))) {
            changed(what, name, what + " " + name + ": partition bound changed from " + a.partitionBound() + " to "
                    + b.partitionBound());
        }
        columns(name, a.columns(), b.columns());
        constraints(name, a.constraints(), b.constraints());
        indexes(name, a.indexes(), b.indexes());
        triggers(name, a.triggers(), b.triggers());
    }

    private void columns(String table, List<Column> a, List<Column> b) {
        Map<String, Column> before = byName(a, Column::name);
        Map<String, Column> after = byName(b, Column::name);
        for (Column c : a) {
            if (!after.containsKey(c.name())) {
                String q = table + "." + c.name();
                add(Change.REMOVED, "column", q, "column " + q + " (" + c.type() + ") removed");
            }
        }
        for (Column c : b) {
            String q = table + "." + c.name();
            Column old = before.get(c.name());
            if (old == null) {
                add(Change.ADDED, "column", q, "column " + q + " (" + c.type() + (c.notNull() ? " NOT NULL" : "")
                        + ") added");
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (!old.type().equals(c.type())) {
                parts.add("type changed from " + old.type() + " to " + c.type());
            }
            if (old.notNull() != c.notNull()) {
                parts.add(c.notNull() ? "became NOT NULL" : "became nullable");
            }
            if (!Objects.equals(old.defaultExpr(), c.defaultExpr()) && !(c.isGenerated() || old.isGenerated())) {
                parts.add(c.defaultExpr() == null ? "default " + old.defaultExpr() + " dropped"
                        : old.defaultExpr() == null ? "default " + c.defaultExpr() + " added"
                        : "default changed from " + old.defaultExpr() + " to " + c.defaultExpr());
            }
            if (old.identity() != c.identity()) {
                parts.add("identity changed from " + identity(old.identity()) + " to " + identity(c.identity()));
            }
            if (old.generated() != c.generated() || (c.isGenerated()
                    && !Objects.equals(old.defaultExpr(), c.defaultExpr()))) {
                parts.add("generation changed from " + generated(old) + " to " + generated(c));
            }
            if (!parts.isEmpty()) {
                changed("column", q, "column " + q + ": " + String.join(", ", parts));
            }
        }
        // a column dropped and added back lands at the end: the schema is not quite the same
        List<String> orderBefore = a.stream().map(Column::name).filter(after::containsKey).toList();
        List<String> orderAfter = b.stream().map(Column::name).filter(before::containsKey).toList();
        if (!orderBefore.equals(orderAfter)) {
            changed("table", table, "table " + table + ": column order changed from (" + String.join(", ", orderBefore)
                    + ") to (" + String.join(", ", orderAfter) + ")");
        }
    }

    private void constraints(String table, List<Constraint> a, List<Constraint> b) {
        Map<String, Constraint> before = byName(a, Constraint::name);
        Map<String, Constraint> after = byName(b, Constraint::name);
        for (Constraint c : a) {
            if (!after.containsKey(c.name())) {
                add(Change.REMOVED, "constraint", table + "." + c.name(),
                        "constraint " + c.name() + " on " + table + " removed: " + c.definition());
            }
        }
        for (Constraint c : b) {
            Constraint old = before.get(c.name());
            String q = table + "." + c.name();
            if (old == null) {
                add(Change.ADDED, "constraint", q, "constraint " + c.name() + " on " + table + " added: "
                        + c.definition());
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (!Objects.equals(stripNotValid(old.definition()), stripNotValid(c.definition()))
                    || old.type() != c.type()) {
                parts.add("definition changed from " + old.definition() + " to " + c.definition());
            }
            if (old.validated() != c.validated()) {
                parts.add(c.validated() ? "became validated" : "became NOT VALID");
            }
            if (!parts.isEmpty()) {
                changed("constraint", q, "constraint " + c.name() + " on " + table + ": " + String.join(", ", parts));
            }
        }
    }

    private void indexes(String table, List<Index> a, List<Index> b) {
        Map<String, Index> before = byName(a, Index::name);
        Map<String, Index> after = byName(b, Index::name);
        for (Index i : a) {
            if (!after.containsKey(i.name())) {
                add(Change.REMOVED, "index", table + "." + i.name(),
                        "index " + i.name() + " on " + table + " removed: " + i.definition());
            }
        }
        for (Index i : b) {
            Index old = before.get(i.name());
            String q = table + "." + i.name();
            if (old == null) {
                add(Change.ADDED, "index", q, "index " + i.name() + " on " + table + " added: " + i.definition());
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (!Objects.equals(old.definition(), i.definition())) {
                parts.add("definition changed from " + old.definition() + " to " + i.definition());
            }
            if (old.valid() != i.valid()) {
                parts.add(i.valid() ? "became valid" : "became INVALID");
            }
            if (old.primary() != i.primary()) {
                parts.add(i.primary() ? "became the primary key index" : "no longer the primary key index");
            }
            if (!parts.isEmpty()) {
                changed("index", q, "index " + i.name() + " on " + table + ": " + String.join(", ", parts));
            }
        }
    }

    private void triggers(String table, List<Trigger> a, List<Trigger> b) {
        Map<String, Trigger> before = byName(a, Trigger::name);
        Map<String, Trigger> after = byName(b, Trigger::name);
        for (Trigger t : a) {
            if (!after.containsKey(t.name())) {
                add(Change.REMOVED, "trigger", table + "." + t.name(), "trigger " + t.name() + " on " + table
                        + " removed");
            }
        }
        for (Trigger t : b) {
            Trigger old = before.get(t.name());
            String q = table + "." + t.name();
            if (old == null) {
                add(Change.ADDED, "trigger", q, "trigger " + t.name() + " on " + table + " added");
            } else if (!Objects.equals(old.definition(), t.definition())) {
                changed("trigger", q, "trigger " + t.name() + " on " + table + ": definition changed from "
                        + old.definition() + " to " + t.definition());
            } else if (old.enabled() != t.enabled()) {
                changed("trigger", q, "trigger " + t.name() + " on " + table + ": "
                        + (t.enabled() ? "enabled" : "disabled"));
            }
        }
    }

    private void enums(List<EnumType> a, List<EnumType> b) {
        Map<String, EnumType> before = byName(a, e -> e.schema() + "." + e.name());
        Map<String, EnumType> after = byName(b, e -> e.schema() + "." + e.name());
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                add(Change.REMOVED, "enum", name, "enum " + name + " removed");
            }
        }
        for (Map.Entry<String, EnumType> e : after.entrySet()) {
            EnumType old = before.get(e.getKey());
            List<String> labels = e.getValue().labels();
            if (old == null) {
                add(Change.ADDED, "enum", e.getKey(), "enum " + e.getKey() + " added with labels " + labels);
                continue;
            }
            if (old.labels().equals(labels)) {
                continue;
            }
            List<String> parts = new ArrayList<>();
            List<String> added = labels.stream().filter(l -> !old.labels().contains(l)).toList();
            List<String> removed = old.labels().stream().filter(l -> !labels.contains(l)).toList();
            if (!added.isEmpty()) {
                parts.add("labels added " + added);
            }
            if (!removed.isEmpty()) {
                parts.add("labels removed " + removed);
            }
            if (added.isEmpty() && removed.isEmpty()) {
                parts.add("label order changed");
            }
            changed("enum", e.getKey(), "enum " + e.getKey() + ": " + String.join(", ", parts) + " (" + old.labels()
                    + " -> " + labels + ")");
        }
    }

    private void sequences(List<Sequence> a, List<Sequence> b) {
        Map<String, Sequence> before = byName(a, s -> s.schema() + "." + s.name());
        Map<String, Sequence> after = byName(b, s -> s.schema() + "." + s.name());
        for (String name : before.keySet()) {
            if (!after.containsKey(name)) {
                add(Change.REMOVED, "sequence", name, "sequence " + name + " removed");
            }
        }
        for (Map.Entry<String, Sequence> e : after.entrySet()) {
            Sequence old = before.get(e.getKey());
            Sequence s = e.getValue();
            if (old == null) {
                add(Change.ADDED, "sequence", e.getKey(), "sequence " + e.getKey() + " added");
                continue;
            }
            List<String> parts = new ArrayList<>();
            if (!Objects.equals(old.dataType(), s.dataType())) {
                parts.add("type changed from " + old.dataType() + " to " + s.dataType());
            }
            if (!Objects.equals(old.ownedBy(), s.ownedBy())) {
                parts.add("owner column changed from " + (old.ownedBy() == null ? "none" : old.ownedBy()) + " to "
                        + (s.ownedBy() == null ? "none" : s.ownedBy()));
            }
            if (!parts.isEmpty()) {
                changed("sequence", e.getKey(), "sequence " + e.getKey() + ": " + String.join(", ", parts));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    private void add(Change change, String type, String object, String description) {
        out.add(new Difference(change, type, object, description));
    }

    private void changed(String type, String object, String description) {
        add(Change.CHANGED, type, object, description);
    }

    private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            m.putIfAbsent(name.apply(t), t);
        }
        return m;
    }

    /**
     * A definition as compared: {@code pg_get_viewdef} / {@code pg_get_partkeydef} / {@code pg_get_expr} text with runs
     * of white space (outside quotes) made one space, no space inside parentheses, and no final semicolon, so that
     * only a different query or clause counts, not its layout.
     */
    static String normalised(String def) {
        StringBuilder sb = new StringBuilder(def.length());
        char quote = 0;
        boolean space = false;
        for (int i = 0; i < def.length(); i++) {
            char ch = def.charAt(i);
            if (quote != 0) {
                sb.append(ch);
                if (ch == quote) {
                    quote = 0;
                }
                continue;
            }
            if (Character.isWhitespace(ch)) {
                space = true;
                continue;
            }
            if (space && sb.length() > 0 && sb.charAt(sb.length() - 1) != '(' && ch != ')') {
                sb.append(' ');
            }
            space = false;
            if (ch == '\'' || ch == '"') {
                quote = ch;
            }
            sb.append(ch);
        }
        String s = sb.toString();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).stripTrailing();
        }
        return s;
    }

    /** A definition on one line, shortened when very long. */
    private static String shown(String def) {
        String s = normalised(def);
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    private static String stripNotValid(String def) {
        if (def == null) {
            return null;
        }
        return def.endsWith(" NOT VALID") ? def.substring(0, def.length() - " NOT VALID".length()) : def;
    }

    static String kindName(char kind) {
        return switch (kind) {
            case 'v' -> "view";
            case 'm' -> "materialized view";
            case 'f' -> "foreign table";
            case 'p' -> "partitioned table";
            default -> "table";
        };
    }

    private static String identity(char c) {
        return c == 'a' ? "GENERATED ALWAYS AS IDENTITY" : c == 'd' ? "GENERATED BY DEFAULT AS IDENTITY" : "none";
    }

    private static String generated(Column c) {
        return c.isGenerated() ? "GENERATED ALWAYS AS (" + c.defaultExpr() + ") " + (c.generated() == 's' ? "STORED"
                : "VIRTUAL") : "none";
    }
}
