package io.schemapilot.agent.tools.builtin;

import io.schemapilot.agent.tools.AgentTool;
import java.util.ArrayList;
import java.util.List;

/** The Java tools of the agent (names in {@link io.schemapilot.agent.tools.KnownTools#BUILTIN}), in that order. */
public final class BuiltinTools {

    private BuiltinTools() {
    }

    /** A fresh set of the built-in tools for one session (they share one {@link PlanMemory}). */
    public static List<AgentTool> all() {
        return all(new PlanMemory());
    }

    /** The built-in tools sharing {@code memory} (the last plan, for write_migration_files and submit_plan). */
    public static List<AgentTool> all(PlanMemory memory) {
        List<AgentTool> tools = new ArrayList<>();
        tools.add(new DetectProjectTool());
        tools.add(new GitDiffTool());
        tools.add(new ReadFileTool());
        tools.add(new InspectSchemaTool());
        tools.add(new CheckMigrationTool());
        tools.add(new CheckDataTool());
        tools.add(new RunQueryTool());
        tools.add(new RehearseTool());
        tools.add(new PlanMigrationTool(memory));
        tools.add(new WriteMigrationFilesTool(memory));
        tools.add(new ReadSkillTool());
        tools.add(new SubmitPlanTool(memory));
        return tools;
    }
}
