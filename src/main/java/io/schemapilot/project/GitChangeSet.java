package io.schemapilot.project;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema and migration files that changed in a working tree against a revision.
 *
 * @param root          the repository's top level (absolute); {@link ChangedFile#path()}s are relative to it
 * @param rev           the revision as given ({@code HEAD}, {@code origin/main}, a hash, ...)
 * @param commit        the commit it resolved to (full hash)
 * @param files         the changed schema and migration files, in natural path order
 * @param revContents   the text at the revision of every changed schema file (SQL and ORM) that existed there,
 *                      keyed by its path at the revision ({@link ChangedFile#revPath()})
 * @param otherChanges  how many changed files were neither schema nor migration files
 */
public record GitChangeSet(Path root, String rev, String commit, List<ChangedFile> files,
                           Map<String, String> revContents, int otherChanges) {

    public GitChangeSet {
        files = List.copyOf(files);
        revContents = Map.copyOf(revContents);
    }

    public List<ChangedFile> ofKind(FileKind kind) {
        return files.stream().filter(f -> f.kind() == kind).toList();
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** The file's text at the revision, or null (added files, or not a schema file). */
    public String revContent(ChangedFile file) {
        return revContents.get(file.revPath());
    }

    /** The first 7 characters of the commit hash. */
    public String shortCommit() {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }

    /** The file in the working tree. */
    public Path workingTreeFile(ChangedFile file) {
        return root.resolve(file.path());
    }

    /** One line: how many files changed and which. */
    public String summary() {
        String against = "against " + rev + (rev.equals(commit) ? "" : " (" + shortCommit() + ")");
        if (files.isEmpty()) {
            return "no schema or migration file changed " + against
                    + (otherChanges > 0 ? " (" + otherChanges + " other file" + (otherChanges == 1 ? "" : "s") + " changed)" : "");
        }
        List<String> parts = new ArrayList<>();
        int shown = Math.min(files.size(), 10);
        for (ChangedFile f : files.subList(0, shown)) {
            parts.add(f.toString());
        }
        if (files.size() > shown) {
            parts.add("and " + (files.size() - shown) + " more");
        }
        return files.size() + " schema/migration file" + (files.size() == 1 ? "" : "s") + " changed " + against + ": "
                + String.join("; ", parts);
    }
}
