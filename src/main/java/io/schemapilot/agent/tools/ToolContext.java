package io.schemapilot.agent.tools;

import io.schemapilot.agent.skill.SkillCatalog;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What every tool call may use: where the project is (file tools stay inside it), where the current schema comes
 * from, the skills, the confirmation gate, the environment external commands may inherit, and the limits.
 *
 * @param projectRoot the project's folder; {@code read_file} and friends refuse paths outside it
 * @param target      the current schema: {@code --db} / {@code --schema} / none
 * @param skills      the skills offered to the persona
 * @param gate        decides whether a write or destructive tool may run
 * @param environment the variables external commands may inherit by name (never written into transcripts)
 * @param resultDir   where a full result is kept when the text sent to the model is capped (created on demand)
 * @param limits      caps and timeouts
 */
public record ToolContext(Path projectRoot, CatalogTarget.Source target, SkillCatalog skills, ConfirmationGate gate,
                          Map<String, String> environment, Path resultDir, Limits limits) {

    public ToolContext {
        projectRoot = projectRoot.toAbsolutePath().normalize();
        target = target == null ? CatalogTarget.Source.none() : target;
        environment = Map.copyOf(environment);
        limits = limits == null ? Limits.DEFAULT : limits;
    }

    /**
     * @param maxResultChars the most characters of one tool result the model sees; more is summarised with a
     *                       pointer to the full result
     * @param queryRowCap    the most rows {@code run_query} returns
     * @param queryTimeout   {@code statement_timeout} of {@code run_query} and the data checks
     */
    public record Limits(int maxResultChars, int queryRowCap, Duration queryTimeout) {
        public static final Limits DEFAULT = new Limits(12_000, 200, Duration.ofSeconds(15));
    }
}
