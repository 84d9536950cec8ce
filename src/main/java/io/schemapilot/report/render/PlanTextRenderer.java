package io.schemapilot.report.render;

import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Finding;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;

/**
 * The migration plan for a terminal: the contract's sections in order, SQL indented under each step. No colour
 * codes (plans are long and often piped to a file or pager).
 */
public final class PlanTextRenderer {
    private static final String RULE = "-".repeat(78);

    public String render(MigrationPlan p) {
        StringBuilder sb = new StringBuilder();
        sb.append(p.title()).append('\n').append("=".repeat(Math.min(78, p.title().length()))).append("\n\n");
        sb.append(p.summary()).append('\n');
        MigrationPlan.Target t = p.target();
        sb.append("Target: PostgreSQL ").append(t.version()).append(t.database() == null ? "" : ", database "
                + t.database()).append(" (catalog: ").append(t.source()).append(")\n\n");

        MigrationPlan.RiskAssessment r = p.risk();
        section(sb, "RISK");
        sb.append("  overall (as written): ").append(r.overall().id()).append('\n');
        sb.append("  with this plan:       ").append(r.withPlan().id()).append('\n');
        sb.append("  data impact:          ").append(r.dataImpact()).append('\n');
        sb.append("  downtime:             ").append(r.downtime()).append('\n');
        for (String reason : r.reasons()) {
            sb.append("  - ").append(reason).append('\n');
        }
        sb.append('\n');

        section(sb, "CHANGES");
        int i = 0;
        for (MigrationPlan.ChangeItem c : p.changes()) {
            sb.append(String.format("  %2d. %-8s %s %s  [%s] -> steps %s%n", ++i, c.risk().id(), c.action(),
                    c.object() == null ? "" : c.object(), c.recipe(), String.join(", ", c.steps())));
        }
        sb.append('\n');

        section(sb, "FINDINGS");
        if (p.findings().isEmpty()) {
            sb.append("  none\n");
        }
        for (Finding f : p.findings()) {
            sb.append("  ").append(f.risk().id().toUpperCase(java.util.Locale.ROOT)).append("  ").append(f.hazard())
                    .append("  statement ").append(f.statement()).append(", line ").append(f.line()).append('\n');
            sb.append("      ").append(f.message()).append('\n');
            sb.append("      instead: ").append(f.help()).append('\n');
        }
        sb.append('\n');

        section(sb, "DATA CHECKS");
        if (p.dataChecks().isEmpty()) {
            sb.append("  none ran (give --db, or a --schema file with data)\n");
        }
        for (DataCheck d : p.dataChecks()) {
            sb.append("  ").append(d.passed() ? "pass" : "FAIL").append("  ").append(d.id()).append("  ")
                    .append(d.object()).append("  count ").append(d.result() == null ? "?" : d.result().count())
                    .append('\n');
        }
        sb.append('\n');

        section(sb, "EXECUTION STEPS");
        int phaseNo = 0;
        for (MigrationPlan.Phase ph : p.phases()) {
            sb.append("  Phase ").append(++phaseNo).append(": ").append(ph.name()).append('\n');
            for (MigrationPlan.Step s : ph.steps()) {
                sb.append("\n  ").append(s.id()).append("  ").append(s.description()).append('\n');
                sb.append("       ").append(PlanMarkdownRenderer.facts(s).replace("**", "")).append('\n');
                sb.append(indent(s.up(), 7)).append('\n');
                if (s.down() == null) {
                    sb.append("       down: ").append(s.irreversible()).append('\n');
                }
            }
            if (ph.deployNote() != null) {
                sb.append("\n  >> DEPLOY POINT: ").append(ph.deployNote()).append('\n');
            }
            sb.append('\n');
        }

        section(sb, "ROLLBACK");
        sb.append("  point of no return: ").append(p.rollback().pointOfNoReturn()).append('\n');
        for (String step : p.rollback().steps()) {
            sb.append(indent(step, 2)).append('\n');
        }
        sb.append('\n');

        section(sb, "REHEARSAL");
        Rehearsal h = p.rehearsal();
        if (h == null) {
            sb.append("  not rehearsed (--rehearse)\n");
        } else {
            sb.append("  ran: ").append(h.ran()).append(", up ok: ").append(h.upOk()).append(", down ok: ")
                    .append(h.downOk()).append(", re-apply ok: ").append(h.reapplyOk()).append(", schema restored: ")
                    .append(h.schemaRestored()).append('\n');
            for (String d : h.differences()) {
                sb.append("  - ").append(d).append('\n');
            }
            for (Rehearsal.Lock l : h.locks()) {
                sb.append("  - lock: step ").append(l.step()).append(" held ").append(l.lock()).append(" (")
                        .append(l.lock().blocksSummary()).append(") on ").append(l.object()).append(" for ")
                        .append(l.heldMs()).append(" ms")
                        .append(l.observed() ? "" : " (lock model: runs outside a transaction)")
                        .append(l.hazards().isEmpty() ? "" : "  [" + String.join(", ", l.hazards()) + "]")
                        .append('\n');
            }
            for (Rehearsal.Rewrite w : h.rewrites()) {
                sb.append("  - rewrite: step ").append(w.step()).append(" rewrote ").append(w.object()).append('\n');
            }
            for (String n : h.notes()) {
                sb.append("  - ").append(n).append('\n');
            }
        }
        sb.append('\n');

        section(sb, "SAFETY CHECKLIST");
        for (MigrationPlan.ChecklistItem c : p.checklist()) {
            sb.append("  [").append(c.done() ? "x" : " ").append("] ").append(c.item())
                    .append(c.note() == null ? "" : " (" + c.note() + ")").append('\n');
        }
        sb.append('\n');

        section(sb, "DEPLOYMENT");
        i = 0;
        for (String d : p.deployment()) {
            sb.append(String.format("  %d. %s%n", ++i, d));
        }
        sb.append('\n');

        MigrationPlan.EstimatedImpact e = p.estimatedImpact();
        section(sb, "ESTIMATED IMPACT");
        sb.append("  downtime: ").append(e.downtime()).append('\n');
        sb.append("  longest blocking lock: ").append(PlanMarkdownRenderer.num(e.lockSecondsMax())).append(" s\n");
        sb.append("  total: ").append(PlanMarkdownRenderer.num(e.totalSeconds())).append(" s")
                .append(e.estimated() ? "" : " (some steps unknown: no sizes)").append('\n');

        if (p.seedData() != null && !p.seedData().isEmpty()) {
            sb.append('\n');
            section(sb, "SEED DATA");
            for (MigrationPlan.SeedData s : p.seedData()) {
                sb.append(indent(s.sql(), 2)).append('\n');
            }
        }
        if (p.notes() != null && !p.notes().isEmpty()) {
            sb.append('\n');
            section(sb, "NOTES");
            for (String n : p.notes()) {
                sb.append("  - ").append(n).append('\n');
            }
        }
        return sb.toString();
    }

    private static void section(StringBuilder sb, String name) {
        sb.append(name).append('\n').append(RULE).append('\n');
    }

    private static String indent(String text, int n) {
        String pad = " ".repeat(n);
        return pad + text.replace("\n", "\n" + pad);
    }
}
