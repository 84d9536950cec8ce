package io.schemapilot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.Resources;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.KnownTools;
import io.schemapilot.agent.tools.ToolManifest;
import io.schemapilot.agent.tools.ToolManifestLoadResult;
import io.schemapilot.agent.tools.ToolManifestLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot tools}: the tools an agent can be given: the built-in Java tools, and the external-command
 * tools of the manifests in each {@code --tools DIR} and the built-in {@code tools/} (name, effect, timeout,
 * command template, source), with what could not be loaded per file.
 */
@Command(name = "tools", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "List the tools an agent can call: the built-in ones, and the external commands of the tool manifests"
                    + " (--tools DIR, then the built-in tools/), with load errors per file."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 listed (a manifest that failed to load is listed with its error); 2 a --tools folder"
                + " does not exist; 4 internal error.")
final class ToolsCommand implements Callable<Integer> {

    /** One line per built-in tool, for listings (the tools' own descriptions are what the model is given). */
    static final Map<String, String> BUILTIN_DESCRIPTIONS = Map.ofEntries(
            Map.entry("detect_project", "Detect the project's ORM, migration tool and database engine."),
            Map.entry("git_diff", "Show the git diff of the schema and migration files."),
            Map.entry("read_file", "Read a file inside the project (never outside it)."),
            Map.entry("inspect_schema", "The current catalog: tables, columns, constraints, indexes, sizes."),
            Map.entry("check_migration", "Hazard analysis of migration SQL or a schema diff: locks, rewrites, risks."),
            Map.entry("check_data", "Data checks: nulls, duplicates, orphans, failing casts, CHECK violations."),
            Map.entry("run_query", "Run one read-only SELECT in a read-only transaction, capped and timed out."),
            Map.entry("rehearse", "Rehearse on a shadow database: up, lock trace, down, compare, up again."),
            Map.entry("plan_migration", "Build the migration plan: phases, steps, up/down/verify SQL, rollback."),
            Map.entry("write_migration_files", "Write the plan as the project's migration tool files."),
            Map.entry("read_skill", "Read a skill's body or one of its reference files."),
            Map.entry("submit_plan", "Submit the final MigrationPlan JSON (ends the run)."));

    /** Built-in tools that change something (the others only read). */
    private static final Map<String, Effect> BUILTIN_EFFECTS = Map.of("write_migration_files", Effect.WRITE);

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--tools", paramLabel = "DIR",
            description = "Also load the tool manifests (*.yaml) in DIR (or the manifest file DIR); may be repeated.")
    List<Path> toolDirs = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Listings.Format format;

    @Mixin
    CommonOptions common;

    private record Loaded(ToolManifestLoadResult result, String origin, String problem) {
        boolean ok() {
            return result.ok() && problem == null;
        }
    }

    @Override
    public Integer call() {
        Listings.requireExisting(toolDirs, "--tools");
        Path cwd = Listings.workingDir();
        Resources resources = Listings.resources(root, cwd);
        ToolManifestLoader loader = new ToolManifestLoader();
        List<ToolManifestLoadResult> raw = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        for (Path dir : toolDirs) {
            for (ToolManifestLoadResult r : loader.load(dir)) {
                raw.add(r);
                origins.add("option");
            }
        }
        resources.tools().ifPresent(dir -> {
            for (ToolManifestLoadResult r : loader.loadDirectory(dir)) {
                raw.add(r);
                origins.add("built-in");
            }
        });
        // a name already taken by an earlier folder: the earlier manifest wins, the later one is not used
        List<Loaded> loaded = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            ToolManifestLoadResult r = raw.get(i);
            String problem = null;
            if (r.ok()) {
                Path earlier = seen.putIfAbsent(r.manifest().name(), r.source());
                if (earlier != null) {
                    problem = "the tool name '" + r.manifest().name() + "' is already used by " + earlier
                            + "; this manifest is not used";
                }
            }
            loaded.add(new Loaded(r, origins.get(i), problem));
        }

        String out = format == Listings.Format.JSON ? json(loaded) : text(loaded, cwd, resources);
        CommandIo.write(out, null, spec.commandLine().getOut());
        return ExitCode.OK.code();
    }

    private static Effect builtinEffect(String name) {
        return BUILTIN_EFFECTS.getOrDefault(name, Effect.READ);
    }

    private static String json(List<Loaded> loaded) {
        ArrayNode arr = Listings.array();
        for (String name : KnownTools.BUILTIN) {
            ObjectNode o = arr.addObject();
            o.put("name", name);
            o.put("kind", "builtin");
            o.put("description", BUILTIN_DESCRIPTIONS.getOrDefault(name, ""));
            o.put("effect", builtinEffect(name).label());
            o.putNull("source");
        }
        for (Loaded l : loaded) {
            ToolManifestLoadResult r = l.result();
            ObjectNode o = arr.addObject();
            if (!r.ok()) {
                o.putNull("name");
                o.put("kind", "manifest");
                Listings.unreadable(o, r.source(), l.origin(), r.error(), r.warnings());
                continue;
            }
            ToolManifest m = r.manifest();
            o.put("name", m.name());
            o.put("kind", "manifest");
            o.put("description", m.description());
            o.put("effect", m.effect().label());
            o.put("timeout", duration(m.timeout()));
            o.put("timeout_ms", m.timeout().toMillis());
            o.put("command", m.command().toString());
            o.set("arguments", Listings.strings(new ArrayList<>(m.arguments().keySet())));
            o.put("confirm", m.confirm() == null ? null : m.confirm().toString());
            o.set("pass_env", Listings.strings(m.passEnvironment()));
            o.put("source", String.valueOf(m.source() == null ? r.source() : m.source()));
            o.put("origin", l.origin());
            if (l.problem() != null) {
                o.put("error", l.problem());
            }
            o.set("warnings", Listings.strings(r.warnings()));
        }
        return Listings.writeJson(arr);
    }

    private static String text(List<Loaded> loaded, Path cwd, Resources resources) {
        StringBuilder sb = new StringBuilder("Built-in tools:\n");
        List<List<String>> rows = new ArrayList<>();
        for (String name : KnownTools.BUILTIN) {
            rows.add(List.of(name, builtinEffect(name).label(), BUILTIN_DESCRIPTIONS.getOrDefault(name, "")));
        }
        sb.append(indent(Listings.table(List.of("NAME", "EFFECT", "DESCRIPTION"), rows)));

        rows = new ArrayList<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        int ok = 0;
        int failed = 0;
        for (Loaded l : loaded) {
            ToolManifestLoadResult r = l.result();
            String source = Listings.display(r.source(), cwd);
            for (String w : r.warnings()) {
                Listings.problem(problems, source, "warning: " + w);
            }
            if (!l.ok()) {
                failed++;
                Listings.problem(problems, source, "error: " + (l.problem() != null ? l.problem() : r.error()));
                continue;
            }
            ok++;
            ToolManifest m = r.manifest();
            rows.add(List.of(m.name(), m.effect().label(), duration(m.timeout()),
                    Listings.truncate(m.command().toString(), 60), l.origin() + ": " + source));
        }
        sb.append("\nExternal-command tools (manifests):\n");
        if (rows.isEmpty()) {
            sb.append("  none\n");
        } else {
            sb.append(indent(Listings.table(List.of("NAME", "EFFECT", "TIMEOUT", "COMMAND", "SOURCE"), rows)));
        }
        Listings.appendProblems(sb, problems);
        sb.append('\n').append(KnownTools.BUILTIN.size()).append(" built-in tools, ").append(ok)
                .append(ok == 1 ? " manifest tool" : " manifest tools");
        if (failed > 0) {
            sb.append(", ").append(failed).append(failed == 1 ? " manifest" : " manifests").append(" not loaded");
        }
        sb.append(".\n");
        if (resources.tools().isEmpty()) {
            sb.append("No built-in tools/ folder: home ").append(resources.describe()).append(".\n");
        }
        return sb.toString();
    }

    private static String indent(String s) {
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!line.isEmpty()) {
                sb.append("  ").append(line);
            }
            sb.append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    /** 500ms, 30s, 2m, 1h, or seconds when it is not a whole unit. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
