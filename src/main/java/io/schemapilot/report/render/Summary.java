package io.schemapilot.report.render;

import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Risk;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The one-line summary the text and Markdown renderers share: "3 findings (1 critical, 2 high) in 2 files". */
final class Summary {

    private Summary() {
    }

    /** Findings per risk, highest first, only the risks that occur: "1 critical, 2 high". */
    static String byRisk(CheckReport report) {
        Map<Risk, Integer> counts = new EnumMap<>(Risk.class);
        for (FileReport f : report.files()) {
            for (Finding x : f.findings()) {
                counts.merge(x.risk(), 1, Integer::sum);
            }
        }
        List<String> parts = new ArrayList<>();
        Risk[] risks = Risk.values();
        for (int i = risks.length - 1; i >= 0; i--) {
            Integer n = counts.get(risks[i]);
            if (n != null) {
                parts.add(n + " " + risks[i].id());
            }
        }
        return String.join(", ", parts);
    }

    /** "3 findings (1 critical, 2 high) in 2 files; 1 file not checked (input error)". */
    static String line(CheckReport report) {
        int findings = report.findingCount();
        int files = report.files().size();
        long failed = report.files().stream().filter(f -> f.error() != null).count();
        StringBuilder sb = new StringBuilder();
        sb.append(plural(findings, "finding"));
        if (findings > 0) {
            sb.append(" (").append(byRisk(report)).append(')');
        }
        sb.append(" in ").append(plural(files, "file"));
        if (failed > 0) {
            sb.append(", ").append(plural((int) failed, "file")).append(" not checked (input error)");
        }
        return sb.toString();
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
