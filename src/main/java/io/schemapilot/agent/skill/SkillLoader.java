package io.schemapilot.agent.skill;

import com.fasterxml.jackson.databind.JsonNode;
import io.schemapilot.agent.markdown.FrontMatter;
import io.schemapilot.agent.markdown.FrontMatterException;
import io.schemapilot.agent.markdown.TextFiles;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads skills in the Agent Skills layout: {@code <root>/<name>/SKILL.md} with front matter {@code name} and
 * {@code description}, plus optional {@code references/}. Only the name and description are kept; the body is
 * read when the agent asks for it ({@link SkillCatalog}). Lenient like the persona loader: a missing name is the
 * directory name, a missing description is the first paragraph, and what does not follow the spec is a warning.
 */
public final class SkillLoader {

    public static final String SKILL_FILE = "SKILL.md";
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_BODY_LINES = 500;

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Set<String> FIELDS = Set.of("name", "description", "license", "compatibility", "metadata",
            "allowed-tools", "argument-hint", "disable-model-invocation", "user-invocable", "model", "context",
            "agent", "hooks");
    private static final FrontMatter FRONT_MATTER = new FrontMatter(FIELDS);

    /** The project and user skill folders of Claude Code, highest priority first. */
    public static List<Path> claudeSkillDirs(Path projectDir, Path userHome) {
        List<Path> roots = new ArrayList<>();
        if (projectDir != null) {
            roots.add(projectDir.resolve(".claude").resolve("skills"));
        }
        if (userHome != null) {
            roots.add(userHome.resolve(".claude").resolve("skills"));
        }
        return roots;
    }

    /** One result per sub-directory holding a {@code SKILL.md}, sorted by directory name. */
    public List<SkillLoadResult> loadRoot(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of(SkillLoadResult.failed(root, Files.exists(root) ? "not a directory" : "no such directory"));
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (Files.isDirectory(p) && !p.getFileName().toString().startsWith(".")
                        && Files.isRegularFile(p.resolve(SKILL_FILE))) {
                    dirs.add(p);
                }
            }
        } catch (IOException e) {
            return List.of(SkillLoadResult.failed(root, "cannot list the directory: " + e.getMessage()));
        }
        dirs.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<SkillLoadResult> out = new ArrayList<>();
        for (Path d : dirs) {
            out.add(load(d));
        }
        return out;
    }

    /** Loads every existing root (highest priority first) into a catalog; missing roots are skipped. */
    public SkillCatalog loadRoots(List<Path> roots) {
        List<SkillLoadResult> all = new ArrayList<>();
        for (Path r : roots) {
            if (Files.isDirectory(r)) {
                all.addAll(loadRoot(r));
            }
        }
        return SkillCatalog.of(all);
    }

    /** @param dirOrFile a skill directory or its {@code SKILL.md} */
    public SkillLoadResult load(Path dirOrFile) {
        Path dir = Files.isDirectory(dirOrFile) ? dirOrFile : dirOrFile.toAbsolutePath().getParent();
        Path file = Files.isDirectory(dirOrFile) ? dirOrFile.resolve(SKILL_FILE) : dirOrFile;
        if (!Files.isRegularFile(file)) {
            return SkillLoadResult.failed(dirOrFile, "no " + SKILL_FILE + " in " + dir);
        }
        List<String> warnings = new ArrayList<>();
        FrontMatter.Document doc;
        try {
            TextFiles.Text text = TextFiles.read(file);
            warnings.addAll(text.warnings());
            doc = FRONT_MATTER.parse(text.text());
        } catch (IOException e) {
            return SkillLoadResult.failed(dirOrFile, "cannot read " + file + ": " + e.getMessage());
        } catch (FrontMatterException e) {
            return SkillLoadResult.failed(dirOrFile, e.getMessage());
        }
        warnings.addAll(doc.warnings());
        if (!doc.present()) {
            warnings.add("no front matter; the name is the directory name");
        }
        Iterator<String> keys = doc.fields().fieldNames();
        List<String> unknown = new ArrayList<>();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!FIELDS.contains(k)) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            warnings.add("unknown field" + (unknown.size() == 1 ? " " : "s ") + unknown + " ignored");
        }

        String dirName = dir.getFileName().toString();
        String name = text(doc.fields().get("name"));
        if (name == null) {
            name = dirName;
        } else if (!name.equals(dirName)) {
            warnings.add("name '" + name + "' does not match the directory name '" + dirName + "'; using '" + name + "'");
        }
        if (name.length() > 64 || !NAME.matcher(name).matches()) {
            warnings.add("name '" + name + "' should be 1-64 lower-case letters, digits and single hyphens");
        }

        String body = doc.body().strip();
        String description = text(doc.fields().get("description"));
        if (description == null) {
            description = firstParagraph(body);
            warnings.add(description.isEmpty() ? "no description and no paragraph to take one from"
                    : "no description; using the first paragraph");
        }
        description = description.replaceAll("\\s+", " ").strip();
        if (description.length() > MAX_DESCRIPTION) {
            warnings.add("description is " + description.length() + " characters; the limit is " + MAX_DESCRIPTION);
        }
        if (body.isEmpty()) {
            warnings.add("the body is empty");
        } else {
            long lines = body.lines().count();
            if (lines > MAX_BODY_LINES) {
                warnings.add("the body has " + lines + " lines; keep it under " + MAX_BODY_LINES
                        + " and move details to references/");
            }
        }
        List<String> refs = new ArrayList<>();
        Path refDir = dir.resolve("references");
        if (Files.isDirectory(refDir)) {
            try (Stream<Path> s = Files.walk(refDir)) {
                s.filter(Files::isRegularFile)
                        .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                        .sorted()
                        .forEach(refs::add);
            } catch (IOException e) {
                warnings.add("cannot list references/: " + e.getMessage());
            }
        }
        return SkillLoadResult.loaded(dirOrFile, new Skill(name, description, dir, file, refs), warnings);
    }

    /** The body of a skill file: the Markdown after its front matter, mis-encodings repaired. */
    static String readBody(Path file) throws IOException {
        TextFiles.Text text = TextFiles.read(file);
        try {
            return FRONT_MATTER.parse(text.text()).body().strip();
        } catch (FrontMatterException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || !n.isValueNode()) {
            return null;
        }
        String s = n.asText().strip();
        return s.isEmpty() ? null : s;
    }

    private static String firstParagraph(String body) {
        StringBuilder sb = new StringBuilder();
        for (String line : body.split("\n")) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#") || s.startsWith("```")) {
                if (sb.length() > 0) {
                    break;
                }
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(s);
        }
        return sb.toString();
    }
}
