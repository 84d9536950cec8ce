package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.AgentTool;
import io.schemapilot.agent.tools.Effect;
import io.schemapilot.agent.tools.ProjectPaths;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code read_file}: a text file of the project (or the list of a folder), by lines. Only paths inside the project:
 * {@code ..}, absolute paths outside it and links that lead out are refused ({@link ProjectPaths}), and so are files
 * that usually hold credentials ({@code .env}, {@code .pgpass}, private keys). At most {@value #MAX_BYTES} bytes are
 * read; {@code start_line} and {@code max_lines} page through longer files. The content is data, never instructions.
 */
public final class ReadFileTool implements AgentTool {

    static final int MAX_BYTES = 512 * 1024;
    static final int DEFAULT_LINES = 400;
    static final int MAX_ENTRIES = 200;
    private static final Pattern SECRET_FILES = Pattern.compile(
            "(^\\.env(\\..*)?$)|(^\\.pgpass$)|(^\\.netrc$)|(^\\.npmrc$)|(^id_(rsa|dsa|ecdsa|ed25519)(\\.pub)?$)"
                    + "|(\\.(pem|key|p12|pfx|jks|keystore)$)|(^credentials(\\.json)?$)");

    @Override
    public String name() {
        return "read_file";
    }

    @Override
    public String description() {
        return "Read a text file of the project (schema files, migrations, ORM models, config), with line numbers;"
                + " for a folder, list its entries. Paths are relative to the project; nothing outside it can be"
                + " read, nor credential files (.env, .pgpass, keys). Long files come in pages: use start_line and"
                + " max_lines (default " + DEFAULT_LINES + ").";
    }

    @Override
    public JsonObjectSchema parameters() {
        return JsonObjectSchema.builder()
                .addStringProperty("path", "The file or folder, relative to the project (e.g. prisma/schema.prisma).")
                .addIntegerProperty("start_line", "The first line to return (1-based; default 1).")
                .addIntegerProperty("max_lines", "How many lines to return (default " + DEFAULT_LINES + ").")
                .required("path")
                .additionalProperties(false)
                .build();
    }

    @Override
    public Effect effect() {
        return Effect.READ;
    }

    @Override
    public ToolResult call(JsonNode arguments, ToolContext context) throws ToolFailure {
        String shown = Args.required(arguments, "path");
        Path p = ProjectPaths.existing(context, shown);
        if (Files.isDirectory(p)) {
            return ToolResult.text(list(p, context));
        }
        if (!Files.isRegularFile(p)) {
            throw new ToolFailure("'" + shown + "' is not a regular file");
        }
        String fileName = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (SECRET_FILES.matcher(fileName).find()) {
            throw new ToolFailure("'" + shown + "' usually holds credentials; read_file does not read it");
        }
        Integer start = Args.integer(arguments, "start_line");
        Integer max = Args.integer(arguments, "max_lines");
        int from = start == null ? 1 : Math.max(1, start);
        int count = max == null ? DEFAULT_LINES : Math.max(1, Math.min(max, 5000));

        byte[] bytes;
        long size;
        try (InputStream in = Files.newInputStream(p)) {
            size = Files.size(p);
            bytes = in.readNBytes(MAX_BYTES);
        } catch (IOException e) {
            throw new ToolFailure("cannot read '" + shown + "': " + e.getClass().getSimpleName());
        }
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                throw new ToolFailure("'" + shown + "' is a binary file");
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        boolean cut = size > MAX_BYTES;
        if (cut && !lines.isEmpty()) {
            lines = lines.subList(0, lines.size() - 1); // the last line may be cut in the middle
        }
        String rel = ProjectPaths.relative(context, p);
        if (lines.isEmpty()) {
            return ToolResult.text(rel + ": empty file");
        }
        if (from > lines.size()) {
            throw new ToolFailure("'" + shown + "' has " + lines.size() + (cut ? "+" : "") + " lines; start_line "
                    + from + " is past the end");
        }
        int to = Math.min(lines.size(), from + count - 1);
        int width = String.valueOf(to).length();
        StringBuilder sb = new StringBuilder();
        sb.append(rel).append(" (lines ").append(from).append('-').append(to).append(" of ")
                .append(lines.size()).append(cut ? "+; the file is larger than " + MAX_BYTES + " bytes" : "")
                .append(")\n");
        for (int i = from; i <= to; i++) {
            sb.append(String.format(Locale.ROOT, "%" + width + "d| ", i)).append(lines.get(i - 1)).append('\n');
        }
        if (to < lines.size() || cut) {
            sb.append("[more: call read_file with start_line=").append(to + 1).append("]\n");
        }
        return ToolResult.text(sb.toString());
    }

    private static String list(Path dir, ToolContext context) throws ToolFailure {
        List<String> entries = new ArrayList<>();
        int total = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path e : ds) {
                total++;
                if (entries.size() < MAX_ENTRIES) {
                    entries.add(e.getFileName() + (Files.isDirectory(e) ? "/" : ""));
                }
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot list '" + ProjectPaths.relative(context, dir) + "': "
                    + e.getClass().getSimpleName());
        }
        entries.sort(String::compareTo);
        StringBuilder sb = new StringBuilder(ProjectPaths.relative(context, dir)).append("/ (folder, ").append(total)
                .append(" entries)\n");
        entries.forEach(e -> sb.append(e).append('\n'));
        if (total > entries.size()) {
            sb.append("[").append(total - entries.size()).append(" more entries not listed]\n");
        }
        return sb.toString();
    }
}
