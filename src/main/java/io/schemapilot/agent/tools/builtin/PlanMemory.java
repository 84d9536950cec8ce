package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The last plan {@code plan_migration} made in a session, so that {@code write_migration_files} and
 * {@code submit_plan} can take it by reference ({@code "use_last_plan": true}) instead of the model copying a long JSON
 * document back. One per session: {@link BuiltinTools#all()} gives each tool list its own.
 */
public final class PlanMemory {

    private final AtomicReference<JsonNode> last = new AtomicReference<>();

    /** Remembers {@code plan} (the MigrationPlan JSON). */
    public void remember(JsonNode plan) {
        last.set(plan);
    }

    /** The MigrationPlan JSON of the last plan, or null when none was made yet. */
    public JsonNode last() {
        return last.get();
    }
}
