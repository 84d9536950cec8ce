package io.schemapilot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.Resources;
import io.schemapilot.agent.persona.Persona;
import io.schemapilot.agent.persona.PersonaCatalog;
import io.schemapilot.agent.persona.PersonaLoadResult;
import io.schemapilot.agent.persona.PersonaLoader;
import io.schemapilot.agent.persona.ProcedureStep;
import io.schemapilot.agent.skill.Skill;
import io.schemapilot.agent.skill.SkillLoader;
import io.schemapilot.agent.tools.KnownTools;
import io.schemapilot.agent.tools.ToolManifestLoadResult;
import io.schemapilot.agent.tools.ToolManifestLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code schemapilot personas}: the persona files that are loaded (the {@code --personas} folders, the project's
 * {@code .claude/agents/}, the built-in {@code prompts/}, in that priority order), with what could not be read in
 * each.
 */
@Command(name = "personas", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "List the persona files that are loaded, with what could not be read in each file.",
            "Looks in each --personas DIR, then the project's .claude/agents/, then the built-in prompts/;"
                    + " a name found twice resolves to the first."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 at least one persona loaded (warnings or not); 2 a --personas folder does not exist,"
                + " or no file could be read; 4 internal error.")
final class PersonasCommand implements Callable<Integer> {

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--personas", paramLabel = "DIR",
            description = "Also load the persona files in DIR (or the file DIR); may be repeated.")
    List<Path> personaDirs = new ArrayList<>();

    @Option(names = "--project", paramLabel = "DIR",
            description = "The project whose .claude/agents/ and .claude/skills/ are read (default: the working"
                    + " directory).")
    Path project;

    @Option(names = "--no-builtin", description = "Leave out the built-in prompts/ and the project's .claude/agents/.")
    boolean noBuiltin;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json.")
    Listings.Format format;

    @Mixin
    CommonOptions common;

    /** Where one result came from. */
    private record Loaded(PersonaLoadResult result, String origin) {
    }

    @Override
    public Integer call() {
        Listings.requireExisting(personaDirs, "--personas");
        Path cwd = Listings.workingDir();
        Path projectDir = Listings.projectDir(project);
        Resources resources = Listings.resources(root, cwd);

        List<String> knownTools = new ArrayList<>(KnownTools.BUILTIN);
        resources.tools().ifPresent(dir -> {
            for (ToolManifestLoadResult r : new ToolManifestLoader().loadDirectory(dir)) {
                if (r.ok()) {
                    knownTools.add(r.manifest().name());
                }
            }
        });
        List<String> knownSkills = new ArrayList<>();
        List<Path> skillRoots = new ArrayList<>(SkillLoader.claudeSkillDirs(projectDir, null));
        resources.skills().ifPresent(skillRoots::add);
        for (Skill s : new SkillLoader().loadRoots(skillRoots).skills()) {
            knownSkills.add(s.name());
        }

        PersonaLoader loader = new PersonaLoader(knownTools, knownSkills);
        List<Loaded> loaded = new ArrayList<>();
        for (Path dir : personaDirs) {
            for (PersonaLoadResult r : loader.load(dir)) {
                loaded.add(new Loaded(r, "option"));
            }
        }
        if (!noBuiltin) {
            for (Path dir : PersonaLoader.claudeAgentDirs(projectDir, null)) {
                if (Files.isDirectory(dir)) {
                    for (PersonaLoadResult r : loader.loadDirectory(dir)) {
                        loaded.add(new Loaded(r, "project"));
                    }
                }
            }
            Optional<Path> prompts = resources.prompts();
            if (prompts.isPresent()) {
                for (PersonaLoadResult r : loader.loadDirectory(prompts.get())) {
                    loaded.add(new Loaded(r, "built-in"));
                }
            } else if (common.verbose()) {
                spec.commandLine().getErr().println("note: no built-in prompts/ folder; home " + resources.describe());
            }
        }
        List<PersonaLoadResult> results = new ArrayList<>();
        loaded.forEach(l -> results.add(l.result()));
        PersonaCatalog catalog = PersonaCatalog.of(results);
        Map<PersonaLoadResult, List<String>> extra = shadowWarnings(catalog);

        int ok = 0;
        int failed = 0;
        for (PersonaLoadResult r : results) {
            if (r.ok()) {
                ok++;
            } else {
                failed++;
            }
        }
        String out = format == Listings.Format.JSON ? json(loaded, extra, knownTools) : text(loaded, extra, cwd, resources);
        CommandIo.write(out, null, spec.commandLine().getOut());
        if (ok == 0 && failed > 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": error: none of the " + failed
                    + " persona file(s) could be read (see the listing)");
            return ExitCode.USAGE.code();
        }
        return ExitCode.OK.code();
    }

    /** The "shadowed by" warning of each persona that lost its name to an earlier one. */
    private static Map<PersonaLoadResult, List<String>> shadowWarnings(PersonaCatalog catalog) {
        Map<PersonaLoadResult, List<String>> out = new IdentityHashMap<>();
        for (PersonaLoadResult r : catalog.results()) {
            if (!r.ok()) {
                continue;
            }
            Persona winner = catalog.find(r.persona().name()).orElse(null);
            if (winner != null && winner != r.persona()) {
                out.computeIfAbsent(r, k -> new ArrayList<>()).add("shadowed by the persona '" + winner.name()
                        + "' in " + winner.source() + " (the first one found wins)");
            }
        }
        return out;
    }

    private static List<String> warnings(PersonaLoadResult r, Map<PersonaLoadResult, List<String>> extra) {
        List<String> w = new ArrayList<>(r.warnings());
        w.addAll(extra.getOrDefault(r, List.of()));
        return w;
    }

    /** The tools the persona may call: its list, or every known tool it is not denied when it has no list. */
    private static List<String> effectiveTools(Persona p, List<String> knownTools) {
        if (p.restrictsTools()) {
            return p.tools();
        }
        List<String> out = new ArrayList<>();
        for (String t : knownTools) {
            if (p.allowsTool(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private String json(List<Loaded> loaded, Map<PersonaLoadResult, List<String>> extra, List<String> knownTools) {
        ArrayNode arr = Listings.array();
        for (Loaded l : loaded) {
            PersonaLoadResult r = l.result();
            ObjectNode o = arr.addObject();
            if (!r.ok()) {
                o.putNull("name");
                Listings.unreadable(o, r.source(), l.origin(), r.error(), r.warnings());
                continue;
            }
            Persona p = r.persona();
            o.put("name", p.name());
            o.put("description", p.description());
            o.put("source", String.valueOf(p.source() == null ? r.source() : p.source()));
            o.put("model", p.model());
            o.set("tools", Listings.strings(effectiveTools(p, knownTools)));
            o.set("skills", Listings.strings(p.skills()));
            o.set("warnings", Listings.strings(warnings(r, extra)));
            o.put("display_name", p.displayName());
            o.put("summary", p.summary());
            o.put("origin", l.origin());
            o.put("tools_restricted", p.restrictsTools());
            o.set("disallowed_tools", Listings.strings(p.disallowedTools()));
            if (p.maxTurns() == null) {
                o.putNull("max_turns");
            } else {
                o.put("max_turns", p.maxTurns());
            }
            List<String> steps = new ArrayList<>();
            for (ProcedureStep s : p.procedure()) {
                steps.add(s.tool());
            }
            o.set("procedure", Listings.strings(steps));
        }
        return Listings.writeJson(arr);
    }

    private String text(List<Loaded> loaded, Map<PersonaLoadResult, List<String>> extra, Path cwd,
                        Resources resources) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        int ok = 0;
        int withWarnings = 0;
        int failed = 0;
        for (Loaded l : loaded) {
            PersonaLoadResult r = l.result();
            String source = Listings.display(r.source(), cwd);
            if (!r.ok()) {
                failed++;
                Listings.problem(problems, source, "error: " + r.error());
                continue;
            }
            ok++;
            Persona p = r.persona();
            List<String> w = warnings(r, extra);
            if (!w.isEmpty()) {
                withWarnings++;
                for (String s : w) {
                    Listings.problem(problems, source, "warning: " + s);
                }
            }
            String tools = p.restrictsTools() ? String.valueOf(p.tools().size()) : "all";
            rows.add(List.of(p.name(), p.model() == null ? "-" : p.model(), tools, l.origin() + ": " + source,
                    Listings.truncate(p.summary(), 72)));
        }
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            sb.append("No personas loaded.\n");
        } else {
            sb.append(Listings.table(List.of("NAME", "MODEL", "TOOLS", "SOURCE", "DESCRIPTION"), rows));
        }
        Listings.appendProblems(sb, problems);
        sb.append('\n').append(ok).append(ok == 1 ? " persona" : " personas").append(" loaded");
        if (withWarnings > 0) {
            sb.append(", ").append(withWarnings).append(" with warnings");
        }
        if (failed > 0) {
            sb.append(", ").append(failed).append(failed == 1 ? " file" : " files").append(" could not be read");
        }
        sb.append(".\n");
        if (!noBuiltin && resources.prompts().isEmpty()) {
            sb.append("No built-in prompts/ folder: home ").append(resources.describe()).append(".\n");
        }
        return sb.toString();
    }
}
