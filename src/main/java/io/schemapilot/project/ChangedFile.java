package io.schemapilot.project;

/**
 * A schema or migration file that changed in the working tree against a revision.
 *
 * @param path      relative to the repository's top level, {@code /} separated (the new path of a rename)
 * @param oldPath   the path at the revision for a rename, else null
 * @param status    added, modified, deleted or renamed
 * @param kind      what the file is
 * @param tool      the tool id it belongs to ({@code prisma}, {@code flyway}, {@code sql}, ...), or null
 * @param untracked added to the working tree but not known to git yet
 */
public record ChangedFile(String path, String oldPath, ChangeStatus status, FileKind kind, String tool,
                          boolean untracked) {

    /** The path the file had at the revision: the old path of a rename, else the path. */
    public String revPath() {
        return oldPath != null ? oldPath : path;
    }

    /** There is a version at the revision (not added). */
    public boolean existsAtRev() {
        return status != ChangeStatus.ADDED;
    }

    /** There is a version in the working tree (not deleted). */
    public boolean existsInWorkingTree() {
        return status != ChangeStatus.DELETED;
    }

    @Override
    public String toString() {
        return status.label() + " " + (oldPath != null ? oldPath + " -> " : "") + path
                + (untracked ? " (untracked)" : "") + " [" + kind.label() + (tool != null ? ", " + tool : "") + "]";
    }
}
