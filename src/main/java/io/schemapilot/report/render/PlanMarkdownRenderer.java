package io.schemapilot.report.render;

import io.schemapilot.report.DataCheck;
import io.schemapilot.report.Finding;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import java.util.List;

/**
 * The migration plan as Markdown for a pull request, with the sections of the contract in its order: title,
 * Summary, Risk Assessment, Changes, Findings, Data Checks, Execution Steps, Rollback Plan, Rehearsal, Safety
 * Checklist, Deployment Steps, Estimated Impact; then Seed Data and Notes when there are any. Rendered from the
 * model only.
 */
public final class PlanMarkdownRenderer {

    public String render(MigrationPlan p) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(p.title()).append("\n\n");

        sb.append("## Summary\n\n").append(p.summary()).append("\n\n");
        MigrationPlan.Target t = p.target();
        sb.append("Target: PostgreSQL ").append(t.version());
        if (t.database() != null) {
            sb.append(", database `").append(t.database()).append('`');
        }
        sb.append(" (catalog: ").append(t.source()).append(").\n\n");

        MigrationPlan.RiskAssessment r = p.risk();
        sb.append("## Risk Assessment\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| Overall (as written) | **").append(r.overall().id()).append("** |\n");
        sb.append("| With this plan | **").append(r.withPlan().id()).append("** |\n");
        sb.append("| Data impact | ").append(r.dataImpact()).append(" |\n");
        sb.append("| Downtime | ").append(cell(r.downtime())).append(" |\n\n");
        for (String reason : r.reasons()) {
            sb.append("- ").append(reason).append('\n');
        }
        if (!r.reasons().isEmpty()) {
            sb.append('\n');
        }

        sb.append("## Changes\n\n");
        if (p.changes().isEmpty()) {
            sb.append("None.\n\n");
        } else {
            sb.append("| # | Action | Object | Risk | Hazards | Recipe | Steps |\n|---|---|---|---|---|---|---|\n");
            int i = 0;
            for (MigrationPlan.ChangeItem c : p.changes()) {
                i++;
                sb.append("| ").append(i).append(" | ").append(c.action()).append(" | ")
                        .append(c.object() == null ? "" : "`" + c.object() + "`").append(" | ").append(c.risk().id())
                        .append(" | ").append(c.hazards().isEmpty() ? "" : "`" + String.join("`, `", c.hazards()) + "`")
                        .append(" | ").append(c.recipe()).append(" | ").append(String.join(", ", c.steps()))
                        .append(" |\n");
            }
            sb.append('\n');
        }

        sb.append("## Findings\n\n");
        if (p.findings().isEmpty()) {
            sb.append("None.\n\n");
        } else {
            for (Finding f : p.findings()) {
                sb.append("- **").append(f.risk().id()).append("** `").append(f.hazard()).append("` — statement ")
                        .append(f.statement()).append(" (line ").append(f.line()).append(")")
                        .append(f.object() == null ? "" : ", `" + f.object() + "`").append(": ").append(f.message())
                        .append("  \n  *Instead:* ").append(f.help()).append('\n');
            }
            sb.append('\n');
        }

        sb.append("## Data Checks\n\n");
        if (p.dataChecks().isEmpty()) {
            sb.append("None ran (give `--db`, or a `--schema` file with data).\n\n");
        } else {
            sb.append("| Check | Kind | Object | Count | Passed |\n|---|---|---|---|---|\n");
            for (DataCheck d : p.dataChecks()) {
                sb.append("| `").append(d.id()).append("` | ").append(d.kind()).append(" | `").append(d.object())
                        .append("` | ").append(d.result() == null ? "" : d.result().count()).append(d.exact() ? "" : " (est.)")
                        .append(" | ").append(d.passed() ? "yes" : "**no**").append(" |\n");
            }
            sb.append('\n');
        }

        sb.append("## Execution Steps\n\n");
        int phaseNo = 0;
        for (MigrationPlan.Phase ph : p.phases()) {
            phaseNo++;
            sb.append("### Phase ").append(phaseNo).append(": ").append(ph.name()).append("\n\n");
            for (MigrationPlan.Step s : ph.steps()) {
                sb.append("#### ").append(s.id()).append(" ").append(s.description()).append("\n\n");
                sb.append(facts(s)).append("\n\n");
                sb.append("```sql\n").append(s.up()).append("\n```\n\n");
                sb.append("<details><summary>Down and verification</summary>\n\n");
                if (s.down() != null) {
                    sb.append("Down").append(s.downTransactional() == s.transactional() ? ""
                            : s.downTransactional() ? " (in one transaction)" : " (outside a transaction)")
                            .append(":\n\n```sql\n").append(s.down()).append("\n```\n\n");
                } else {
                    sb.append("Down: **").append(s.irreversible()).append("**\n\n");
                }
                sb.append("Verify (returns rows only on failure):\n\n```sql\n").append(s.verify()).append("\n```\n\n");
                sb.append("</details>\n\n");
            }
            if (ph.deployNote() != null) {
                sb.append("> **Deploy point:** ").append(ph.deployNote()).append("\n\n");
            }
        }

        sb.append("## Rollback Plan\n\n");
        sb.append("**Point of no return:** ").append(p.rollback().pointOfNoReturn()).append("\n\n");
        sb.append("Run the downs in this order, from the last step that ran:\n\n");
        for (String step : p.rollback().steps()) {
            int colon = step.indexOf(':');
            String id = colon > 0 ? step.substring(0, colon) : "";
            String body = colon > 0 ? step.substring(colon + 1).strip() : step;
            if (body.startsWith("SET ") || body.contains("\n")) {
                sb.append("- **").append(id).append("**\n\n  ```sql\n").append(indent(body)).append("\n  ```\n");
            } else {
                sb.append("- **").append(id).append("** ").append(body).append('\n');
            }
        }
        sb.append('\n');

        sb.append("## Rehearsal\n\n");
        Rehearsal h = p.rehearsal();
        if (h == null) {
            sb.append("Not rehearsed (run with `--rehearse` to run up, down and up again on a shadow database).\n\n");
        } else if (!h.ran()) {
            sb.append("Did not run: ").append(String.join("; ", h.notes())).append("\n\n");
        } else {
            sb.append("| Up | Down | Re-apply | Schema restored |\n|---|---|---|---|\n| ").append(ok(h.upOk()))
                    .append(" | ").append(ok(h.downOk())).append(" | ").append(ok(h.reapplyOk())).append(" | ")
                    .append(ok(h.schemaRestored())).append(" |\n\n");
            for (String d : h.differences()) {
                sb.append("- difference: ").append(d).append('\n');
            }
            for (Rehearsal.Lock l : h.locks()) {
                sb.append("- lock: step ").append(l.step()).append(" held ").append(l.lock()).append(" (")
                        .append(l.lock().blocksSummary()).append(") on `").append(l.object()).append("` for ")
                        .append(l.heldMs()).append(" ms")
                        .append(l.observed() ? "" : " (lock model: runs outside a transaction)")
                        .append(l.hazards().isEmpty() ? "" : " — " + String.join(", ", l.hazards())).append('\n');
            }
            for (Rehearsal.Rewrite w : h.rewrites()) {
                sb.append("- rewrite: step ").append(w.step()).append(" rewrote `").append(w.object()).append("`\n");
            }
            for (String n : h.notes()) {
                sb.append("- ").append(n).append('\n');
            }
            sb.append('\n');
        }

        sb.append("## Safety Checklist\n\n");
        for (MigrationPlan.ChecklistItem c : p.checklist()) {
            sb.append("- [").append(c.done() ? "x" : " ").append("] ").append(c.item())
                    .append(c.note() == null ? "" : " — " + c.note()).append('\n');
        }
        sb.append('\n');

        sb.append("## Deployment Steps\n\n");
        int i = 0;
        for (String d : p.deployment()) {
            sb.append(++i).append(". ").append(d).append('\n');
        }
        sb.append('\n');

        MigrationPlan.EstimatedImpact e = p.estimatedImpact();
        sb.append("## Estimated Impact\n\n");
        sb.append("| | |\n|---|---|\n");
        sb.append("| Downtime | ").append(cell(e.downtime())).append(" |\n");
        sb.append("| Longest blocking lock | ").append(num(e.lockSecondsMax())).append(" s |\n");
        sb.append("| Total duration | ").append(num(e.totalSeconds())).append(" s").append(e.estimated() ? ""
                : " (some steps unknown: no sizes)").append(" |\n\n");

        if (p.seedData() != null && !p.seedData().isEmpty()) {
            sb.append("## Seed Data\n\n");
            for (MigrationPlan.SeedData s : p.seedData()) {
                sb.append("Example rows for `").append(s.table()).append("`:\n\n```sql\n").append(s.sql())
                        .append("\n```\n\n");
                if (s.note() != null) {
                    sb.append(s.note()).append("\n\n");
                }
            }
        }
        if (p.notes() != null && !p.notes().isEmpty()) {
            sb.append("## Notes\n\n");
            for (String n : p.notes()) {
                sb.append("- ").append(n).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    static String facts(MigrationPlan.Step s) {
        StringBuilder sb = new StringBuilder();
        sb.append("Lock: ").append(s.lock() == null ? "none on tables" : s.lock().sqlName())
                .append(" · lock_timeout ").append(s.lockTimeoutMs()).append(" ms · ")
                .append(s.transactional() ? "in a transaction" : "outside a transaction")
                .append(" · est. ").append(s.estimatedSeconds() == null ? "unknown" : num(s.estimatedSeconds()) + " s");
        if (s.batched()) {
            sb.append(" · batched");
        }
        if (s.destructive()) {
            sb.append(" · **destructive**");
        }
        sb.append(s.reversible() ? " · reversible" : " · **irreversible**");
        if (s.backup() != null) {
            sb.append(" · backup: ").append(s.backup());
        }
        return sb.toString();
    }

    static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String ok(Boolean b) {
        return b == null ? "—" : b ? "ok" : "**failed**";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }

    private static String indent(String body) {
        return "  " + body.replace("\n", "\n  ");
    }

    static List<String> lines(String s) {
        return List.of(s.split("\n", -1));
    }
}
