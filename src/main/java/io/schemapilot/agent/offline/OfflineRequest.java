package io.schemapilot.agent.offline;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the offline model understands of a request: the migration files or SQL it names, the current schema
 * ("against schema.sql"), a {@code --from/--to} pair, a database URL, and whether files should be written. It reads
 * words, not meaning; anything else it cannot do is {@link #actionable() not actionable}.
 *
 * @param migrations migration files (project-relative or absolute, as the user wrote them, globs expanded)
 * @param schema     the current schema file, or null
 * @param from       with {@code to}: a desired-state change
 * @param sql        inline SQL, or null
 * @param dbUrl      a database URL named in the request, or null
 * @param writeDir   where migration files should be written, or null
 * @param style      the migration tool style for writing (raw when not said)
 * @param wantsGit   the request asks about the working tree's changes ("my changes", "git", "uncommitted")
 */
public record OfflineRequest(List<String> migrations, String schema, String from, String to, String sql, String dbUrl,
                             String writeDir, String style, boolean wantsGit) {

    private static final Pattern URL = Pattern.compile("(?i)^(postgres(?:ql)?://|jdbc:postgresql:)\\S+");
    private static final Pattern SQL_START = Pattern.compile(
            "(?i)\\b(alter|create|drop|truncate|comment|update|delete|insert|reindex|cluster|vacuum|refresh|lock)\\b");
    private static final Pattern SQL_SHAPE = Pattern.compile(
            "(?is)^(alter\\s+(table|type|index|sequence|view|materialized)|create\\s+(unique\\s+)?(table|index|type|view"
                    + "|materialized|extension|sequence|schema|trigger|function|or)|drop\\s+(table|index|column|type|view"
                    + "|materialized|schema|sequence|trigger|function)|truncate\\s|comment\\s+on|update\\s+\\S+\\s+set"
                    + "|delete\\s+from|insert\\s+into|reindex\\s|cluster\\s|vacuum|refresh\\s+materialized|lock\\s+table)");
    private static final Pattern WRITE = Pattern.compile(
            "(?i)(?:--write\\s+|\\bwrite\\b[^.]*?\\b(?:to|into|in)\\s+)([\\w./~-]+)");
    private static final List<String> STYLES = List.of("flyway", "knex", "prisma", "alembic", "sqitch", "raw");
    private static final Set<String> SCHEMA_CUES = Set.of("against", "schema", "--schema", "on", "onto", "current");
    private static final Pattern GIT = Pattern.compile(
            "(?i)\\b(git|my changes|the changes|changed|uncommitted|working tree|diff|what i changed|pending)\\b");

    public OfflineRequest {
        migrations = List.copyOf(migrations);
    }

    /** There is something to plan: migration files, inline SQL, a --from/--to pair, or the git changes. */
    public boolean actionable() {
        return !migrations.isEmpty() || sql != null || (from != null && to != null) || wantsGit;
    }

    public boolean hasExplicitChange() {
        return !migrations.isEmpty() || sql != null || (from != null && to != null);
    }

    /** Reads {@code text}; files are resolved against {@code projectRoot} to tell files from words. */
    public static OfflineRequest parse(String text, Path projectRoot) {
        String t = text == null ? "" : text.strip();
        List<String> tokens = tokens(t);
        List<String> files = new ArrayList<>();
        List<Integer> fileAt = new ArrayList<>();
        String url = null;
        for (int i = 0; i < tokens.size(); i++) {
            String tok = tokens.get(i);
            if (URL.matcher(tok).matches()) {
                url = tok;
                continue;
            }
            for (String f : expand(tok, projectRoot)) {
                files.add(f);
                fileAt.add(i);
            }
        }
        String from = null;
        String to = null;
        int fromIdx = indexOfWord(tokens, "--from", "from");
        int toIdx = indexOfWord(tokens, "--to", "to");
        String schema = null;
        Set<String> migrations = new LinkedHashSet<>();
        for (int k = 0; k < files.size(); k++) {
            String f = files.get(k);
            int at = fileAt.get(k);
            if (fromIdx >= 0 && at == fromIdx + 1 && from == null) {
                from = f;
            } else if (toIdx >= 0 && at == toIdx + 1 && from != null && to == null) {
                to = f;
            } else if (schema == null && schemaCue(tokens, at)) {
                schema = f;
            } else {
                migrations.add(f);
            }
        }
        if (from != null && to == null) {
            migrations.add(from);
            from = null;
        }
        if (schema == null && migrations.size() > 1) {
            for (String f : migrations) {
                String name = Path.of(f).getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.contains("schema") || name.contains("structure")) {
                    schema = f;
                    break;
                }
            }
            if (schema != null) {
                migrations.remove(schema);
            }
        }
        String sql = null;
        if (migrations.isEmpty() && from == null) {
            Matcher m = SQL_START.matcher(t);
            int from0 = 0;
            while (from0 < t.length() && m.find(from0)) {
                int start = m.start(1);
                Matcher shape = SQL_SHAPE.matcher(t).region(start, t.length());
                if (shape.lookingAt()) {
                    String candidate = t.substring(start).strip();
                    sql = candidate.endsWith(";") ? candidate : candidate + ";";
                    break;
                }
                from0 = start + 1;
            }
        }
        String writeDir = null;
        Matcher w = WRITE.matcher(t);
        if (w.find()) {
            writeDir = w.group(1);
        }
        String style = "raw";
        String lower = t.toLowerCase(Locale.ROOT);
        for (String s : STYLES) {
            if (Pattern.compile("\\b" + s + "\\b").matcher(lower).find()) {
                style = s;
                break;
            }
        }
        boolean git = GIT.matcher(t).find() && migrations.isEmpty() && sql == null && from == null;
        return new OfflineRequest(new ArrayList<>(migrations), schema, from, to, sql, url, writeDir, style, git);
    }

    private static boolean schemaCue(List<String> tokens, int at) {
        for (int j = Math.max(0, at - 3); j < at; j++) {
            if (SCHEMA_CUES.contains(tokens.get(j).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static int indexOfWord(List<String> tokens, String... words) {
        for (int i = 0; i < tokens.size(); i++) {
            for (String w : words) {
                if (tokens.get(i).equalsIgnoreCase(w)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String raw : text.split("\\s+")) {
            String s = raw.replaceAll("^[\"'`(\\[<]+", "").replaceAll("[\"'`)\\]>,;:!?]+$", "");
            if (s.endsWith(".") && !s.endsWith("..")) {
                s = s.substring(0, s.length() - 1);
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The files a token names: itself when it is a .sql file or a folder of them, or the matches of a glob. */
    static List<String> expand(String token, Path root) {
        if (token.startsWith("-") || token.contains("://")) {
            return List.of();
        }
        if (token.contains("*") || token.contains("?")) {
            int slash = token.lastIndexOf('/');
            String dir = slash < 0 ? "." : token.substring(0, slash);
            String glob = token.substring(slash + 1);
            Path d = resolve(root, dir);
            if (d == null || !Files.isDirectory(d) || dir.contains("*")) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(d, glob)) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p)) {
                        out.add(slash < 0 ? p.getFileName().toString() : dir + "/" + p.getFileName());
                    }
                }
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
            out.sort(null);
            return out;
        }
        Path p = resolve(root, token);
        if (p == null) {
            return List.of();
        }
        if (Files.isRegularFile(p) && token.toLowerCase(Locale.ROOT).endsWith(".sql")) {
            return List.of(token);
        }
        if (Files.isDirectory(p) && (token.contains("/") || token.contains("migration"))) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(p, "*.sql")) {
                List<String> out = new ArrayList<>();
                for (Path f : ds) {
                    out.add(token.replaceAll("/+$", "") + "/" + f.getFileName());
                }
                out.sort(null);
                return out;
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.of();
    }

    private static Path resolve(Path root, String s) {
        try {
            Path p = Path.of(s);
            return p.isAbsolute() ? p : root.resolve(p);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
