package io.schemapilot.report.render;

import io.schemapilot.report.CheckReport;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.Json;
import io.schemapilot.report.ParseError;
import io.schemapilot.report.Risk;
import io.schemapilot.report.UnusedIgnore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code check} report as SARIF 2.1.0 (for GitHub code scanning and other SARIF viewers): one run, the hazards
 * that occur as {@code tool.driver.rules}, one result per finding. Levels: critical and high are {@code error},
 * medium {@code warning}, low {@code note}. Files that could not be read, unparsable statements and unused ignore
 * comments become tool execution notifications.
 */
public final class SarifRenderer {
    public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    public static final String INFORMATION_URI = "https://github.com/schemapilot/schemapilot";

    private final Function<String, RuleInfo> rules;

    /** @param rules what is known about a hazard id (may return null: the findings then describe the rule) */
    public SarifRenderer(Function<String, RuleInfo> rules) {
        this.rules = rules;
    }

    public SarifRenderer() {
        this(id -> null);
    }

    /** The SARIF level of a risk. */
    public static String level(Risk risk) {
        return switch (risk) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW -> "note";
        };
    }

    public String render(CheckReport report) {
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        List<Object> ruleList = new ArrayList<>();
        List<Object> results = new ArrayList<>();
        List<Object> notifications = new ArrayList<>();
        for (FileReport file : report.files()) {
            String uri = uri(file.path());
            if (file.error() != null) {
                notifications.add(notification("error", file.path() + ": not checked: " + file.error(), uri, 0, 0));
                continue;
            }
            for (Finding f : file.findings()) {
                Integer index = ruleIndex.get(f.hazard());
                if (index == null) {
                    index = ruleList.size();
                    ruleIndex.put(f.hazard(), index);
                    ruleList.add(rule(f));
                }
                results.add(result(f, index, uri, file.excerpt(f.statement())));
            }
            for (ParseError p : file.parseErrors()) {
                notifications.add(notification("note", "statement " + p.statement()
                        + " could not be parsed; token-level checks still ran: " + p.message(), uri, p.line(), p.column()));
            }
            if (file.unusedIgnores() != null) {
                for (UnusedIgnore u : file.unusedIgnores()) {
                    notifications.add(notification("warning", "schemapilot:ignore " + u.hazard() + ": " + u.reason(),
                            uri, u.line(), 0));
                }
            }
        }

        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", report.tool());
        driver.put("version", report.version());
        driver.put("semanticVersion", report.version());
        driver.put("informationUri", INFORMATION_URI);
        driver.put("rules", ruleList);

        Map<String, Object> invocation = new LinkedHashMap<>();
        invocation.put("executionSuccessful", !report.hasFileErrors());
        if (!notifications.isEmpty()) {
            invocation.put("toolExecutionNotifications", notifications);
        }

        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("pg_version", report.pgVersion());
        properties.put("max_risk", report.maxRisk().id());
        if (report.assumptions() != null && !report.assumptions().isEmpty()) {
            properties.put("assumptions", report.assumptions());
        }

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("invocations", List.of(invocation));
        run.put("columnKind", "unicodeCodePoints");
        run.put("results", results);
        run.put("properties", properties);

        Map<String, Object> sarif = new LinkedHashMap<>();
        sarif.put("$schema", SCHEMA);
        sarif.put("version", "2.1.0");
        sarif.put("runs", List.of(run));
        return Json.write(sarif) + "\n";
    }

    private Map<String, Object> rule(Finding first) {
        RuleInfo info = rules.apply(first.hazard());
        String shortDescription = info != null && info.shortDescription() != null ? info.shortDescription()
                : humanize(first.hazard());
        String help = info != null && info.help() != null ? info.help()
                : first.help() != null ? first.help() : shortDescription;
        Risk risk = info != null && info.defaultRisk() != null ? info.defaultRisk() : first.risk();

        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", first.hazard());
        rule.put("name", camel(first.hazard()));
        rule.put("shortDescription", Map.of("text", shortDescription));
        Map<String, Object> helpObj = new LinkedHashMap<>();
        helpObj.put("text", help);
        if (info != null && info.helpMarkdown() != null) {
            helpObj.put("markdown", info.helpMarkdown());
        }
        rule.put("help", helpObj);
        rule.put("defaultConfiguration", Map.of("level", level(risk)));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("risk", risk.id());
        props.put("tags", List.of("postgresql", "migration"));
        rule.put("properties", props);
        return rule;
    }

    private static Map<String, Object> result(Finding f, int ruleIndex, String uri, String excerpt) {
        Map<String, Object> region = new LinkedHashMap<>();
        region.put("startLine", Math.max(1, f.line()));
        region.put("startColumn", Math.max(1, f.column()));
        if (excerpt != null && !excerpt.isEmpty()) {
            region.put("snippet", Map.of("text", excerpt));
        }
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri));
        physical.put("region", region);

        Map<String, Object> props = new LinkedHashMap<>();
        props.put("risk", f.risk().id());
        props.put("statement", f.statement());
        if (f.object() != null) {
            props.put("object", f.object());
        }
        if (f.lock() != null) {
            props.put("lock", f.lock().sqlName());
        }
        props.put("rewrite", f.rewrite());
        if (f.help() != null) {
            props.put("help", f.help());
        }
        if (f.fix() != null) {
            props.put("fix", f.fix());
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ruleId", f.hazard());
        result.put("ruleIndex", ruleIndex);
        result.put("level", level(f.risk()));
        result.put("message", Map.of("text", f.message()));
        result.put("locations", List.of(Map.of("physicalLocation", physical)));
        result.put("properties", props);
        return result;
    }

    private static Map<String, Object> notification(String level, String text, String uri, int line, int column) {
        Map<String, Object> physical = new LinkedHashMap<>();
        physical.put("artifactLocation", Map.of("uri", uri));
        if (line > 0) {
            Map<String, Object> region = new LinkedHashMap<>();
            region.put("startLine", line);
            if (column > 0) {
                region.put("startColumn", column);
            }
            physical.put("region", region);
        }
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("level", level);
        n.put("message", Map.of("text", text));
        n.put("locations", List.of(Map.of("physicalLocation", physical)));
        return n;
    }

    /** A relative path stays relative (resolved against the repository root by viewers); separators become '/'. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        try {
            if (p.startsWith("/")) {
                return new URI("file", "", p, null).toASCIIString();
            }
            return new URI(null, null, p, null).toASCIIString();
        } catch (URISyntaxException e) {
            return p;
        }
    }

    private static String humanize(String id) {
        String s = id.replace('-', ' ');
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String camel(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            if (!part.isEmpty()) {
                sb.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
            }
        }
        return sb.toString();
    }
}
