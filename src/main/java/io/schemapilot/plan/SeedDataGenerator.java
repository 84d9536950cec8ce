package io.schemapilot.plan;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ColumnDef;
import io.schemapilot.sql.ConstraintDef;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Example rows for a table the migration creates: values chosen from the column's name and type, within its
 * simple CHECK constraints ({@code IN (...)}, comparisons, {@code BETWEEN}, {@code length(...) <= n}), distinct for
 * unique columns, enum labels for enum columns, and an existing row of the referenced table for foreign keys.
 * Columns with a default, identity or generated columns are left to the database.
 */
public final class SeedDataGenerator {
    private static final String[] FIRST = {"Alice", "Bob", "Carol", "Dave", "Erin"};
    private static final String[] LAST = {"Smith", "Jones", "Brown", "Garcia", "Miller"};
    private static final String[] CITY = {"Lisbon", "Oslo", "Austin", "Kyoto", "Lyon"};

    private final MigrationFacts facts;
    private final CatalogSnapshot catalog;

    public SeedDataGenerator(MigrationFacts facts, CatalogSnapshot catalog) {
        this.facts = facts;
        this.catalog = catalog;
    }

    public MigrationPlan.SeedData generate(Change.CreateTable ct, int rows) {
        List<String> columns = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<ColumnDef> used = new ArrayList<>();
        for (ColumnDef c : ct.columns()) {
            if (c.generated() != ColumnDef.Generated.NONE || c.type().isSerial()
                    || (c.hasDefault() && !isUnique(ct, c) && refOf(ct, c) == null)) {
                continue;
            }
            used.add(c);
            columns.add(Sql.ident(c.name()));
        }
        for (int i = 1; i <= rows; i++) {
            List<String> row = new ArrayList<>();
            for (ColumnDef c : used) {
                row.add(value(ct, c, i, notes));
            }
            values.add(row);
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + Sql.name(ct.target()));
        if (columns.isEmpty()) {
            sql.append(" DEFAULT VALUES;");
        } else {
            sql.append(" (").append(String.join(", ", columns)).append(")\nVALUES");
            for (int i = 0; i < values.size(); i++) {
                sql.append(i == 0 ? "\n  (" : ",\n  (").append(String.join(", ", values.get(i))).append(')');
            }
            sql.append(';');
        }
        String note = notes.isEmpty() ? null : String.join(" ", notes);
        return new MigrationPlan.SeedData(ct.target().qualified(), columns, values, sql.toString(), note);
    }

    private static boolean isUnique(Change.CreateTable ct, ColumnDef c) {
        if (c.has(ConstraintDef.Kind.UNIQUE) || c.has(ConstraintDef.Kind.PRIMARY_KEY)) {
            return true;
        }
        for (ConstraintDef k : ct.constraints()) {
            if ((k.kind() == ConstraintDef.Kind.UNIQUE || k.kind() == ConstraintDef.Kind.PRIMARY_KEY)
                    && k.columns().contains(c.name())) {
                return true;
            }
        }
        return false;
    }

    private static ConstraintDef refOf(Change.CreateTable ct, ColumnDef c) {
        for (ConstraintDef k : c.constraints()) {
            if (k.kind() == ConstraintDef.Kind.FOREIGN_KEY) {
                return k;
            }
        }
        for (ConstraintDef k : ct.constraints()) {
            if (k.kind() == ConstraintDef.Kind.FOREIGN_KEY && k.columns().size() == 1
                    && k.columns().get(0).equals(c.name())) {
                return k;
            }
        }
        return null;
    }

    private List<String> checks(Change.CreateTable ct, ColumnDef c) {
        List<String> out = new ArrayList<>();
        for (ConstraintDef k : c.constraints()) {
            if (k.kind() == ConstraintDef.Kind.CHECK && k.expression() != null) {
                out.add(k.expression());
            }
        }
        for (ConstraintDef k : ct.constraints()) {
            if (k.kind() == ConstraintDef.Kind.CHECK && k.expression() != null && mentions(k.expression(), c.name())) {
                out.add(k.expression());
            }
        }
        return out;
    }

    private static boolean mentions(String expr, String column) {
        for (Token t : Sql.tokens(expr)) {
            if (t.isIdentifier() && t.value().equals(column)) {
                return true;
            }
        }
        return false;
    }

    private String value(Change.CreateTable ct, ColumnDef c, int i, List<String> notes) {
        ConstraintDef ref = refOf(ct, c);
        if (ref != null && ref.refTable() != null) {
            String refCol = ref.refColumns().isEmpty() ? "id" : ref.refColumns().get(ref.columns().indexOf(c.name())
                    < 0 ? 0 : Math.max(0, ref.columns().indexOf(c.name())));
            return "(SELECT " + Sql.ident(refCol) + " FROM " + Sql.name(ref.refTable()) + " ORDER BY "
                    + Sql.ident(refCol) + " LIMIT 1 OFFSET " + (i - 1) + " % greatest((SELECT count(*) FROM "
                    + Sql.name(ref.refTable()) + "), 1))";
        }
        List<String> labels = enumLabels(c);
        if (labels != null && !labels.isEmpty()) {
            return Sql.lit(labels.get((i - 1) % labels.size())) + "::" + c.type().written();
        }
        List<String> checks = checks(ct, c);
        for (String check : checks) {
            List<String> allowed = allowedValues(check, c.name());
            if (!allowed.isEmpty()) {
                return allowed.get((i - 1) % allowed.size());
            }
        }
        String v = byType(c, i);
        if (v == null) {
            notes.add("No example value for " + c.name() + " (" + c.type().written() + "): NULL used, replace it.");
            return "NULL";
        }
        for (String check : checks) {
            v = withinBounds(check, c.name(), v);
        }
        return v;
    }

    private List<String> enumLabels(ColumnDef c) {
        if (c.type().array()) {
            return null;
        }
        QualifiedName type = QualifiedName.of(c.type().name());
        List<String> labels = facts.enumLabels(type);
        if (labels != null) {
            return labels;
        }
        if (catalog != null) {
            return catalog.enumType(type).map(CatalogSnapshot.EnumType::labels).orElse(null);
        }
        return null;
    }

    private static final Pattern IN_LIST = Pattern.compile("(?is)^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s+in\\s*\\((.*)\\)\\s*\\)*$");
    private static final Pattern ANY_ARRAY = Pattern.compile(
            "(?is)^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*=\\s*any\\s*\\(\\s*array\\s*\\[(.*)\\]\\s*\\)\\s*\\)*$");

    /** {@code col IN ('a', 'b')} / {@code col = ANY (ARRAY['a', 'b'])}: the literals. */
    static List<String> allowedValues(String check, String column) {
        for (Pattern p : List.of(IN_LIST, ANY_ARRAY)) {
            Matcher m = p.matcher(check.strip());
            if (m.matches() && m.group(1).equalsIgnoreCase(column)) {
                List<String> out = new ArrayList<>();
                for (String part : Sql.splitTopLevel(m.group(2))) {
                    out.add(part.replaceAll("::[a-z ]+$", "").strip());
                }
                return out;
            }
        }
        return List.of();
    }

    private static final Pattern COMPARE = Pattern.compile(
            "(?is)^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?)\\s*\\)*$");
    private static final Pattern BETWEEN = Pattern.compile(
            "(?is)^\\(*\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s+between\\s+(-?[0-9.]+)\\s+and\\s+(-?[0-9.]+)\\s*\\)*$");
    private static final Pattern LENGTH = Pattern.compile(
            "(?is)^\\(*\\s*(?:char_)?length\\s*\\(\\s*\"?([A-Za-z_][A-Za-z0-9_$]*)\"?\\s*\\)\\s*(<=|<)\\s*([0-9]+)\\s*\\)*$");

    /** Moves a numeric value into simple bounds, or shortens a string to a length limit. */
    static String withinBounds(String check, String column, String value) {
        String e = check.strip();
        Matcher m = COMPARE.matcher(e);
        if (m.matches() && m.group(1).equalsIgnoreCase(column) && isNumber(value)) {
            BigDecimal v = new BigDecimal(value);
            BigDecimal bound = new BigDecimal(m.group(3));
            String op = m.group(2);
            boolean ok = switch (op) {
                case ">" -> v.compareTo(bound) > 0;
                case ">=" -> v.compareTo(bound) >= 0;
                case "<" -> v.compareTo(bound) < 0;
                default -> v.compareTo(bound) <= 0;
            };
            if (!ok) {
                BigDecimal fixed = switch (op) {
                    case ">" -> bound.add(BigDecimal.ONE);
                    case ">=" -> bound;
                    case "<" -> bound.subtract(BigDecimal.ONE);
                    default -> bound;
                };
                return fixed.toPlainString();
            }
            return value;
        }
        m = BETWEEN.matcher(e);
        if (m.matches() && m.group(1).equalsIgnoreCase(column) && isNumber(value)) {
            BigDecimal v = new BigDecimal(value);
            BigDecimal lo = new BigDecimal(m.group(2));
            BigDecimal hi = new BigDecimal(m.group(3));
            return v.compareTo(lo) < 0 ? lo.toPlainString() : v.compareTo(hi) > 0 ? hi.toPlainString() : value;
        }
        m = LENGTH.matcher(e);
        if (m.matches() && m.group(1).equalsIgnoreCase(column) && value.startsWith("'")) {
            int max = Integer.parseInt(m.group(3)) - (m.group(2).equals("<") ? 1 : 0);
            return truncate(value, max);
        }
        return value;
    }

    private static boolean isNumber(String v) {
        return v.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    private static String truncate(String literal, int max) {
        String inner = literal.substring(1, literal.length() - 1).replace("''", "'");
        if (inner.length() > max) {
            inner = inner.substring(0, Math.max(0, max));
        }
        return Sql.lit(inner);
    }

    /** A value from the column's name and type; null when the type is not known. */
    static String byType(ColumnDef c, int i) {
        String n = c.name().toLowerCase(Locale.ROOT);
        String type = c.type().name();
        if (c.type().array()) {
            return "'{}'";
        }
        String v;
        switch (type) {
            case "text", "varchar", "char", "citext", "name" -> {
                v = Sql.lit(text(n, i));
                if (!c.type().modifiers().isEmpty()) {
                    v = truncate(v, c.type().modifiers().get(0));
                }
            }
            case "integer", "bigint", "smallint" -> v = n.contains("year") ? String.valueOf(2020 + i)
                    : n.contains("qty") || n.contains("quantity") || n.contains("count") ? String.valueOf(i * 2)
                    : String.valueOf(i);
            case "numeric", "real", "double precision", "money" -> {
                if (n.contains("price") || n.contains("amount") || n.contains("total") || n.contains("cost")) {
                    v = new BigDecimal("9.99").multiply(BigDecimal.valueOf(i)).toPlainString();
                } else {
                    v = i + ".5";
                }
                if (type.equals("numeric") && c.type().modifiers().size() == 2) {
                    int scale = c.type().modifiers().get(1);
                    v = new BigDecimal(v).setScale(scale, java.math.RoundingMode.HALF_UP).toPlainString();
                }
            }
            case "boolean" -> v = i % 2 == 1 ? "true" : "false";
            case "timestamptz", "timestamp" -> v = "now() - interval '" + (i - 1) + " days'";
            case "date" -> v = "current_date - " + (i - 1);
            case "time", "timetz" -> v = Sql.lit(String.format("%02d:00", 8 + i));
            case "interval" -> v = Sql.lit(i + " hours");
            case "uuid" -> v = Sql.lit(String.format("00000000-0000-4000-8000-%012d", i));
            case "json", "jsonb" -> v = Sql.lit("{\"example\": " + i + "}");
            case "inet", "cidr" -> v = Sql.lit("192.0.2." + i);
            case "bytea" -> v = "'\\x0" + (i % 10) + "'::bytea";
            default -> v = null;
        }
        return v;
    }

    private static String text(String n, int i) {
        int k = (i - 1) % FIRST.length;
        if (n.contains("email")) {
            return FIRST[k].toLowerCase(Locale.ROOT) + i + "@example.com";
        }
        if (n.equals("first_name") || n.equals("firstname") || n.equals("given_name")) {
            return FIRST[k];
        }
        if (n.equals("last_name") || n.equals("lastname") || n.equals("surname") || n.equals("family_name")) {
            return LAST[k];
        }
        if (n.equals("name") || n.endsWith("_name") || n.equals("username") || n.equals("login")) {
            return n.contains("user") || n.equals("login") ? FIRST[k].toLowerCase(Locale.ROOT) + i
                    : FIRST[k] + " " + LAST[k];
        }
        if (n.contains("phone")) {
            return "+1-555-01" + String.format("%02d", i);
        }
        if (n.contains("url") || n.contains("website") || n.contains("link")) {
            return "https://example.com/" + i;
        }
        if (n.equals("status") || n.equals("state")) {
            return "active";
        }
        if (n.contains("city")) {
            return CITY[k];
        }
        if (n.contains("country")) {
            return "US";
        }
        if (n.contains("currency")) {
            return "USD";
        }
        if (n.contains("slug")) {
            return "example-" + i;
        }
        if (n.contains("sku") || n.equals("code")) {
            return "SKU-" + String.format("%04d", i);
        }
        if (n.contains("title") || n.contains("subject")) {
            return "Example " + n.replace('_', ' ') + " " + i;
        }
        if (n.contains("description") || n.contains("body") || n.contains("note") || n.contains("comment")) {
            return "Example " + n.replace('_', ' ') + " for row " + i + ".";
        }
        return n.replace('_', ' ') + " " + i;
    }
}
