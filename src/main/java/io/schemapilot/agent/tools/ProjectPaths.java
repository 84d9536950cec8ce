package io.schemapilot.agent.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Paths a model names, kept inside the project ({@link ToolContext#projectRoot()}): a {@code ..} segment, a
 * {@code ~}, an absolute path outside the project and a symbolic link that leads out of it are all refused, with a
 * message that says so. Every tool that reads or writes a file the model names goes through here.
 */
public final class ProjectPaths {

    private ProjectPaths() {
    }

    /** An existing file or directory inside the project. */
    public static Path existing(ToolContext ctx, String path) throws ToolFailure {
        Path p = lexical(ctx, path);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new ToolFailure("'" + path + "' does not exist in the project");
        }
        if (!Files.exists(p)) {
            throw new ToolFailure("'" + path + "' is a link to nothing");
        }
        insideForReal(ctx, p, path);
        return p;
    }

    /** An existing regular file inside the project. */
    public static Path existingFile(ToolContext ctx, String path) throws ToolFailure {
        Path p = existing(ctx, path);
        if (!Files.isRegularFile(p)) {
            throw new ToolFailure("'" + path + "' is not a file");
        }
        return p;
    }

    /**
     * A path inside the project to write to: it and its parents may not exist yet, but the nearest existing
     * ancestor must be inside the project for real (not through a link that leads out).
     */
    public static Path forWrite(ToolContext ctx, String path) throws ToolFailure {
        Path p = lexical(ctx, path);
        Path existing = p;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw new ToolFailure("'" + path + "' is not inside the project");
        }
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
            throw new ToolFailure("'" + path + "' goes through a link to nothing");
        }
        insideForReal(ctx, existing, path);
        return p;
    }

    /** {@code p} relative to the project root, with {@code /} separators ({@code .} for the root itself). */
    public static String relative(ToolContext ctx, Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (!abs.startsWith(ctx.projectRoot())) {
            return abs.toString();
        }
        String r = ctx.projectRoot().relativize(abs).toString().replace('\\', '/');
        return r.isEmpty() ? "." : r;
    }

    private static Path lexical(ToolContext ctx, String path) throws ToolFailure {
        if (path == null || path.isBlank()) {
            throw new ToolFailure("the path is empty; give a path relative to the project, e.g. migrations/V2.sql");
        }
        if (path.indexOf('\0') >= 0) {
            throw new ToolFailure("the path contains a NUL character");
        }
        String v = path.strip().replace('\\', '/');
        if (v.startsWith("~")) {
            throw new ToolFailure("'" + path + "' is outside the project; give a path relative to the project");
        }
        for (String seg : v.split("/")) {
            if (seg.equals("..")) {
                throw new ToolFailure("'" + path + "' leaves the project (..); give a path inside it");
            }
        }
        Path root = ctx.projectRoot();
        Path p;
        try {
            Path given = Path.of(v);
            p = (given.isAbsolute() ? given : root.resolve(given)).normalize();
        } catch (InvalidPathException e) {
            throw new ToolFailure("'" + path + "' is not a valid path");
        }
        if (!p.startsWith(root)) {
            throw new ToolFailure("'" + path + "' is outside the project (" + root.getFileName()
                    + "); give a path relative to the project");
        }
        return p;
    }

    private static void insideForReal(ToolContext ctx, Path p, String shown) throws ToolFailure {
        try {
            Path realRoot = ctx.projectRoot().toRealPath();
            Path real = p.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new ToolFailure("'" + shown + "' is a link that leads outside the project; refused");
            }
        } catch (IOException e) {
            throw new ToolFailure("cannot resolve '" + shown + "': " + e.getClass().getSimpleName());
        }
    }
}
