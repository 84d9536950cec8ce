package io.schemapilot.report.render;

import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.ParseError;
import io.schemapilot.report.UnusedIgnore;

/**
 * The {@code check} report as a pull-request comment (GitHub-flavoured Markdown): a header with the max risk and a
 * summary, then per file a table of findings (risk, line, statement, hazard, message, help) and the suggested fixes
 * folded away. No ANSI; everything comes from the model.
 */
public final class MarkdownRenderer {
    private static final int EXCERPT_MAX = 80;

    public String render(CheckReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("## schemapilot check: max risk **").append(report.maxRisk().id()).append("**\n\n");
        sb.append(Summary.line(report)).append(" · PostgreSQL ").append(report.pgVersion()).append("\n\n");
        for (FileReport file : report.files()) {
            renderFile(sb, file);
        }
        if (report.dataChecks() != null && !report.dataChecks().isEmpty()) {
            sb.append("**Data checks**\n\n| check | kind | object | result | passed |\n|---|---|---|---|---|\n");
            for (io.schemapilot.report.DataCheck c : report.dataChecks()) {
                sb.append("| ").append(code(c.id())).append(" | ").append(text(c.kind())).append(" | ")
                        .append(text(c.object())).append(" | ").append(text(DataCheckText.result(c))).append(" | ")
                        .append(c.passed() ? "yes" : "**no**").append(" |\n");
            }
            sb.append('\n');
        }
        if (report.assumptions() != null && !report.assumptions().isEmpty()) {
            sb.append("**Assumptions**\n\n");
            for (String a : report.assumptions()) {
                sb.append("- ").append(text(a)).append('\n');
            }
            sb.append('\n');
        }
        sb.append("<sub>").append(text(report.tool())).append(' ').append(text(report.version()))
                .append("</sub>\n");
        return sb.toString();
    }

    private void renderFile(StringBuilder sb, FileReport file) {
        sb.append("### ").append(code(file.path())).append("\n\n");
        if (file.error() != null) {
            sb.append("> **Error:** not checked: ").append(text(file.error())).append("\n\n");
            return;
        }
        if (file.findings().isEmpty()) {
            sb.append("No findings in ").append(Summary.plural(file.statements(), "statement")).append(".\n\n");
        } else {
            sb.append("| Risk | Line | Statement | Hazard | Message | Help |\n");
            sb.append("|---|---|---|---|---|---|\n");
            for (Finding f : file.findings()) {
                sb.append("| ").append(riskCell(f)).append(" | ").append(f.line()).append(" | ")
                        .append(excerptCell(file.excerpt(f.statement()))).append(" | ")
                        .append(code(f.hazard())).append(" | ").append(text(f.message())).append(" | ")
                        .append(f.help() == null ? "" : text(f.help())).append(" |\n");
            }
            sb.append('\n');
            for (Finding f : file.findings()) {
                if (f.fix() == null || f.fix().isBlank()) {
                    continue;
                }
                sb.append("<details><summary>Suggested fix for <code>").append(html(f.hazard()))
                        .append("</code> (line ").append(f.line()).append(")</summary>\n\n");
                sb.append(fence(f.fix().strip())).append("\n\n</details>\n\n");
            }
        }
        for (ParseError p : file.parseErrors()) {
            sb.append("- Note: statement ").append(p.statement()).append(" (line ").append(p.line())
                    .append(") could not be parsed; token-level checks still ran: ").append(text(p.message()))
                    .append('\n');
        }
        if (file.unusedIgnores() != null) {
            for (UnusedIgnore u : file.unusedIgnores()) {
                sb.append("- Warning: line ").append(u.line()).append(": ")
                        .append(code("schemapilot:ignore " + u.hazard())).append(' ').append(text(u.reason()))
                        .append('\n');
            }
        }
        if (!file.parseErrors().isEmpty() || (file.unusedIgnores() != null && !file.unusedIgnores().isEmpty())) {
            sb.append('\n');
        }
    }

    private static String riskCell(Finding f) {
        String id = f.risk().id();
        return switch (f.risk()) {
            case CRITICAL, HIGH -> "**" + id + "**";
            default -> id;
        };
    }

    private static String excerptCell(String excerpt) {
        if (excerpt == null || excerpt.isBlank()) {
            return "";
        }
        String e = excerpt.length() > EXCERPT_MAX ? excerpt.substring(0, EXCERPT_MAX - 3) + "..." : excerpt;
        return code(e);
    }

    /** Plain text for a table cell or a list item: no raw HTML, no cell breaks, no math ({@code $}), no line breaks. */
    static String text(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("|", "\\|").replace("$", "\\$").replaceAll("\\R", "<br>");
    }

    /** A code span; pipes escaped (GFM tables honour {@code \|} inside code spans). */
    static String code(String s) {
        String t = s.replaceAll("\\R", " ").replace("|", "\\|");
        String ticks = t.contains("`") ? "``" : "`";
        String pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
        return ticks + pad + t + pad + ticks;
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String fence(String sql) {
        String fence = "```";
        while (sql.contains(fence)) {
            fence += "`";
        }
        return fence + "sql\n" + sql + "\n" + fence;
    }
}
