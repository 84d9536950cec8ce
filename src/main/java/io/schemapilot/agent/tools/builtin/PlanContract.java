package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.plan.PlanCheck;
import io.schemapilot.report.Json;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.MigrationPlan;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The MigrationPlan contract (CLI-AND-REPORT.md, "The MigrationPlan") as checks on a JSON document, for plans a
 * model submits: the required fields and their types, the enums (risk levels, data impact, phase names, lock
 * modes), and the safety rules every step must meet: up SQL, down SQL or an explicit {@code irreversible} note,
 * and a verification query; a step whose SQL drops or loses data must be marked destructive. Extra fields are
 * allowed (the contract says add freely).
 */
public final class PlanContract {

    public static final Set<String> RISKS = Set.of("low", "medium", "high", "critical");
    public static final Set<String> DATA_IMPACTS = Set.of("none", "minimal", "significant", "destructive");
    public static final Set<String> PHASES = Set.of("expand", "backfill", "contract");
    /** Hazards whose statement removes data or objects: a step that has one must be marked destructive. */
    static final Set<String> DATA_LOSS = Set.of("drop-column", "drop-table", "cascade-to-dependents", "drop-schema",
            "drop-database", "truncate-table", "delete-without-where", "alter-column-type-lossy");

    private static final ObjectMapper LENIENT = Json.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanContract() {
    }

    /** Every way {@code plan} breaks the contract, one sentence each; empty when it is a valid MigrationPlan. */
    public static List<String> problems(JsonNode plan) {
        List<String> p = new ArrayList<>();
        if (plan == null || !plan.isObject()) {
            p.add("the plan must be a JSON object (the MigrationPlan)");
            return p;
        }
        text(plan, "title", "", p);
        text(plan, "summary", "", p);
        JsonNode target = object(plan, "target", "", p);
        if (target != null) {
            text(target, "engine", "target.", p);
        }
        JsonNode risk = object(plan, "risk", "", p);
        if (risk != null) {
            oneOf(risk, "overall", RISKS, "risk.", p, true);
            oneOf(risk, "data_impact", DATA_IMPACTS, "risk.", p, true);
            text(risk, "downtime", "risk.", p);
            oneOf(risk, "with_plan", RISKS, "risk.", p, false);
        }
        JsonNode changes = array(plan, "changes", "", p, true);
        if (changes != null) {
            for (int i = 0; i < changes.size(); i++) {
                JsonNode c = changes.get(i);
                String at = "changes[" + i + "].";
                if (!c.isObject()) {
                    p.add(at.substring(0, at.length() - 1) + " must be an object");
                    continue;
                }
                text(c, "action", at, p);
                text(c, "object", at, p);
                oneOf(c, "risk", RISKS, at, p, true);
            }
        }
        JsonNode findings = array(plan, "findings", "", p, true);
        if (findings != null) {
            for (int i = 0; i < findings.size(); i++) {
                JsonNode f = findings.get(i);
                String at = "findings[" + i + "].";
                if (!f.isObject()) {
                    p.add("findings[" + i + "] must be an object");
                    continue;
                }
                text(f, "hazard", at, p);
                oneOf(f, "risk", RISKS, at, p, true);
            }
        }
        JsonNode checks = array(plan, "data_checks", "", p, false);
        if (checks != null) {
            for (int i = 0; i < checks.size(); i++) {
                JsonNode c = checks.get(i);
                String at = "data_checks[" + i + "].";
                if (!c.isObject()) {
                    p.add("data_checks[" + i + "] must be an object");
                    continue;
                }
                text(c, "id", at, p);
                text(c, "kind", at, p);
                bool(c, "passed", at, p);
            }
        }
        phases(plan, p);
        JsonNode rollback = object(plan, "rollback", "", p);
        if (rollback != null) {
            array(rollback, "steps", "rollback.", p, true);
            text(rollback, "point_of_no_return", "rollback.", p);
        }
        JsonNode backup = object(plan, "backup", "", p);
        if (backup != null) {
            bool(backup, "required", "backup.", p);
            text(backup, "how", "backup.", p);
        }
        JsonNode checklist = array(plan, "checklist", "", p, true);
        if (checklist != null) {
            for (int i = 0; i < checklist.size(); i++) {
                JsonNode c = checklist.get(i);
                String at = "checklist[" + i + "].";
                if (!c.isObject()) {
                    p.add("checklist[" + i + "] must be an object {item, done}");
                    continue;
                }
                text(c, "item", at, p);
                bool(c, "done", at, p);
            }
        }
        JsonNode deployment = array(plan, "deployment", "", p, true);
        if (deployment != null) {
            for (int i = 0; i < deployment.size(); i++) {
                if (!deployment.get(i).isTextual()) {
                    p.add("deployment[" + i + "] must be a string");
                }
            }
        }
        JsonNode impact = object(plan, "estimated_impact", "", p);
        if (impact != null) {
            text(impact, "downtime", "estimated_impact.", p);
            number(impact, "lock_seconds_max", "estimated_impact.", p);
            number(impact, "total_seconds", "estimated_impact.", p);
        }
        JsonNode rehearsal = plan.get("rehearsal");
        if (rehearsal != null && !rehearsal.isNull()) {
            if (!rehearsal.isObject()) {
                p.add("'rehearsal' must be an object or null");
            } else {
                bool(rehearsal, "ran", "rehearsal.", p);
            }
        }
        if (p.isEmpty()) {
            destructiveSteps(plan, p);
        }
        return p;
    }

    private static void phases(JsonNode plan, List<String> p) {
        JsonNode phases = array(plan, "phases", "", p, true);
        if (phases == null) {
            return;
        }
        Set<String> ids = new HashSet<>();
        int steps = 0;
        for (int i = 0; i < phases.size(); i++) {
            JsonNode ph = phases.get(i);
            String at = "phases[" + i + "].";
            if (!ph.isObject()) {
                p.add("phases[" + i + "] must be an object {name, deploy_note, steps}");
                continue;
            }
            oneOf(ph, "name", PHASES, at, p, true);
            JsonNode ss = array(ph, "steps", at, p, true);
            if (ss == null) {
                continue;
            }
            for (int j = 0; j < ss.size(); j++) {
                JsonNode s = ss.get(j);
                steps++;
                String sat = at + "steps[" + j + "]";
                if (!s.isObject()) {
                    p.add(sat + " must be an object");
                    continue;
                }
                String id = s.path("id").isTextual() ? s.get("id").asText() : null;
                String label = id == null || id.isBlank() ? sat : "step " + id;
                if (id == null || id.isBlank()) {
                    p.add(sat + ".id must be a non-empty string such as \"1.1\"");
                } else if (!ids.add(id)) {
                    p.add("step id " + id + " is used twice");
                }
                String prefix = label + ": ";
                if (!nonBlank(s, "description")) {
                    p.add(prefix + "'description' must be a non-empty string");
                }
                if (!nonBlank(s, "up")) {
                    p.add(prefix + "'up' must be the step's SQL");
                }
                JsonNode down = s.get("down");
                boolean hasDown = down != null && down.isTextual() && !down.asText().isBlank();
                if (down != null && !down.isNull() && !down.isTextual()) {
                    p.add(prefix + "'down' must be SQL or null");
                }
                if (!hasDown && !nonBlank(s, "irreversible")) {
                    p.add(prefix + "has no 'down' SQL and no 'irreversible' note saying how to recover (e.g."
                            + " \"irreversible: restore from backup <where>\")");
                }
                if (!nonBlank(s, "verify")) {
                    p.add(prefix + "'verify' must be a query that returns rows only when the step failed");
                }
                if (!s.path("transactional").isBoolean()) {
                    p.add(prefix + "'transactional' must be true or false");
                }
                if (!s.path("destructive").isBoolean()) {
                    p.add(prefix + "'destructive' must be true or false");
                }
                if (!s.path("reversible").isBoolean()) {
                    p.add(prefix + "'reversible' must be true or false");
                } else if (s.get("reversible").asBoolean() && !hasDown) {
                    p.add(prefix + "is marked reversible but has no 'down' SQL");
                }
                JsonNode lock = s.get("lock");
                if (lock != null && !lock.isNull()) {
                    if (!lock.isTextual() || lockMode(lock.asText()) == null) {
                        p.add(prefix + "'lock' must be a PostgreSQL lock mode (ACCESS SHARE ... ACCESS EXCLUSIVE) or"
                                + " null, not " + lock);
                    }
                }
                JsonNode lt = s.get("lock_timeout_ms");
                if (lt != null && !lt.isNull() && (!lt.isNumber() || lt.asDouble() < 0)) {
                    p.add(prefix + "'lock_timeout_ms' must be a number >= 0");
                }
            }
        }
        if (steps == 0) {
            p.add("the plan has no steps: 'phases' must hold at least one step");
        }
    }

    /** A step whose up SQL drops or loses data ({@link #DATA_LOSS}) must say so ({@code destructive: true}). */
    private static void destructiveSteps(JsonNode plan, List<String> p) {
        MigrationPlan parsed;
        try {
            parsed = LENIENT.treeToValue(plan, MigrationPlan.class);
        } catch (Exception e) {
            p.add("the plan cannot be read as a MigrationPlan: " + oneLine(e.getMessage()));
            return;
        }
        PlanCheck.Result r;
        try {
            r = PlanCheck.run(parsed, AnalysisSettings.defaults(), null);
        } catch (RuntimeException e) {
            return; // the SQL could not be analysed: the contract checks above still hold
        }
        Set<String> said = new HashSet<>();
        for (PlanCheck.StepFinding f : r.findings()) {
            if (f.step() != null && !f.destructive() && DATA_LOSS.contains(f.finding().hazard())
                    && said.add(f.step() + f.finding().hazard())) {
                p.add("step " + f.step() + ": its SQL loses data (" + f.finding().hazard() + ") but it is not marked"
                        + " destructive; set destructive: true and give the backup to recover from");
            }
        }
    }

    /** {@code plan} as the report model (unknown fields ignored); the message names what does not fit. */
    static MigrationPlan read(JsonNode plan) throws io.schemapilot.agent.tools.ToolFailure {
        if (plan != null && plan.isTextual()) {
            try {
                plan = LENIENT.readTree(plan.asText());
            } catch (Exception e) {
                throw new io.schemapilot.agent.tools.ToolFailure("'plan' is not MigrationPlan JSON");
            }
        }
        if (plan == null || !plan.isObject()) {
            throw new io.schemapilot.agent.tools.ToolFailure("'plan' must be the MigrationPlan JSON object");
        }
        try {
            return LENIENT.treeToValue(plan, MigrationPlan.class);
        } catch (Exception e) {
            throw new io.schemapilot.agent.tools.ToolFailure("'plan' is not a MigrationPlan: " + oneLine(e.getMessage()));
        }
    }

    static LockMode lockMode(String s) {
        for (LockMode m : LockMode.values()) {
            if (m.sqlName().equalsIgnoreCase(s.strip())) {
                return m;
            }
        }
        return null;
    }

    private static boolean nonBlank(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank();
    }

    private static void text(JsonNode o, String field, String at, List<String> p) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            p.add("missing '" + at + field + "'");
        } else if (!v.isTextual() || v.asText().isBlank()) {
            p.add("'" + at + field + "' must be a non-empty string");
        }
    }

    private static void bool(JsonNode o, String field, String at, List<String> p) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            p.add("missing '" + at + field + "' (true or false)");
        } else if (!v.isBoolean()) {
            p.add("'" + at + field + "' must be true or false");
        }
    }

    private static void number(JsonNode o, String field, String at, List<String> p) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            p.add("missing '" + at + field + "' (a number)");
        } else if (!v.isNumber()) {
            p.add("'" + at + field + "' must be a number");
        }
    }

    private static void oneOf(JsonNode o, String field, Set<String> values, String at, List<String> p, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                p.add("missing '" + at + field + "' (one of " + sorted(values) + ")");
            }
        } else if (!v.isTextual() || !values.contains(v.asText())) {
            p.add("'" + at + field + "' must be one of " + sorted(values) + ", not " + v);
        }
    }

    private static JsonNode object(JsonNode o, String field, String at, List<String> p) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            p.add("missing '" + at + field + "'");
            return null;
        }
        if (!v.isObject()) {
            p.add("'" + at + field + "' must be an object");
            return null;
        }
        return v;
    }

    private static JsonNode array(JsonNode o, String field, String at, List<String> p, boolean required) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                p.add("missing '" + at + field + "' (a list)");
            }
            return null;
        }
        if (!v.isArray()) {
            p.add("'" + at + field + "' must be a list");
            return null;
        }
        return v;
    }

    private static List<String> sorted(Set<String> values) {
        List<String> out = new ArrayList<>();
        for (String r : List.of("low", "medium", "high", "critical", "none", "minimal", "significant", "destructive",
                "expand", "backfill", "contract")) {
            if (values.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String l = s.lines().findFirst().orElse("").strip();
        return l.length() > 200 ? l.substring(0, 197) + "..." : l;
    }
}
