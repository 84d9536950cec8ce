package io.schemapilot.agent.tools;

import io.schemapilot.agent.skill.SkillCatalog;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Tool contexts for tests: a project folder, a target, a gate, limits; full results under the project. */
public final class TestContexts {

    private TestContexts() {
    }

    public static ToolContext of(Path project, CatalogTarget.Source target) {
        return of(project, target, ConfirmationGate.denyAll(), ToolContext.Limits.DEFAULT);
    }

    public static ToolContext of(Path project, CatalogTarget.Source target, ConfirmationGate gate,
                                 ToolContext.Limits limits) {
        return of(project, target, gate, limits, Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")),
                null, project.resolve(".schemapilot/results"));
    }

    public static ToolContext of(Path project, CatalogTarget.Source target, ConfirmationGate gate,
                                 ToolContext.Limits limits, Map<String, String> env, SkillCatalog skills,
                                 Path resultDir) {
        return new ToolContext(project, target, skills, gate, env, resultDir, limits);
    }

    public static ToolContext.Limits limits(int maxResultChars, int rowCap, Duration queryTimeout) {
        return new ToolContext.Limits(maxResultChars, rowCap, queryTimeout);
    }
}
