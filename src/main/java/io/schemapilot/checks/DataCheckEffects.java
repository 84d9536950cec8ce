package io.schemapilot.checks;

import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the data raises or lowers the risk of findings. A pure function of the findings and the data checks:
 *
 * <ul>
 *   <li>A check that found offending rows (NULLs, duplicate keys, orphans, values that do not convert, CHECK
 *       violations, rows using a label that goes away) means the statement will fail: the finding becomes at least
 *       {@code high} (a data-dependent failure under a blocking lock, HAZARDS.md) and says how many rows, with a
 *       sample, and that they must be fixed first. Data that would be destroyed keeps a finding {@code critical}
 *       and says how much.</li>
 *   <li>An exact count of 0 lowers what the data made dangerous: nothing lost by a DROP / TRUNCATE / DELETE, no
 *       duplicate for a unique index, an empty table for a NOT NULL column without default, no row using a renamed
 *       label, every value converting. Lock and scan hazards keep their risk (the data does not shorten the lock),
 *       but say that the statement will succeed: "0 orphan rows in public.orders" makes a foreign key safe to
 *       validate.</li>
 *   <li>Estimates and samples raise (they saw offending rows) but never lower; checks that failed to run, and
 *       advisory checks (the migration changes the data first), change nothing.</li>
 * </ul>
 *
 * A check applies to a finding when its kind is relevant to the hazard, it is about the same statement (when both
 * know it) and the same object (one names the other, e.g. {@code public.orders} and {@code public.orders.status}).
 */
public final class DataCheckEffects {

    private static final Set<String> LOSS = Set.of("data-loss");

    private static final Map<String, Set<String>> RELEVANT = Map.ofEntries(
            Map.entry("set-not-null-full-scan", Set.of("nulls")),
            Map.entry("add-column-not-null-no-default", Set.of("nulls")),
            Map.entry("add-primary-key-inline-index", Set.of("nulls", "duplicates")),
            Map.entry("add-primary-key-using-index-nullable", Set.of("nulls")),
            Map.entry("add-unique-constraint-inline-index", Set.of("duplicates")),
            Map.entry("create-unique-index-duplicates", Set.of("duplicates")),
            Map.entry("create-index-non-concurrent", Set.of("duplicates")),
            Map.entry("concurrently-in-transaction", Set.of("duplicates")),
            Map.entry("add-foreign-key-validating", Set.of("orphans")),
            Map.entry("add-check-constraint-validating", Set.of("check", "nulls")),
            Map.entry("validate-constraint-same-transaction", Set.of("check", "nulls", "orphans")),
            Map.entry("alter-column-type-lossy", Set.of("cast", "enum")),
            Map.entry("alter-column-type-rewrite", Set.of("cast", "enum")),
            Map.entry("rename-enum-value", Set.of("enum")),
            Map.entry("drop-column", LOSS),
            Map.entry("drop-table", LOSS),
            Map.entry("truncate-table", LOSS),
            Map.entry("delete-without-where", LOSS),
            Map.entry("cascade-to-dependents", LOSS),
            Map.entry("drop-schema", LOSS));

    /** Hazards whose risk comes from the data itself, so that an exact 0 lowers it. */
    private static final Set<String> DATA_RISK = Set.of("drop-column", "drop-table", "truncate-table",
            "delete-without-where", "cascade-to-dependents", "drop-schema", "create-unique-index-duplicates",
            "add-column-not-null-no-default", "rename-enum-value", "alter-column-type-lossy");

    private DataCheckEffects() {
    }

    /** The findings, each adjusted by the data checks that concern it (same order; unconcerned ones unchanged). */
    public static List<Finding> apply(List<Finding> findings, List<DataCheck> checks) {
        List<Finding> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            out.add(adjust(f, checks));
        }
        return out;
    }

    /** One finding adjusted by the checks that concern it. */
    public static Finding adjust(Finding f, List<DataCheck> checks) {
        List<DataCheck> matched = checks.stream().filter(c -> concerns(c, f)).toList();
        if (matched.isEmpty()) {
            return f;
        }
        List<DataCheck> failing = matched.stream().filter(c -> c.result().count() > 0).toList();
        if (!failing.isEmpty()) {
            boolean loss = failing.stream().allMatch(c -> LOSS.contains(c.kind()));
            Risk risk = loss ? Risk.CRITICAL : Risk.max(f.risk(), Risk.HIGH);
            String said = failing.stream().limit(2).map(c -> failure(c, f)).collect(Collectors.joining(" "));
            return f.withRisk(risk).withMessage(append(f.message(), said));
        }
        boolean exact = matched.stream().allMatch(DataCheck::exact);
        if (!exact) {
            DataCheck c = matched.get(0);
            return f.withMessage(append(f.message(), "An estimate (" + c.id() + ") finds " + none(c, f)
                    + "; run the exact check to be sure."));
        }
        String said = matched.stream().limit(2).map(c -> success(c, f)).collect(Collectors.joining(" "));
        Finding adjusted = f.withMessage(append(f.message(), said));
        if (!DATA_RISK.contains(f.hazard())) {
            return adjusted;
        }
        Risk lowered = f.hazard().equals("create-unique-index-duplicates") ? Risk.LOW : f.risk().lower();
        return adjusted.withRisk(lowered);
    }

    /** Whether a data check bears on a finding. */
    static boolean concerns(DataCheck c, Finding f) {
        Set<String> kinds = RELEVANT.get(f.hazard());
        if (kinds == null || !kinds.contains(c.kind()) || !c.counted() || c.advisory()) {
            return false;
        }
        if (c.statement() > 0 && f.statement() > 0 && c.statement() != f.statement()) {
            return false;
        }
        if (f.object() == null || c.object() == null) {
            return c.statement() > 0 && c.statement() == f.statement();
        }
        if (sameObject(c.object(), f.object())) {
            return true;
        }
        // an enum type's finding and the checks on the columns of that type meet only through the statement
        return c.statement() > 0 && c.statement() == f.statement() && f.hazard().equals("rename-enum-value");
    }

    private static boolean sameObject(String a, String b) {
        return a.equals(b) || prefix(a, b) || prefix(b, a);
    }

    private static boolean prefix(String whole, String part) {
        return whole.startsWith(part) && (whole.charAt(part.length()) == '.' || whole.charAt(part.length()) == ' ');
    }

    // ---- messages

    private static String failure(DataCheck c, Finding f) {
        String n = amount(c);
        String sample = sample(c);
        String obj = c.object();
        switch (c.kind()) {
            case "nulls":
                if (f.hazard().equals("add-column-not-null-no-default")) {
                    return "The data check " + c.id() + " finds " + n + " rows in " + table(obj) + ", and each would "
                            + "hold NULL in the new column: the statement will fail; add the column nullable, "
                            + "backfill it, then make it NOT NULL.";
                }
                return "The data check " + c.id() + " finds " + n + " rows with NULL in " + obj + sample
                        + ": the statement will fail; backfill them first.";
            case "duplicates":
                return "The data check " + c.id() + " finds " + n + " group" + plural(c) + " of rows sharing a key in "
                        + obj + sample + ": the unique index cannot be built; remove the duplicates first.";
            case "orphans":
                return "The data check " + c.id() + " finds " + n + " orphan row" + plural(c) + " in " + obj + sample
                        + " that reference no row: the constraint will not validate; fix or delete them first.";
            case "cast":
                return "The data check " + c.id() + " finds " + n + " value" + plural(c) + " of " + obj
                        + " that do not convert" + sample + ": the ALTER will fail; fix them first.";
            case "check":
                return "The data check " + c.id() + " finds " + n + " row" + plural(c) + " of " + obj
                        + " violating the condition" + sample + ": the constraint will not validate; fix them first.";
            case "enum":
                if (f.hazard().equals("rename-enum-value")) {
                    return "The data check " + c.id() + " finds " + n + " row" + plural(c) + " of " + obj
                            + " holding the old label" + sample + ": code that writes or compares it breaks.";
                }
                return "The data check " + c.id() + " finds " + n + " row" + plural(c) + " of " + obj
                        + " holding values that are not labels of the new type" + sample + ": the ALTER will fail.";
            default:
                boolean column = obj.chars().filter(ch -> ch == '.').count() >= 2;
                return "It would destroy " + n + (column ? " non-null value" : " row") + plural(c) + " of " + obj
                        + " (data check " + c.id() + ").";
        }
    }

    private static String success(DataCheck c, Finding f) {
        String obj = c.object();
        switch (c.kind()) {
            case "nulls":
                if (f.hazard().equals("add-column-not-null-no-default")) {
                    return table(obj) + " is empty (data check " + c.id() + "), so the statement succeeds; writers "
                            + "that omit the column will still fail.";
                }
                return "0 rows have NULL in " + obj + " (data check " + c.id() + "), so the statement will succeed.";
            case "duplicates":
                return "No two rows share a key in " + obj + " (data check " + c.id() + "), so the unique index "
                        + "will build.";
            case "orphans":
                return "0 orphan rows in " + table(obj) + " (data check " + c.id() + "): the foreign key is safe to "
                        + "validate.";
            case "cast":
                return "Every value of " + obj + " converts (data check " + c.id() + ").";
            case "check":
                return "0 rows of " + obj + " violate the condition (data check " + c.id() + "), so it will validate.";
            case "enum":
                return f.hazard().equals("rename-enum-value")
                        ? "No row of " + obj + " holds the old label today (data check " + c.id() + ")."
                        : "Every value of " + obj + " is a label of the new type (data check " + c.id() + ").";
            default:
                return obj + " holds no data (data check " + c.id() + "), so none would be lost.";
        }
    }

    private static String none(DataCheck c, Finding f) {
        switch (c.kind()) {
            case "nulls":
                return "no NULL in " + c.object();
            case "duplicates":
                return "no duplicate keys in " + c.object();
            case "orphans":
                return "no orphan rows in " + c.object();
            case "data-loss":
                return "no data in " + c.object();
            default:
                return "no offending rows in " + c.object();
        }
    }

    private static String amount(DataCheck c) {
        long n = c.result().count();
        String note = c.result().note() == null ? "" : c.result().note();
        if (!c.exact() && note.contains("at least one row fails")) {
            return "at least " + n;
        }
        return (c.exact() ? "" : "about ") + DataCheckRunner.fmt(n);
    }

    private static String plural(DataCheck c) {
        return c.result().count() == 1 ? "" : "s";
    }

    /** " (id: 5, 50, 500)" from the first sample rows, or "". */
    private static String sample(DataCheck c) {
        List<Map<String, Object>> s = c.result().sample();
        if (s == null || s.isEmpty()) {
            return "";
        }
        Map<String, Object> first = s.get(0);
        if (first.size() == 1) {
            String key = first.keySet().iterator().next();
            return " (" + key + ": " + s.stream().limit(3).map(r -> String.valueOf(r.get(key)))
                    .collect(Collectors.joining(", ")) + (s.size() > 3 ? ", ..." : "") + ")";
        }
        return " (e.g. " + s.stream().limit(2).map(Object::toString).collect(Collectors.joining(", "))
                + (s.size() > 2 ? ", ..." : "") + ")";
    }

    /** "public.orders" of "public.orders.status" (or of "public.users (a, b)"). */
    private static String table(String object) {
        int sp = object.indexOf(" (");
        if (sp > 0) {
            return object.substring(0, sp);
        }
        int first = object.indexOf('.');
        int last = object.lastIndexOf('.');
        return first >= 0 && last > first ? object.substring(0, last) : object;
    }

    private static String append(String message, String more) {
        if (message == null || message.isBlank()) {
            return more;
        }
        return message.strip() + " " + more;
    }
}
