package io.schemapilot.analysis.rules;

import io.schemapilot.analysis.AnalysisContext;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.TypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Classifies {@code ALTER COLUMN ... TYPE} for the two type-change rules: no rewrite (binary-coercible), rewrite,
 * or lossy (narrowing or value-changing). The old type comes from this migration (ADD COLUMN / ALTER TYPE earlier
 * in the file), else from the catalog; without either it is unknown.
 */
final class TypeChanges {

    enum Kind { NO_REWRITE, REWRITE, LOSSY, UNKNOWN }

    /**
     * @param oldType the old type in SQL spelling ("varchar(50)"), or null when unknown
     * @param source  where the old type came from ("the catalog", "this migration"), or null
     * @param reason  a clause saying why ("widening needs no rewrite", "values longer than 50 characters fail")
     * @param silent  LOSSY only: values change without an error (rounding, truncation), rather than failing
     */
    record Verdict(Kind kind, String oldType, String source, String reason, boolean silent) {
    }

    /** A column type, normalised: canonical name, modifiers, array. */
    record ColType(String name, List<Integer> mods, boolean array) {
        String sql() {
            StringBuilder sb = new StringBuilder(name);
            if (!mods.isEmpty()) {
                sb.append('(');
                for (int i = 0; i < mods.size(); i++) {
                    sb.append(i > 0 ? "," : "").append(mods.get(i));
                }
                sb.append(')');
            }
            return array ? sb.append("[]").toString() : sb.toString();
        }
    }

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("int2", "smallint"), Map.entry("int4", "integer"), Map.entry("int", "integer"),
            Map.entry("int8", "bigint"), Map.entry("serial", "integer"), Map.entry("bigserial", "bigint"),
            Map.entry("smallserial", "smallint"), Map.entry("bpchar", "char"), Map.entry("character", "char"),
            Map.entry("character varying", "varchar"), Map.entry("float4", "real"),
            Map.entry("float8", "double precision"), Map.entry("bool", "boolean"), Map.entry("decimal", "numeric"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
            Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
            Map.entry("bit varying", "varbit"));
    private static final Set<String> TEXT = Set.of("varchar", "text");
    private static final Map<String, Integer> INT_DIGITS = Map.of("smallint", 5, "integer", 10, "bigint", 19);
    private static final Set<String> FLOAT = Set.of("real", "double precision");
    private static final Set<String> TIMES = Set.of("timestamp", "timestamptz", "time", "timetz");
    /** Built-in types whose conversions this class knows; for others (domains, enums, extensions) it cannot tell. */
    private static final Set<String> KNOWN = Set.of("smallint", "integer", "bigint", "numeric", "real",
            "double precision", "varchar", "char", "text", "boolean", "timestamp", "timestamptz", "time", "timetz",
            "date", "interval", "json", "jsonb", "uuid", "cidr", "inet", "macaddr", "bytea", "bit", "varbit", "money",
            "xml", "tsvector");
    private static final Set<String> UTC = Set.of("utc", "etc/utc", "uct", "etc/uct", "gmt", "etc/gmt", "universal",
            "etc/universal", "zulu", "etc/zulu", "gmt0", "etc/gmt0", "greenwich", "etc/greenwich");

    private TypeChanges() {
    }

    /** The verdict for one type change at statement {@code st}. */
    static Verdict of(Change.AlterColumnType ch, ParsedStatement st, AnalysisContext ctx) {
        ColType neu = fromSql(ch.type());
        String source = "this migration";
        ColType old = fromMigration(ch.target(), ch.column(), st, ctx);
        if (old == null) {
            source = "the catalog";
            old = ctx.column(ch.target(), ch.column()).map(TypeChanges::fromCatalog).orElse(null);
        }
        if (old == null) {
            return new Verdict(Kind.UNKNOWN, null, null, null, false);
        }
        boolean utc = ctx.pgVersion().atLeast(12) && isUtc(timeZone(st, ctx));
        Verdict v = classify(old, neu, utc);
        if (ch.using() != null) {
            if (v.kind() == Kind.LOSSY && !v.silent() && ch.using().matches("(?is).*(::|\\bas)\\s*(varchar|character"
                    + "\\s+varying|char|character|bpchar)\\s*\\(.*")) {
                v = lossy("the explicit cast in USING silently cuts longer values to the new length", true);
            } else if (v.kind() == Kind.NO_REWRITE && !trivialUsing(ch.using(), ch.column())) {
                v = rewrite("the USING expression recomputes every value");
            }
        }
        return new Verdict(v.kind(), old.sql(), source, v.reason(), v.silent());
    }

    /** The new type in SQL spelling, normalised. */
    static String sql(TypeName t) {
        return fromSql(t).sql();
    }

    // ---- where the old type comes from ---------------------------------------------------------------------

    /** A column's type as declared or changed by one statement of the file. */
    private record Declared(int statement, TypeName type) {
    }

    private static ColType fromMigration(QualifiedName table, String column, ParsedStatement st, AnalysisContext ctx) {
        // "schema.table.column" -> its declarations in file order (built once per file)
        java.util.Map<String, List<Declared>> declared = ctx.fileIndex("type-changes:declared", all -> {
            java.util.Map<String, List<Declared>> m = new java.util.HashMap<>();
            for (ParsedStatement e : all) {
                for (Change c : e.changes()) {
                    if (c instanceof Change.AddColumn ac) {
                        m.computeIfAbsent(ac.target().qualified() + "." + ac.column().name(), k -> new ArrayList<>())
                                .add(new Declared(e.number(), ac.column().type()));
                    } else if (c instanceof Change.AlterColumnType at) {
                        m.computeIfAbsent(at.target().qualified() + "." + at.column(), k -> new ArrayList<>())
                                .add(new Declared(e.number(), at.type()));
                    }
                }
            }
            return m;
        });
        ColType found = null;
        for (Declared d : declared.getOrDefault(table.qualified() + "." + column, List.of())) {
            if (d.statement() < st.number()) {
                found = fromSql(d.type());
            }
        }
        return found;
    }

    /** A {@code SET timezone} of the file: the value, null for a RESET. */
    private record ZoneSetting(int statement, String value) {
    }

    /** The session TimeZone the statement runs with: a SET earlier in the file, else the catalog's setting. */
    static String timeZone(ParsedStatement st, AnalysisContext ctx) {
        String catalogZone = ctx.catalog().map(c -> c.settings().get("TimeZone")).orElse(null);
        List<ZoneSetting> sets = ctx.fileIndex("type-changes:timezone", all -> {
            List<ZoneSetting> l = new ArrayList<>();
            for (ParsedStatement e : all) {
                for (Change.SetVariable sv : e.changes(Change.SetVariable.class)) {
                    if (sv.name().equalsIgnoreCase("timezone")) {
                        l.add(new ZoneSetting(e.number(), sv.value()));
                    }
                }
            }
            return l;
        });
        String tz = catalogZone;
        for (ZoneSetting z : sets) {
            if (z.statement() < st.number()) {
                tz = z.value() == null ? catalogZone : z.value().strip().replace("'", "");
            }
        }
        return tz;
    }

    static boolean isUtc(String tz) {
        return tz != null && UTC.contains(tz.strip().toLowerCase(Locale.ROOT));
    }

    static ColType fromSql(TypeName t) {
        String name = canonical(t.name());
        List<Integer> mods = t.modifiers();
        if (name.equals("char") && mods.isEmpty()) {
            mods = List.of(1); // char means char(1)
        }
        return new ColType(name, List.copyOf(mods), t.array());
    }

    static ColType fromCatalog(CatalogSnapshot.Column c) {
        if (c.baseType() == null) {
            return fromFormatType(c.type());
        }
        String base = c.baseType();
        boolean array = base.startsWith("_");
        String name = canonical(array ? base.substring(1) : base);
        int tm = c.typmod();
        List<Integer> mods = new ArrayList<>();
        if (tm >= 0) {
            switch (name) {
                case "varchar", "char" -> mods.add(tm - 4);
                case "numeric" -> {
                    int x = tm - 4;
                    mods.add((x >> 16) & 0xffff);
                    mods.add(((x & 0x7ff) ^ 1024) - 1024);
                }
                case "timestamp", "timestamptz", "time", "timetz", "bit", "varbit" -> mods.add(tm);
                default -> mods.add(tm); // opaque, but "has a typmod"
            }
        }
        return new ColType(name, List.copyOf(mods), array);
    }

    /** {@code format_type()} output such as {@code character varying(50)} or {@code numeric(10,2)[]}. */
    static ColType fromFormatType(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        boolean array = t.endsWith("[]");
        if (array) {
            t = t.substring(0, t.length() - 2);
        }
        List<Integer> mods = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(([^)]*)\\)").matcher(t);
        if (m.find()) {
            for (String p : m.group(1).split(",")) {
                if (p.strip().matches("-?\\d+")) {
                    mods.add(Integer.parseInt(p.strip()));
                }
            }
            t = (t.substring(0, m.start()) + t.substring(m.end())).replaceAll("\\s+", " ").strip();
        }
        return new ColType(canonical(t), List.copyOf(mods), array);
    }

    private static String canonical(String n) {
        String s = n.toLowerCase(Locale.ROOT);
        if (s.startsWith("pg_catalog.")) {
            s = s.substring("pg_catalog.".length());
        }
        return ALIASES.getOrDefault(s, s);
    }

    /** {@code col}, {@code col::type} or {@code CAST(col AS type)}: the column itself, only converted. */
    static boolean trivialUsing(String using, String column) {
        String u = using.strip();
        while (u.startsWith("(") && u.endsWith(")")) {
            u = u.substring(1, u.length() - 1).strip();
        }
        String col = "(?:\"" + java.util.regex.Pattern.quote(column) + "\"|" + java.util.regex.Pattern.quote(column)
                + ")";
        String type = "[\\w\\s.\"(),\\[\\]]+";
        return u.matches("(?i)" + col) || u.matches("(?i)" + col + "\\s*::\\s*" + type)
                || u.matches("(?i)cast\\s*\\(\\s*" + col + "\\s+as\\s+" + type + "\\)");
    }

    // ---- the classification ---------------------------------------------------------------------------------

    static Verdict classify(ColType o, ColType n, boolean utc) {
        if (o.array() != n.array()) {
            return rewrite("it converts between an array and a scalar");
        }
        if (o.array()) {
            if (o.equals(n)) {
                return same();
            }
            Verdict e = classify(new ColType(o.name(), o.mods(), false), new ColType(n.name(), n.mods(), false), utc);
            return e.kind() == Kind.LOSSY ? e : rewrite("array type changes are not binary-coercible");
        }
        if (o.equals(n)) {
            return same();
        }
        if (o.name().equals(n.name())) {
            return sameName(o, n);
        }
        String a = o.name();
        String b = n.name();
        if (TEXT.contains(a) && TEXT.contains(b)) {
            return n.mods().isEmpty() ? noRewrite(a + " and " + b + " are binary-coercible")
                    : lossy("values longer than " + n.mods().get(0) + " characters make it fail", false);
        }
        if (a.equals("char") && TEXT.contains(b)) {
            return !n.mods().isEmpty() && n.mods().get(0) < o.mods().get(0)
                    ? lossy("values longer than " + n.mods().get(0) + " characters make it fail", false)
                    : rewrite("char to " + b + " strips trailing blanks from every value");
        }
        if (TEXT.contains(a) || a.equals("char")) {
            return lossy(b.equals("char") ? "values longer than " + n.mods().get(0) + " characters make it fail"
                    : "any value that does not parse as " + n.sql() + " makes it fail", false);
        }
        if (a.equals("cidr") && b.equals("inet")) {
            return noRewrite("cidr to inet is binary-coercible");
        }
        if (a.equals("inet") && b.equals("cidr")) {
            return lossy("addresses with host bits set make it fail", false);
        }
        if (Set.of(a, b).equals(Set.of("timestamp", "timestamptz"))) {
            if (!n.mods().isEmpty() && (o.mods().isEmpty() || n.mods().get(0) < o.mods().get(0))) {
                return lossy("the smaller precision rounds every value", true);
            }
            return utc ? noRewrite("with TimeZone = UTC on PostgreSQL 12+ " + a + " to " + b + " needs no rewrite")
                    : rewrite("outside TimeZone = UTC every value is reinterpreted in the session time zone");
        }
        if (INT_DIGITS.containsKey(a) && INT_DIGITS.containsKey(b)) {
            return INT_DIGITS.get(b) >= INT_DIGITS.get(a) ? rewrite(a + " to " + b + " is not binary-coercible")
                    : lossy("values outside the " + b + " range make it fail", false);
        }
        if (INT_DIGITS.containsKey(a) && b.equals("numeric")) {
            return n.mods().isEmpty() || intDigits(n) >= INT_DIGITS.get(a) ? rewrite(a + " to numeric is not "
                    + "binary-coercible") : lossy("values with more than " + intDigits(n) + " digits make it fail",
                    false);
        }
        if (INT_DIGITS.containsKey(a) && FLOAT.contains(b)) {
            boolean exact = b.equals("double precision") ? !a.equals("bigint") : a.equals("smallint");
            return exact ? rewrite(a + " to " + b + " is not binary-coercible")
                    : lossy("large values lose precision in " + b, true);
        }
        if ((a.equals("numeric") || FLOAT.contains(a)) && INT_DIGITS.containsKey(b)) {
            return lossy("fractions are rounded away", true);
        }
        if (a.equals("real") && b.equals("double precision")) {
            return rewrite("real to double precision is not binary-coercible");
        }
        if ((a.equals("numeric") || a.equals("double precision")) && FLOAT.contains(b)) {
            return lossy("values lose precision in " + b, true);
        }
        if (FLOAT.contains(a) && b.equals("numeric")) {
            return n.mods().isEmpty() ? rewrite(a + " to numeric is not binary-coercible")
                    : lossy("values are rounded to numeric" + "(" + n.mods().get(0) + ")" + " or fail", true);
        }
        if (Set.of("timestamp", "timestamptz").contains(a) && Set.of("date", "time", "timetz").contains(b)) {
            return lossy("part of every value (the " + (b.equals("date") ? "time of day" : "date") + ") is dropped",
                    true);
        }
        if (!KNOWN.contains(a) || !KNOWN.contains(b)) {
            return rewrite("schemapilot cannot show that " + a + " to " + b + " is binary-coercible");
        }
        return rewrite(a + " to " + b + " is not binary-coercible");
    }

    private static Verdict sameName(ColType o, ColType n) {
        String t = o.name();
        List<Integer> om = o.mods();
        List<Integer> nm = n.mods();
        switch (t) {
            case "varchar", "varbit" -> {
                if (nm.isEmpty() || (!om.isEmpty() && nm.get(0) >= om.get(0))) {
                    return noRewrite("widening " + t + " needs no rewrite");
                }
                return lossy("values longer than " + nm.get(0) + (t.equals("varchar") ? " characters" : " bits")
                        + " make it fail", false);
            }
            case "char" -> {
                if (!om.isEmpty() && !nm.isEmpty() && nm.get(0) < om.get(0)) {
                    return lossy("values longer than " + nm.get(0) + " characters make it fail", false);
                }
                return rewrite("every char value is re-padded to the new length");
            }
            case "numeric" -> {
                if (nm.isEmpty()) {
                    return noRewrite("removing the numeric precision needs no rewrite");
                }
                if (om.isEmpty()) {
                    return lossy("values that do not fit numeric" + nsql(nm) + " are rounded or make it fail", true);
                }
                int os = scale(om);
                int ns = scale(nm);
                if (ns < os) {
                    return lossy("the smaller scale rounds every value to " + ns + " decimal places", true);
                }
                if (nm.get(0) - ns < om.get(0) - os) {
                    return lossy("values with more than " + (nm.get(0) - ns) + " integer digits make it fail", false);
                }
                return ns == os ? noRewrite("raising the numeric precision at the same scale needs no rewrite")
                        : rewrite("a numeric scale change rewrites every value");
            }
            case "timestamp", "timestamptz", "time", "timetz", "interval" -> {
                if (nm.isEmpty() || (!om.isEmpty() && nm.get(0) >= om.get(0) && !t.equals("interval"))) {
                    return noRewrite("raising the " + t + " precision needs no rewrite");
                }
                return t.equals("interval") ? rewrite("an interval typmod change rewrites every value")
                        : lossy("the smaller precision rounds every value", true);
            }
            case "bit" -> {
                return lossy("bit(n) values of another length make it fail", false);
            }
            default -> {
                return nm.isEmpty() ? noRewrite("removing the type modifier needs no rewrite")
                        : rewrite("the type modifier changes");
            }
        }
    }

    private static int scale(List<Integer> mods) {
        return mods.size() > 1 ? mods.get(1) : 0;
    }

    private static int intDigits(ColType numeric) {
        return numeric.mods().get(0) - scale(numeric.mods());
    }

    private static String nsql(List<Integer> mods) {
        return new ColType("", mods, false).sql();
    }

    private static Verdict same() {
        return noRewrite("the type does not change");
    }

    private static Verdict noRewrite(String reason) {
        return new Verdict(Kind.NO_REWRITE, null, null, reason, false);
    }

    private static Verdict rewrite(String reason) {
        return new Verdict(Kind.REWRITE, null, null, reason, false);
    }

    private static Verdict lossy(String reason, boolean silent) {
        return new Verdict(Kind.LOSSY, null, null, reason, silent);
    }
}
