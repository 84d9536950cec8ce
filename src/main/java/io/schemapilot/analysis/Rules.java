package io.schemapilot.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The rule of every hazard, found by name: {@code Hazard.ADD_COLUMN_JSON} is {@code rules.AddColumnJsonRule}. */
public final class Rules {
    public static final String PACKAGE = "io.schemapilot.analysis.rules";

    private static volatile List<Rule> all;

    private Rules() {
    }

    /** One instance of every rule class that exists (the catalog test makes sure all 60 do). */
    public static List<Rule> all() {
        List<Rule> r = all;
        if (r == null) {
            List<Rule> out = new ArrayList<>();
            for (Hazard h : Hazard.values()) {
                Rule rule = forHazard(h);
                if (rule != null) {
                    out.add(rule);
                }
            }
            r = Collections.unmodifiableList(out);
            all = r;
        }
        return r;
    }

    /** The rule of {@code h}, or null when its class does not exist. */
    public static Rule forHazard(Hazard h) {
        try {
            Class<?> c = Class.forName(PACKAGE + "." + h.ruleClassName());
            return (Rule) c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("rule " + h.ruleClassName() + " cannot be created: " + e, e);
        }
    }
}
