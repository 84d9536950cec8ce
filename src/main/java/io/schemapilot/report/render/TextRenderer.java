package io.schemapilot.report.render;

import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.ParseError;
import io.schemapilot.report.Risk;
import io.schemapilot.report.UnusedIgnore;
import java.util.Locale;

/**
 * The terminal report of {@code check}: per finding {@code path:line:col  RISK  hazard-id  message}, the statement
 * excerpt, the help line and the fix SQL; then one summary line. Colour (ANSI) only when asked for; the caller
 * decides (a terminal, no {@code --no-color}, no {@code NO_COLOR}).
 */
public final class TextRenderer {
    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String MAGENTA = "\u001b[35m";
    private static final String CYAN = "\u001b[36m";

    private final boolean color;

    public TextRenderer(boolean color) {
        this.color = color;
    }

    public String render(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        for (FileReport file : report.files()) {
            renderFile(sb, file);
        }
        if (report.dataChecks() != null && !report.dataChecks().isEmpty()) {
            sb.append(paint(BOLD, "data checks")).append('\n');
            for (io.schemapilot.report.DataCheck c : report.dataChecks()) {
                String verdict = c.passed() ? paint(GREEN, "pass") : paint(RED, "FAIL");
                sb.append("  ").append(verdict).append("  ").append(c.id()).append("  ")
                        .append(DataCheckText.result(c)).append('\n');
            }
            sb.append('\n');
        }
        sb.append(paint(BOLD, Summary.line(report))).append("; max risk: ")
                .append(paint(riskColor(report.maxRisk()), report.maxRisk().id())).append('\n');
        if (report.assumptions() != null) {
            for (String a : report.assumptions()) {
                sb.append(paint(DIM, "assumed: " + a)).append('\n');
            }
        }
        return sb.toString();
    }

    private void renderFile(StringBuilder sb, FileReport file) {
        if (file.error() != null) {
            sb.append(paint(BOLD, file.path())).append(": ").append(paint(RED, "error")).append(": ")
                    .append(file.error()).append('\n').append('\n');
            return;
        }
        for (Finding f : file.findings()) {
            sb.append(paint(BOLD, file.path() + ":" + f.line() + ":" + f.column())).append("  ")
                    .append(paint(riskColor(f.risk()), f.risk().id().toUpperCase(Locale.ROOT))).append("  ")
                    .append(paint(CYAN, f.hazard())).append("  ")
                    .append(f.message()).append('\n');
            String excerpt = file.excerpt(f.statement());
            if (!excerpt.isEmpty()) {
                sb.append(paint(DIM, String.format(Locale.ROOT, "%6d | %s", f.line(), excerpt))).append('\n');
            }
            if (f.help() != null && !f.help().isBlank()) {
                sb.append("    ").append(paint(GREEN, "help:")).append(' ').append(f.help()).append('\n');
            }
            if (f.fix() != null && !f.fix().isBlank()) {
                sb.append("    ").append(paint(GREEN, "fix:")).append('\n');
                for (String line : f.fix().strip().split("\\R")) {
                    sb.append("        ").append(line).append('\n');
                }
            }
            sb.append('\n');
        }
        for (ParseError p : file.parseErrors()) {
            sb.append(paint(BOLD, file.path() + ":" + p.line() + ":" + p.column())).append("  ")
                    .append(paint(DIM, "NOTE")).append("  statement ").append(p.statement())
                    .append(" could not be parsed (token-level checks still ran): ").append(p.message()).append('\n');
        }
        if (file.unusedIgnores() != null) {
            for (UnusedIgnore u : file.unusedIgnores()) {
                sb.append(paint(BOLD, file.path() + ":" + u.line())).append("  ")
                        .append(paint(YELLOW, "WARNING")).append("  unused-ignore  schemapilot:ignore ")
                        .append(u.hazard()).append(": ").append(u.reason()).append('\n');
            }
        }
        if (!file.parseErrors().isEmpty() || (file.unusedIgnores() != null && !file.unusedIgnores().isEmpty())) {
            sb.append('\n');
        }
    }

    private static String riskColor(Risk r) {
        return switch (r) {
            case CRITICAL -> BOLD + MAGENTA;
            case HIGH -> BOLD + RED;
            case MEDIUM -> YELLOW;
            case LOW -> CYAN;
        };
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
