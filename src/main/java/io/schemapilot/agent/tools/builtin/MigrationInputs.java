package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import io.schemapilot.agent.tools.ProjectPaths;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolFailure;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.project.NaturalOrder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The migration SQL a tool call names: inline text ({@code sql}) and/or project files ({@code paths}: files, or
 * folders standing for their {@code *.sql} files in natural order, V2 before V10). Files must be inside the project.
 */
final class MigrationInputs {

    /** The name inline SQL is reported under. */
    static final String INLINE = "inline.sql";
    static final long MAX_BYTES = 10L << 20;
    /** The argument holding inline SQL. */
    static final String SQL_ARG = "sql";
    /** The argument holding project paths (a list, or one path). */
    static final String PATHS_ARG = "paths";

    /** One migration text and the name it is reported under. */
    record Named(String name, String sql) {
    }

    private MigrationInputs() {
    }

    /**
     * The start of a migration tool's parameters: {@code schema_file}, {@code sql} (described by {@code sqlDoc}) and
     * {@code paths}. The tool adds its own and builds.
     */
    static JsonObjectSchema.Builder parameters(String sqlDoc) {
        return JsonObjectSchema.builder()
                .addStringProperty(ToolRegistry.SCHEMA_FILE_ARG, ToolRegistry.SCHEMA_FILE_DOC)
                .addStringProperty(SQL_ARG, sqlDoc)
                .addProperty(PATHS_ARG, Args.textList("Migration files or folders of *.sql files, relative to the"
                        + " project."));
    }

    /** The migrations of a call: its inline SQL ({@code sql}), then the files of its {@code paths}; maybe none. */
    static List<Named> read(JsonNode args, ToolContext ctx) throws ToolFailure {
        List<Named> out = new ArrayList<>();
        String sql = Args.text(args, SQL_ARG);
        if (sql != null) {
            out.add(new Named(INLINE, sql));
        }
        for (String p : Args.list(args, PATHS_ARG)) {
            out.addAll(files(p, ctx));
        }
        return out;
    }

    /** Like {@link #read}, but a call that names no migration is refused. */
    static List<Named> required(JsonNode args, ToolContext ctx) throws ToolFailure {
        List<Named> out = read(args, ctx);
        if (out.isEmpty()) {
            throw new ToolFailure("give the migration as 'sql' (the statements) or 'paths' (project files)");
        }
        return out;
    }

    /** The migrations of one project path: a file, or the {@code *.sql} files of a folder. */
    static List<Named> files(String path, ToolContext ctx) throws ToolFailure {
        Path p = ProjectPaths.existing(ctx, path);
        if (!Files.isDirectory(p)) {
            return List.of(new Named(ProjectPaths.relative(ctx, p), readText(p, path)));
        }
        List<Path> sql = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.{sql,SQL}")) {
            for (Path f : ds) {
                if (Files.isRegularFile(f)) {
                    sql.add(f);
                }
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot list '" + path + "': " + e.getClass().getSimpleName());
        }
        if (sql.isEmpty()) {
            throw new ToolFailure("'" + path + "' is a folder with no *.sql files");
        }
        sql.sort(Comparator.comparing((Path f) -> f.getFileName().toString(), NaturalOrder.VERSIONS));
        List<Named> out = new ArrayList<>();
        for (Path f : sql) {
            String rel = ProjectPaths.relative(ctx, f);
            ProjectPaths.existingFile(ctx, rel);
            out.add(new Named(rel, readText(f, rel)));
        }
        return out;
    }

    /** A project file as UTF-8 text (refusing binary files and files over 10 MB). */
    static String readText(Path p, String shown) throws ToolFailure {
        try {
            long size = Files.size(p);
            if (size > MAX_BYTES) {
                throw new ToolFailure("'" + shown + "' is " + size + " bytes, over the 10 MB limit");
            }
            byte[] bytes = Files.readAllBytes(p);
            for (byte b : bytes) {
                if (b == 0) {
                    throw new ToolFailure("'" + shown + "' is a binary file, not SQL text");
                }
            }
            int start = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                    ? 3 : 0;
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new ToolFailure("'" + shown + "' is not UTF-8 text");
        } catch (IOException e) {
            throw new ToolFailure("cannot read '" + shown + "': " + e.getClass().getSimpleName());
        }
    }
}
