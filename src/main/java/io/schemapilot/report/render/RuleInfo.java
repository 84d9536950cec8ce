package io.schemapilot.report.render;

import io.schemapilot.report.Risk;

/**
 * What a report needs to know about a hazard id beyond its findings (for SARIF's {@code tool.driver.rules}).
 *
 * @param shortDescription one sentence
 * @param help             one imperative line (plain text)
 * @param helpMarkdown     the hazard's doc, or null
 * @param defaultRisk      the hazard's default risk
 */
public record RuleInfo(String id, String shortDescription, String help, String helpMarkdown, Risk defaultRisk) {
}
