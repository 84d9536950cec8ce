package io.schemapilot.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The schema and migration files changed in a working tree against a revision (default {@code HEAD}): what
 * {@code git diff --name-status REV} reports (staged and unstaged changes, renames found by git) plus the untracked
 * files, classified by {@link FileClassifier}, with the revision's text of every changed schema file
 * ({@code git show REV:path}). git runs as a process without a shell; nothing is written to the repository.
 *
 * <p>Errors are {@link IllegalArgumentException}s with a one-line message: not a git repository, unknown
 * revision, git not installed.
 */
public final class GitChanges {

    public static final String DEFAULT_REV = "HEAD";
    static final long MAX_CONTENT_BYTES = 10L << 20;
    private static final Set<String> DEPENDENCY_DIRS = Set.of("node_modules", ".venv", "venv", "site-packages",
            "__pycache__", "bower_components", "jspm_packages");

    private final Git git;

    public GitChanges() {
        this("git");
    }

    /** @param gitExecutable the git program to run (a name on the PATH or a path) */
    public GitChanges(String gitExecutable) {
        this.git = new Git(gitExecutable, Duration.ofSeconds(60));
    }

    /** A unified diff, capped. */
    public record Diff(String text, int totalChars, boolean truncated) {
    }

    /**
     * The top level of the git working tree that holds {@code dir}.
     *
     * @throws IllegalArgumentException not a directory, not inside a git working tree, or git missing
     */
    public Path topLevel(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException((dir == null ? "project" : dir.toString()) + ": not a directory");
        }
        Git.Result r = git.run(dir, List.of("rev-parse", "--show-toplevel"));
        if (r.exit() != 0 || r.text().isBlank()) {
            String why = Git.firstLine(r.err());
            if (why.contains("not a git repository") || why.isEmpty()) {
                throw new IllegalArgumentException(dir + " is not inside a git repository");
            }
            throw new IllegalArgumentException(dir + ": git rev-parse failed: " + why);
        }
        return Path.of(r.text().strip()).toAbsolutePath().normalize();
    }

    /**
     * Resolves a revision to its commit hash.
     *
     * @throws IllegalArgumentException when it names no commit
     */
    public String resolve(Path top, String rev) {
        String r = rev == null || rev.isBlank() ? DEFAULT_REV : rev.strip();
        if (r.startsWith("-") || r.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("'" + printable(r) + "' is not a revision");
        }
        Git.Result res = git.run(top, List.of("rev-parse", "--verify", "--quiet", r + "^{commit}"));
        if (res.exit() != 0 || res.text().isBlank()) {
            if (r.equals(DEFAULT_REV) && git.run(top, List.of("rev-parse", "--verify", "--quiet", "HEAD")).exit() != 0) {
                throw new IllegalArgumentException("unknown revision 'HEAD': the repository at " + top
                        + " has no commits yet");
            }
            throw new IllegalArgumentException("unknown revision '" + r + "' (no such commit, branch or tag in " + top + ")");
        }
        return res.text().strip();
    }

    /** {@link #collect(Path, String, ProjectInfo)} with a fresh {@link ProjectDetector} look at the top level. */
    public GitChangeSet collect(Path dir, String rev) {
        return collect(dir, rev, null);
    }

    /**
     * The schema and migration files changed in the working tree that holds {@code dir}, against {@code rev}.
     *
     * @param dir  any folder inside the working tree
     * @param rev  the revision, or null for {@code HEAD}
     * @param info what the detector found at the top level, or null to look now
     */
    public GitChangeSet collect(Path dir, String rev, ProjectInfo info) {
        Path top = topLevel(dir);
        String r = rev == null || rev.isBlank() ? DEFAULT_REV : rev.strip();
        String commit = resolve(top, r);
        ProjectInfo project = info != null ? info : new ProjectDetector().detect(top);

        List<String[]> entries = new ArrayList<>(); // {status letter, path, oldPath or null, untracked "1"/"0"}
        Git.Result diff = git.run(top, List.of("-c", "core.quotepath=off", "diff", "--name-status", "-z", "-M",
                "--no-ext-diff", "--no-color", "--ignore-submodules", commit, "--"));
        if (diff.exit() != 0) {
            throw new IllegalArgumentException("git diff " + r + " failed: " + Git.firstLine(diff.err()));
        }
        String[] tok = diff.text().split("\0", -1);
        for (int i = 0; i + 1 < tok.length; ) {
            String status = tok[i];
            if (status.isEmpty()) {
                i++;
                continue;
            }
            char s = status.charAt(0);
            if ((s == 'R' || s == 'C') && i + 2 < tok.length) {
                entries.add(new String[] {String.valueOf(s), tok[i + 2], tok[i + 1], "0"});
                i += 3;
            } else {
                entries.add(new String[] {String.valueOf(s), tok[i + 1], null, "0"});
                i += 2;
            }
        }
        Git.Result others = git.run(top, List.of("ls-files", "--others", "--exclude-standard", "-z"));
        if (others.exit() != 0) {
            throw new IllegalArgumentException("git ls-files failed: " + Git.firstLine(others.err()));
        }
        for (String p : others.text().split("\0")) {
            if (!p.isEmpty() && !inDependencyFolder(p)) {
                entries.add(new String[] {"A", p, null, "1"});
            }
        }

        List<ChangedFile> files = new ArrayList<>();
        int unrelated = 0;
        for (String[] e : entries) {
            ChangeStatus status = switch (e[0].charAt(0)) {
                case 'A', 'C' -> ChangeStatus.ADDED;
                case 'D' -> ChangeStatus.DELETED;
                case 'R' -> ChangeStatus.RENAMED;
                default -> ChangeStatus.MODIFIED; // M, T (type change), U (unmerged)
            };
            FileClassifier.Classification c = FileClassifier.classify(e[1], project);
            if (c == null && e[2] != null) {
                c = FileClassifier.classify(e[2], project);
            }
            if (c == null) {
                unrelated++;
                continue;
            }
            String oldPath = status == ChangeStatus.RENAMED ? e[2] : null;
            files.add(new ChangedFile(e[1], oldPath, status, c.kind(), c.tool(), e[3].equals("1")));
        }
        files.sort((a, b) -> NaturalOrder.EXACT.compare(a.path(), b.path()));

        Map<String, String> contents = new LinkedHashMap<>();
        for (ChangedFile f : files) {
            if ((f.kind() == FileKind.SCHEMA_SQL || f.kind() == FileKind.ORM_SCHEMA) && f.existsAtRev()) {
                contents.put(f.revPath(), show(top, commit, r, f.revPath()));
            }
        }
        return new GitChangeSet(top, r, commit, files, contents, unrelated);
    }

    /**
     * The text of {@code path} at {@code commit}.
     *
     * @throws IllegalArgumentException when the file is not in that commit or is too large
     */
    public String show(Path top, String commit, String revLabel, String path) {
        Git.Result r = git.run(top, List.of("show", "--no-textconv", commit + ":" + path));
        if (r.exit() != 0) {
            throw new IllegalArgumentException("git show " + revLabel + ":" + path + " failed: " + Git.firstLine(r.err()));
        }
        if (r.out().length > MAX_CONTENT_BYTES) {
            throw new IllegalArgumentException(path + " at " + revLabel + " is larger than 10 MB");
        }
        return r.text();
    }

    /**
     * The unified diff of the change set's files against its revision; untracked files appear as new files. Capped
     * at {@code maxChars}.
     */
    public Diff unifiedDiff(GitChangeSet changes, int maxChars) {
        StringBuilder out = new StringBuilder();
        Set<String> tracked = new LinkedHashSet<>();
        for (ChangedFile f : changes.files()) {
            if (!f.untracked()) {
                tracked.add(f.path());
                if (f.oldPath() != null) {
                    tracked.add(f.oldPath());
                }
            }
        }
        int total = 0;
        if (!tracked.isEmpty()) {
            List<String> args = new ArrayList<>(List.of("--literal-pathspecs", "-c", "core.quotepath=off", "diff", "-M",
                    "--no-ext-diff", "--no-color", "--no-textconv", changes.commit(), "--"));
            args.addAll(tracked);
            Git.Result r = git.run(changes.root(), args);
            if (r.exit() != 0) {
                throw new IllegalArgumentException("git diff " + changes.rev() + " failed: " + Git.firstLine(r.err()));
            }
            String text = r.text();
            total += text.length();
            out.append(text, 0, Math.min(text.length(), maxChars + 1));
        }
        for (ChangedFile f : changes.files()) {
            if (!f.untracked()) {
                continue;
            }
            String text = readHead(changes.root().resolve(f.path()), maxChars + 1L);
            List<String> lines = text.lines().toList();
            StringBuilder d = new StringBuilder();
            d.append("diff --git a/").append(f.path()).append(" b/").append(f.path()).append('\n')
                    .append("new file (untracked)\n--- /dev/null\n+++ b/").append(f.path()).append('\n')
                    .append("@@ -0,0 +1,").append(lines.size()).append(" @@\n");
            for (String l : lines) {
                d.append('+').append(l).append('\n');
            }
            total += d.length();
            if (out.length() <= maxChars) {
                out.append(d);
            }
        }
        if (out.length() > maxChars) {
            String cut = out.substring(0, maxChars);
            return new Diff(cut + "\n... (diff truncated at " + maxChars + " of " + total + " characters)\n", total, true);
        }
        return new Diff(out.toString(), total, false);
    }

    /** An untracked file in an installed-dependencies folder that .gitignore does not cover (node_modules, ...). */
    private static boolean inDependencyFolder(String path) {
        for (String seg : path.split("/")) {
            if (DEPENDENCY_DIRS.contains(seg)) {
                return true;
            }
        }
        return false;
    }

    private static String readHead(Path file, long maxBytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String printable(String s) {
        String p = s.replaceAll("\\p{Cntrl}", "?");
        return p.length() > 80 ? p.substring(0, 77) + "..." : p;
    }
}
