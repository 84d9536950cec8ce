package io.schemapilot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.Resources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the listing commands ({@code personas}, {@code skills}, {@code tools}) share: paths, tables, JSON. */
final class Listings {

    /** The values of {@code --format} of the listing commands. */
    enum Format {
        TEXT, JSON
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Listings() {
    }

    /** The process's working directory. */
    static Path workingDir() {
        return Path.of("").toAbsolutePath().normalize();
    }

    /** {@code --project}, which must exist, or the working directory. */
    static Path projectDir(Path project) {
        if (project == null) {
            return workingDir();
        }
        if (!Files.isDirectory(project)) {
            throw new CliException(ExitCode.USAGE, "--project " + project + ": no such directory");
        }
        return project.toAbsolutePath().normalize();
    }

    /** Where the built-in prompts/, skills/ and tools/ are ({@code SCHEMAPILOT_HOME} from the command's environment). */
    static Resources resources(SchemapilotCommand root, Path cwd) {
        try {
            return Resources.locate(root.env().env(), cwd);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /** Every path must exist (a folder or a file); the first that does not is a usage error. */
    static void requireExisting(List<Path> paths, String option) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new CliException(ExitCode.USAGE, option + " " + p + ": no such directory");
            }
        }
    }

    /** The path relative to {@code cwd} when it is inside it, else as it is. */
    static String display(Path p, Path cwd) {
        if (p == null) {
            return "-";
        }
        Path abs = p.toAbsolutePath().normalize();
        if (abs.startsWith(cwd) && !abs.equals(cwd)) {
            return cwd.relativize(abs).toString();
        }
        return p.toString();
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= max ? one : one.substring(0, max - 3).stripTrailing() + "...";
    }

    /** Columns padded to their widest cell; the last column is not padded. */
    static String table(List<String> headers, List<List<String>> rows) {
        int[] width = new int[headers.size()];
        for (int i = 0; i < headers.size(); i++) {
            width[i] = headers.get(i).length();
        }
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        appendRow(sb, headers, width);
        for (List<String> row : rows) {
            appendRow(sb, row, width);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<String> cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(cells.get(i));
            if (i < cells.size() - 1) {
                line.append(" ".repeat(width[i] - cells.get(i).length() + 2));
            }
        }
        sb.append(line.toString().stripTrailing()).append('\n');
    }

    /** Notes {@code line} ("error: ...", "warning: ...") among the problems of the file {@code source}. */
    static void problem(Map<String, List<String>> problems, String source, String line) {
        problems.computeIfAbsent(source, k -> new ArrayList<>()).add(line);
    }

    /** "Problems:" and, per file, its errors and warnings. */
    static void appendProblems(StringBuilder sb, Map<String, List<String>> problems) {
        if (problems.isEmpty()) {
            return;
        }
        sb.append("\nProblems:\n");
        for (Map.Entry<String, List<String>> e : problems.entrySet()) {
            sb.append("  ").append(e.getKey()).append('\n');
            for (String p : e.getValue()) {
                sb.append("    ").append(p.replaceAll("\\s*\\R\\s*", " ")).append('\n');
            }
        }
    }

    /** The JSON of a file that could not be loaded, after its {@code name} (null) and any fields of its own. */
    static void unreadable(ObjectNode o, Path source, String origin, String error, List<String> warnings) {
        o.put("source", String.valueOf(source));
        o.put("origin", origin);
        o.put("error", error);
        o.set("warnings", strings(warnings));
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        if (values != null) {
            values.forEach(a::add);
        }
        return a;
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    static String writeJson(JsonNode node) {
        try {
            return JSON.writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
        }
    }
}
