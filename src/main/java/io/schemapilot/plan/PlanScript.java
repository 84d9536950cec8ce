package io.schemapilot.plan;

import io.schemapilot.report.MigrationPlan;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plan's steps as one SQL script, the way they run: transactional steps inside {@code BEGIN ... COMMIT},
 * non-transactional ones bare. Used to re-check a plan with the analyzer and to write it out. {@code ranges} maps the
 * script's statement numbers back to step ids.
 */
public record PlanScript(String sql, List<Range> ranges) {

    /** Statements {@code first..last} (1-based, inclusive) of the script belong to step {@code stepId}. */
    public record Range(String stepId, int first, int last) {
    }

    /** The ups, in execution order. */
    public static PlanScript up(MigrationPlan plan) {
        return of(plan.allSteps(), false);
    }

    /** The downs, in rollback order (reverse); irreversible steps become a comment. */
    public static PlanScript down(MigrationPlan plan) {
        List<MigrationPlan.Step> steps = new ArrayList<>(plan.allSteps());
        java.util.Collections.reverse(steps);
        return of(steps, true);
    }

    public static PlanScript of(List<MigrationPlan.Step> steps, boolean down) {
        StringBuilder sb = new StringBuilder();
        List<Range> ranges = new ArrayList<>();
        int next = 1;
        for (MigrationPlan.Step s : steps) {
            String body = down ? s.down() : s.up();
            boolean tx = down ? s.downTransactional() : s.transactional();
            sb.append("-- step ").append(s.id()).append(down ? " (down)" : "").append(": ")
                    .append(s.description().replace('\n', ' ')).append('\n');
            if (body == null) {
                sb.append("-- ").append(s.irreversible() == null ? "no down" : s.irreversible()).append("\n\n");
                continue;
            }
            String chunk = tx ? "BEGIN;\n" + body.strip() + "\nCOMMIT;\n" : body.strip() + "\n";
            int count = count(chunk);
            if (count > 0) {
                ranges.add(new Range(s.id(), next, next + count - 1));
                next += count;
            }
            sb.append(chunk).append('\n');
        }
        return new PlanScript(sb.toString(), List.copyOf(ranges));
    }

    private static int count(String sql) {
        try {
            return StatementSplitter.split(sql).statements().size();
        } catch (SqlSyntaxException e) {
            return 0;
        }
    }

    /** The step a statement of the script belongs to, or null. */
    public String stepOf(int statement) {
        for (Range r : ranges) {
            if (statement >= r.first() && statement <= r.last()) {
                return r.stepId();
            }
        }
        return null;
    }
}
