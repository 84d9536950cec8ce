package io.schemapilot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.Resources;
import io.schemapilot.agent.skill.Skill;
import io.schemapilot.agent.skill.SkillCatalog;
import io.schemapilot.agent.skill.SkillLoadResult;
import io.schemapilot.agent.skill.SkillLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
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
 * {@code schemapilot skills}: the skills that are loaded (each {@code --skills DIR}, the project's
 * {@code .claude/skills/}, the built-in {@code skills/}, in that priority order) with their references and what
 * could not be read.
 */
@Command(name = "skills", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "List the skills that are loaded (name, description, reference files, source), with load problems.",
            "Looks in each --skills DIR, then the project's .claude/skills/, then the built-in skills/."
        },
        footerHeading = "%n",
        footer = "Exit codes: 0 listed (warnings or not); 2 a --skills folder does not exist, or no skill could be"
                + " read; 4 internal error.")
final class SkillsCommand implements Callable<Integer> {

    @ParentCommand
    SchemapilotCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--skills", paramLabel = "DIR",
            description = "Also load the skills in DIR (folders holding SKILL.md, or one such folder); may be repeated.")
    List<Path> skillDirs = new ArrayList<>();

    @Option(names = "--project", paramLabel = "DIR",
            description = "The project whose .claude/skills/ is read (default: the working directory).")
    Path project;

    @Option(names = "--no-builtin", description = "Leave out the built-in skills/ and the project's .claude/skills/.")
    boolean noBuiltin;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Listings.Format format;

    @Mixin
    CommonOptions common;

    private record Loaded(SkillLoadResult result, String origin) {
    }

    @Override
    public Integer call() {
        Listings.requireExisting(skillDirs, "--skills");
        Path cwd = Listings.workingDir();
        Path projectDir = Listings.projectDir(project);
        Resources resources = Listings.resources(root, cwd);

        SkillLoader loader = new SkillLoader();
        List<Loaded> loaded = new ArrayList<>();
        for (Path dir : skillDirs) {
            boolean single = Files.isRegularFile(dir) || Files.isRegularFile(dir.resolve(SkillLoader.SKILL_FILE));
            List<SkillLoadResult> rs = single ? List.of(loader.load(dir)) : loader.loadRoot(dir);
            rs.forEach(r -> loaded.add(new Loaded(r, "option")));
        }
        if (!noBuiltin) {
            for (Path dir : SkillLoader.claudeSkillDirs(projectDir, null)) {
                if (Files.isDirectory(dir)) {
                    loader.loadRoot(dir).forEach(r -> loaded.add(new Loaded(r, "project")));
                }
            }
            resources.skills().ifPresent(dir -> loader.loadRoot(dir).forEach(r -> loaded.add(new Loaded(r, "built-in"))));
        }
        List<SkillLoadResult> results = new ArrayList<>();
        loaded.forEach(l -> results.add(l.result()));
        SkillCatalog catalog = SkillCatalog.of(results);
        Map<SkillLoadResult, String> shadowed = new IdentityHashMap<>();
        for (SkillLoadResult r : results) {
            if (r.ok()) {
                Skill winner = catalog.find(r.skill().name()).orElse(null);
                if (winner != null && winner != r.skill()) {
                    shadowed.put(r, "shadowed by the skill '" + winner.name() + "' in " + winner.directory()
                            + " (the first one found wins)");
                }
            }
        }

        String out = format == Listings.Format.JSON ? json(loaded, shadowed) : text(loaded, shadowed, cwd,
                resources);
        CommandIo.write(out, null, spec.commandLine().getOut());
        long ok = results.stream().filter(SkillLoadResult::ok).count();
        if (ok == 0 && results.size() > 0) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": error: none of the " + results.size()
                    + " skill(s) could be read (see the listing)");
            return ExitCode.USAGE.code();
        }
        return ExitCode.OK.code();
    }

    private static List<String> warnings(SkillLoadResult r, Map<SkillLoadResult, String> shadowed) {
        List<String> w = new ArrayList<>(r.warnings());
        if (shadowed.containsKey(r)) {
            w.add(shadowed.get(r));
        }
        return w;
    }

    private static String json(List<Loaded> loaded, Map<SkillLoadResult, String> shadowed) {
        ArrayNode arr = Listings.array();
        for (Loaded l : loaded) {
            SkillLoadResult r = l.result();
            ObjectNode o = arr.addObject();
            if (!r.ok()) {
                o.putNull("name");
                Listings.unreadable(o, r.source(), l.origin(), r.error(), r.warnings());
                continue;
            }
            Skill s = r.skill();
            o.put("name", s.name());
            o.put("description", s.description());
            o.set("references", Listings.strings(s.references()));
            o.put("source", String.valueOf(s.directory()));
            o.put("file", String.valueOf(s.file()));
            o.put("origin", l.origin());
            o.set("warnings", Listings.strings(warnings(r, shadowed)));
        }
        return Listings.writeJson(arr);
    }

    private String text(List<Loaded> loaded, Map<SkillLoadResult, String> shadowed, Path cwd, Resources resources) {
        List<List<String>> rows = new ArrayList<>();
        Map<String, List<String>> problems = new LinkedHashMap<>();
        int ok = 0;
        int failed = 0;
        for (Loaded l : loaded) {
            SkillLoadResult r = l.result();
            String source = Listings.display(r.ok() ? r.skill().directory() : r.source(), cwd);
            if (!r.ok()) {
                failed++;
                Listings.problem(problems, source, "error: " + r.error());
                continue;
            }
            ok++;
            for (String w : warnings(r, shadowed)) {
                Listings.problem(problems, source, "warning: " + w);
            }
            Skill s = r.skill();
            rows.add(List.of(s.name(), String.valueOf(s.references().size()), l.origin() + ": " + source,
                    Listings.truncate(s.description(), 80)));
        }
        StringBuilder sb = new StringBuilder();
        if (rows.isEmpty()) {
            sb.append("No skills loaded.\n");
        } else {
            sb.append(Listings.table(List.of("NAME", "REFS", "SOURCE", "DESCRIPTION"), rows));
        }
        Listings.appendProblems(sb, problems);
        sb.append('\n').append(ok).append(ok == 1 ? " skill" : " skills").append(" loaded");
        if (failed > 0) {
            sb.append(", ").append(failed).append(" could not be read");
        }
        sb.append(".\n");
        if (!noBuiltin && resources.skills().isEmpty()) {
            sb.append("No built-in skills/ folder: home ").append(resources.describe()).append(".\n");
        }
        return sb.toString();
    }
}
