package io.schemapilot.report.render;

import io.schemapilot.report.Json;
import io.schemapilot.report.Rehearsal;
import java.util.Map;

/** Renders a {@link Rehearsal}: JSON ({@code {"rehearsal": {...}}}), text for terminals, Markdown for reviews. */
public final class RehearsalRenderer {

    public String json(Rehearsal r) {
        return Json.write(Map.of("rehearsal", r)) + "\n";
    }

    public String text(Rehearsal r) {
        StringBuilder sb = new StringBuilder();
        sb.append("rehearsal: ").append(verdict(r)).append('\n');
        sb.append("  up: ").append(up(r)).append("   down: ").append(ok(r.downOk()))
                .append("   schema restored: ").append(ok(r.schemaRestored())).append("   re-apply: ")
                .append(ok(r.reapplyOk())).append('\n');
        if (!r.statements().isEmpty()) {
            sb.append("\nstatements\n");
            for (Rehearsal.StatementRun s : r.statements()) {
                sb.append(String.format("  %-8s %-9s %8.1f ms  %s%n", s.phase(), s.step(), s.ms(),
                        s.ok() ? s.sql() : s.sql() + "\n      FAILED: " + s.error()));
            }
        }
        if (!r.locks().isEmpty()) {
            sb.append("\nlocks observed\n");
            for (Rehearsal.Lock l : r.locks()) {
                sb.append(String.format("  %-9s %-22s %-28s held %d ms%s%s%n", l.step(), l.lock().sqlName(), l.object(),
                        l.heldMs(), l.observed() ? "" : " (lock model: runs outside a transaction)",
                        l.hazards().isEmpty() ? "" : "  [" + String.join(", ", l.hazards()) + "]"));
            }
        }
        if (!r.rewrites().isEmpty()) {
            sb.append("\ntables rewritten\n");
            r.rewrites().forEach(w -> sb.append("  ").append(w.step()).append("  ").append(w.object()).append('\n'));
        }
        if (!r.differences().isEmpty()) {
            sb.append("\nthe down left the schema different\n");
            r.differences().forEach(d -> sb.append("  - ").append(d).append('\n'));
        }
        if (r.notes() != null && !r.notes().isEmpty()) {
            sb.append('\n');
            r.notes().forEach(n -> sb.append("note: ").append(n).append('\n'));
        }
        return sb.toString();
    }

    public String markdown(Rehearsal r) {
        StringBuilder sb = new StringBuilder("## Rehearsal: ").append(verdict(r)).append("\n\n");
        sb.append("| up | down | schema restored | re-apply |\n|---|---|---|---|\n| ").append(up(r))
                .append(" | ").append(ok(r.downOk())).append(" | ").append(ok(r.schemaRestored())).append(" | ")
                .append(ok(r.reapplyOk())).append(" |\n\n");
        if (!r.locks().isEmpty()) {
            sb.append("| step | lock | object | held (ms) | hazards |\n|---|---|---|---|---|\n");
            for (Rehearsal.Lock l : r.locks()) {
                sb.append("| ").append(l.step()).append(" | ").append(l.lock().sqlName()).append(" | ")
                        .append(MarkdownRenderer.text(l.object())).append(" | ").append(l.heldMs())
                        .append(l.observed() ? "" : " (model)").append(" | ")
                        .append(String.join(", ", l.hazards())).append(" |\n");
            }
            sb.append('\n');
        }
        if (!r.rewrites().isEmpty()) {
            sb.append("Rewritten: ");
            r.rewrites().forEach(w -> sb.append(MarkdownRenderer.code(w.object())).append(" (step ")
                    .append(w.step()).append(") "));
            sb.append("\n\n");
        }
        for (String d : r.differences()) {
            sb.append("- ").append(MarkdownRenderer.text(d)).append('\n');
        }
        for (Rehearsal.StatementRun s : r.statements()) {
            if (!s.ok()) {
                sb.append("\n**Failed** at ").append(s.phase()).append(" step ").append(s.step()).append(": ")
                        .append(MarkdownRenderer.text(s.error())).append('\n');
            }
        }
        if (r.notes() != null) {
            r.notes().forEach(n -> sb.append("\n> ").append(MarkdownRenderer.text(n)).append('\n'));
        }
        return sb.toString();
    }

    /** The rehearsal proved what it set out to prove. */
    public static boolean passed(Rehearsal r) {
        if (!r.ran() || !r.upOk() || r.incomplete() != null) {
            return false;
        }
        return r.downOk() == null || (r.downOk() && Boolean.TRUE.equals(r.schemaRestored())
                && Boolean.TRUE.equals(r.reapplyOk()));
    }

    private static String verdict(Rehearsal r) {
        if (!r.ran()) {
            return "not run";
        }
        if (r.incomplete() != null && r.upOk()) {
            return "not passed: the shadow database was incomplete";
        }
        if (!passed(r)) {
            return "FAILED";
        }
        return r.downOk() == null ? "up passed (no down given: rollback untested)" : "passed";
    }

    /** "not run" when the rehearsal never started (no shadow, SQL that cannot be split): the up did not fail. */
    private static String up(Rehearsal r) {
        return r.ran() ? ok(r.upOk()) : "not run";
    }

    private static String ok(Boolean b) {
        return b == null ? "-" : b ? "ok" : "FAILED";
    }
}
