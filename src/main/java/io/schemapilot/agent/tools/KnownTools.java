package io.schemapilot.agent.tools;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one list of tool names the agent knows without manifests: the Java tools (thin adapters over the services),
 * plus the table that maps Claude Code tool names found in imported persona files to ours. External-command tools
 * come on top of these from {@code tools/*.yaml} ({@link ToolManifestLoader}); a manifest may not reuse a name here.
 */
public final class KnownTools {

    /** The built-in (Java) tools, in the order a typical procedure calls them. */
    public static final List<String> BUILTIN = List.of(
            "detect_project",        // ORM, migration tool and engine of the project
            "git_diff",              // diff of schema and migration files
            "read_file",             // a file inside the project
            "inspect_schema",        // the current catalog (tables, columns, constraints, indexes, sizes)
            "check_migration",       // hazard analysis of migration SQL or a schema diff
            "check_data",            // nulls, duplicates, orphans, failing casts, CHECK violations
            "run_query",             // one read-only SELECT, capped and timed out
            "rehearse",              // up, lock trace, down, compare, up again on a shadow database
            "plan_migration",        // the MigrationPlan: phases, steps, up/down/verify
            "write_migration_files", // the plan as the project's migration tool files
            "read_skill",            // a skill body or one of its references
            "submit_plan");          // terminal: the MigrationPlan JSON

    /** Claude Code tool names that have a schemapilot equivalent. */
    public static final Map<String, String> CLAUDE_ALIASES = Map.of(
            "Read", "read_file",
            "Skill", "read_skill");

    private static final Set<String> BUILTIN_SET = Set.copyOf(BUILTIN);

    private KnownTools() {
    }

    public static boolean isBuiltin(String name) {
        return BUILTIN_SET.contains(name);
    }

    /** Our name for {@code name}: the alias target for a Claude Code name, else the name itself. */
    public static String canonical(String name) {
        return CLAUDE_ALIASES.getOrDefault(name, name);
    }

    /** The built-in names followed by {@code manifestNames}. */
    public static Set<String> with(Collection<String> manifestNames) {
        Set<String> all = new LinkedHashSet<>(BUILTIN);
        all.addAll(manifestNames);
        return all;
    }
}
