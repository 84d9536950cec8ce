package io.schemapilot.checks;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.checks.PlannedCheck.Cast;
import io.schemapilot.checks.PlannedCheck.Estimate;
import io.schemapilot.checks.PlannedCheck.Evaluate;
import io.schemapilot.checks.PlannedCheck.Probe;
import io.schemapilot.checks.PlannedCheck.Rows;
import io.schemapilot.sql.Lexer;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.Token;
import io.schemapilot.sql.TypeName;
import java.util.List;
import java.util.Set;

/**
 * The probe for {@code ALTER COLUMN ... TYPE}: a condition true for the values that would make the conversion fail.
 * PostgreSQL 16+ answers exactly with {@code pg_input_is_valid} for values read from text; for older servers and
 * other sources the probe is a range or length test that is exact, or a pattern that approximates the input function
 * (the note says so), or, when nothing simpler is right, the cast itself evaluated on every row.
 */
final class CastProbes {

    /** What to run for one type change; {@code valueInSample}: show the column's value beside the row key. */
    record Plan(PlannedCheck.Kind kind, Probe probe, boolean valueInSample) {
    }

    private enum Source { STRING, INT, NUMERIC, FLOAT, BOOL, ENUM, TEMPORAL, OTHER, UNKNOWN }

    private static final Set<String> BUILTIN = Set.of("integer", "bigint", "smallint", "numeric", "real",
            "double precision", "varchar", "char", "text", "boolean", "timestamp", "timestamptz", "time", "timetz",
            "date", "interval", "json", "jsonb", "uuid", "bytea", "inet", "cidr", "macaddr", "macaddr8", "money",
            "varbit", "bit", "xml", "oid", "name", "tsvector", "point");

    private static final String INT_PATTERN = "^\\s*[+-]?[0-9]+\\s*$";
    private static final String DECIMAL_PATTERN = "^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$";

    private CastProbes() {
    }

    /** The SQL spelling of a type: built-in names as is, other names quoted part by part. */
    static String typeSql(TypeName t) {
        StringBuilder sb = new StringBuilder();
        if (BUILTIN.contains(t.name())) {
            sb.append(t.name());
        } else {
            String[] parts = t.name().split("\\.", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    sb.append('.');
                }
                sb.append(Sql.ident(parts[i]));
            }
        }
        if (!t.modifiers().isEmpty()) {
            sb.append('(');
            for (int i = 0; i < t.modifiers().size(); i++) {
                sb.append(i > 0 ? "," : "").append(t.modifiers().get(i));
            }
            sb.append(')');
        }
        if (t.array()) {
            sb.append("[]");
        }
        return sb.toString();
    }

    /**
     * The probe for changing {@code column} (today {@code source}, null when unknown) to {@code target}, or null
     * when the conversion cannot fail.
     *
     * @param using       the USING expression as written, or null
     * @param enumLabels  the labels of {@code target} when it is an enum, else null
     * @param sourceIsEnum whether the column's type today is an enum
     */
    static Plan plan(String column, CatalogSnapshot.Column source, boolean sourceIsEnum, TypeName target, String using,
                     List<String> enumLabels) {
        String typeSql = typeSql(target);
        String col = Sql.ident(column);
        Source src = category(source, sourceIsEnum);
        if (using != null) {
            String form = usingForm(using, column);
            if (form == null) {
                String expr = Sql.expression(using);
                if (expr == null) {
                    return new Plan(PlannedCheck.Kind.CAST, new PlannedCheck.Unavailable(
                            "the USING expression is not a single expression that can be checked safely"), false);
                }
                return new Plan(PlannedCheck.Kind.CAST, new Evaluate("(" + expr + ")::" + typeSql), false);
            }
            if (form.equals("text")) {
                col = col + "::text";
                src = Source.STRING;
            }
        }
        if (enumLabels != null) {
            String cond = col + "::text NOT IN (" + Sql.literals(enumLabels) + ")";
            return new Plan(PlannedCheck.Kind.ENUM, new Rows(cond, Estimate.valuesNotIn(column, enumLabels)), true);
        }
        if (target.array() || source != null && source.baseType().startsWith("_")) {
            return generic(col, src, typeSql);
        }
        String t = target.name();
        List<Integer> mods = target.modifiers();
        if ((t.equals("varchar") || t.equals("char")) && (!mods.isEmpty() || t.equals("char"))) {
            int n = mods.isEmpty() ? 1 : mods.get(0);
            if (src == Source.STRING && source != null && source.typmod() >= 4 && source.typmod() - 4 <= n
                    && !source.baseType().equals("text")) {
                return null;
            }
            String cond = "char_length(rtrim(" + col + "::text, ' ')) > " + n;
            return exact(cond, "values longer than " + n + " characters (trailing spaces are cut, not refused)");
        }
        if (t.equals("text") || t.equals("varchar") || t.equals("citext")) {
            return null;
        }
        if (t.equals("integer") || t.equals("smallint") || t.equals("bigint")) {
            String[] range = range(t);
            switch (src) {
                case INT:
                    if (widerOrSame(t, source.baseType())) {
                        return null;
                    }
                    return exact(col + " NOT BETWEEN " + range[0] + " AND " + range[1], "values outside the " + t
                            + " range");
                case NUMERIC:
                    return exact("round(" + col + ") NOT BETWEEN " + range[0] + " AND " + range[1],
                            "values that round to outside the " + t + " range (NaN included)");
                case FLOAT:
                    return exact("round(" + col + "::float8) NOT BETWEEN " + range[0] + " AND " + range[1],
                            "values that round to outside the " + t + " range (NaN and infinity included)");
                case BOOL:
                    return null;
                case STRING:
                case UNKNOWN:
                    String probe = "CASE WHEN " + col + "::text !~ " + Sql.literal(INT_PATTERN) + " THEN true ELSE btrim("
                            + col + "::text)::numeric NOT BETWEEN " + range[0] + " AND " + range[1] + " END";
                    return textual(col, src, typeSql, probe, "decimal digits with an optional sign, within the " + t
                            + " range (what PostgreSQL before 16 accepts as " + t + " input)");
                default:
                    return evaluate(col, typeSql);
            }
        }
        if (t.equals("numeric") && !mods.isEmpty()) {
            int p = mods.get(0);
            int s = mods.size() > 1 ? mods.get(1) : 0;
            String bound = "10::numeric ^ " + (p - s);
            String what = "values that do not fit numeric(" + p + "," + s + ") after rounding to " + s + " decimals";
            switch (src) {
                case INT:
                case NUMERIC:
                    return exact("CASE WHEN " + col + "::numeric = 'NaN' THEN false ELSE abs(round(" + col
                            + "::numeric, " + s + ")) >= " + bound + " END", what);
                case FLOAT:
                    return exact("CASE WHEN " + col + "::float8 = 'NaN' THEN false WHEN " + col
                            + "::float8 IN ('Infinity', '-Infinity') THEN true ELSE abs(round(" + col + "::numeric, "
                            + s + ")) >= " + bound + " END", what);
                case STRING:
                case UNKNOWN:
                    String probe = "CASE WHEN lower(btrim(" + col + "::text)) = 'nan' THEN false WHEN " + col
                            + "::text !~ " + Sql.literal(DECIMAL_PATTERN) + " THEN true ELSE abs(round(btrim(" + col
                            + "::text)::numeric, " + s + ")) >= " + bound + " END";
                    return textual(col, src, typeSql, probe, "a decimal number pattern, then " + what);
                default:
                    return evaluate(col, typeSql);
            }
        }
        if (t.equals("numeric") || t.equals("real") || t.equals("double precision")) {
            switch (src) {
                case INT:
                case NUMERIC:
                case FLOAT:
                case BOOL:
                    return null;
                case STRING:
                case UNKNOWN:
                    String probe = col + "::text !~ " + Sql.literal(DECIMAL_PATTERN) + " AND lower(btrim(" + col
                            + "::text)) NOT IN ('nan', 'infinity', '+infinity', '-infinity', 'inf', '+inf', '-inf')";
                    return textual(col, src, typeSql, probe, "a decimal number pattern (approximate: it does not "
                            + "test the range of " + t + ")");
                default:
                    return evaluate(col, typeSql);
            }
        }
        if (t.equals("boolean")) {
            if (src == Source.INT || src == Source.BOOL) {
                return null;
            }
            if (src == Source.STRING || src == Source.UNKNOWN) {
                String probe = "lower(btrim(" + col + "::text)) NOT IN ('t', 'true', 'y', 'yes', 'on', '1', 'f', "
                        + "'false', 'n', 'no', 'off', '0')";
                return textual(col, src, typeSql, probe, "the usual spellings of true and false (approximate: "
                        + "PostgreSQL also accepts unique prefixes such as 'tr', which are counted here)");
            }
            return evaluate(col, typeSql);
        }
        if (t.equals("uuid") && (src == Source.STRING || src == Source.UNKNOWN)) {
            String probe = "regexp_replace(btrim(" + col + "::text), '[{}-]', '', 'g') !~ '^[0-9a-fA-F]{32}$'";
            return textual(col, src, typeSql, probe, "32 hexadecimal digits with optional hyphens and braces "
                    + "(approximate: PostgreSQL is stricter about where hyphens go)");
        }
        if (src == Source.TEMPORAL && Set.of("timestamp", "timestamptz", "date", "time").contains(t)) {
            return null;
        }
        if (src == Source.ENUM && t.equals("text")) {
            return null;
        }
        return generic(col, src, typeSql);
    }

    /** Text sources on 16+: pg_input_is_valid; otherwise the cast itself, evaluated on every row. */
    private static Plan generic(String col, Source src, String typeSql) {
        if (src == Source.STRING || src == Source.UNKNOWN) {
            return new Plan(PlannedCheck.Kind.CAST, new Cast(null, "PostgreSQL before 16 has no pg_input_is_valid: "
                    + "the cast is evaluated on every row, and stops at the first value that fails",
                    pg16(col, typeSql), pg16Note(src, typeSql), col + "::" + typeSql), true);
        }
        return evaluate(col, typeSql);
    }

    private static Plan evaluate(String col, String typeSql) {
        return new Plan(PlannedCheck.Kind.CAST, new Evaluate(col + "::" + typeSql), false);
    }

    private static Plan exact(String condition, String what) {
        return new Plan(PlannedCheck.Kind.CAST, new Cast(condition, "counts " + what + " (exact)", null, null, null),
                true);
    }

    private static Plan textual(String col, Source src, String typeSql, String probe, String what) {
        String cond = col + " IS NOT NULL AND (" + probe + ")";
        return new Plan(PlannedCheck.Kind.CAST, new Cast(cond, "PostgreSQL before 16 has no pg_input_is_valid; the "
                + "probe tests " + what, pg16(col, typeSql), pg16Note(src, typeSql), null), true);
    }

    private static String pg16(String col, String typeSql) {
        return col + " IS NOT NULL AND NOT pg_input_is_valid(" + col + "::text, " + Sql.literal(typeSql) + ")";
    }

    private static String pg16Note(Source src, String typeSql) {
        return src == Source.UNKNOWN
                ? "pg_input_is_valid tests each value's text form as " + typeSql + " input; without the catalog the "
                + "old type is unknown, and a direct cast from a non-text type may differ (numeric 1.5 casts to "
                + "integer 2)"
                : "pg_input_is_valid tests each value as " + typeSql + " input (exact)";
    }

    private static Source category(CatalogSnapshot.Column c, boolean isEnum) {
        if (c == null) {
            return Source.UNKNOWN;
        }
        if (isEnum) {
            return Source.ENUM;
        }
        switch (c.baseType()) {
            case "text": case "varchar": case "bpchar": case "name": case "citext": case "char":
                return Source.STRING;
            case "int2": case "int4": case "int8":
                return Source.INT;
            case "numeric":
                return Source.NUMERIC;
            case "float4": case "float8":
                return Source.FLOAT;
            case "bool":
                return Source.BOOL;
            case "timestamp": case "timestamptz": case "date":
                return Source.TEMPORAL;
            default:
                return Source.OTHER;
        }
    }

    private static String[] range(String intType) {
        switch (intType) {
            case "smallint":
                return new String[] {"-32768", "32767"};
            case "integer":
                return new String[] {"-2147483648", "2147483647"};
            default:
                return new String[] {"-9223372036854775808", "9223372036854775807"};
        }
    }

    private static boolean widerOrSame(String target, String sourceBase) {
        int t = target.equals("smallint") ? 2 : target.equals("integer") ? 4 : 8;
        int s = sourceBase.equals("int2") ? 2 : sourceBase.equals("int4") ? 4 : 8;
        return t >= s;
    }

    /**
     * How a USING expression reads the column: "plain" for {@code col}, {@code col::T}, {@code CAST(col AS T)};
     * "text" for {@code col::text::T} (or varchar); null for anything else.
     */
    static String usingForm(String using, String column) {
        List<Token> tk;
        try {
            tk = Lexer.tokens(using);
        } catch (SqlSyntaxException e) {
            return null;
        }
        int a = 0;
        int b = tk.size();
        while (b - a >= 2 && tk.get(a).isPunct('(') && tk.get(b - 1).isPunct(')') && balanced(tk, a + 1, b - 1)) {
            a++;
            b--;
        }
        if (b - a >= 6 && tk.get(a).isWord("cast") && tk.get(a + 1).isPunct('(') && tk.get(b - 1).isPunct(')')
                && isColumn(tk.get(a + 2), column) && tk.get(a + 3).isWord("as")) {
            return "plain";
        }
        int i;
        if (b - a >= 3 && tk.get(a).isPunct('(') && isColumn(tk.get(a + 1), column) && tk.get(a + 2).isPunct(')')) {
            i = a + 3; // (col)::type
        } else if (a < b && isColumn(tk.get(a), column)) {
            i = a + 1;
        } else {
            return null;
        }
        // col [:: type-words [(mods)]]*
        List<String> casts = new java.util.ArrayList<>();
        while (i < b) {
            if (!tk.get(i).isOperator("::")) {
                return null;
            }
            i++;
            StringBuilder type = new StringBuilder();
            while (i < b && (tk.get(i).isIdentifier() || tk.get(i).isPunct('.'))) {
                type.append(type.length() > 0 ? " " : "").append(tk.get(i).value());
                i++;
            }
            if (i < b && tk.get(i).isPunct('(')) {
                while (i < b && !tk.get(i).isPunct(')')) {
                    i++;
                }
                i++;
            }
            if (type.length() == 0) {
                return null;
            }
            casts.add(type.toString());
        }
        if (casts.size() <= 1) {
            return "plain";
        }
        if (casts.size() == 2 && Set.of("text", "varchar", "character varying").contains(casts.get(0))) {
            return "text";
        }
        return null;
    }

    private static boolean isColumn(Token t, String column) {
        return t.isIdentifier() && t.value().equals(column);
    }

    private static boolean balanced(List<Token> tk, int from, int to) {
        int depth = 0;
        for (int i = from; i < to; i++) {
            if (tk.get(i).isPunct('(')) {
                depth++;
            } else if (tk.get(i).isPunct(')')) {
                depth--;
                if (depth < 0) {
                    return false;
                }
            }
        }
        return depth == 0;
    }
}
