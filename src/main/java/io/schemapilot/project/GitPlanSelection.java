package io.schemapilot.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code plan --git} plans from a change set, decided in this order:
 * <ol>
 *   <li>added, modified or renamed migration SQL files: {@link Migrations}, planned as migration files in natural
 *       path order;</li>
 *   <li>else changed schema SQL files: {@link SchemaDiff}, the revision's version as "from" and the working tree's
 *       as "to" (several files are joined in path order);</li>
 *   <li>else ORM schema changes, non-SQL migrations or only deletions: {@link Unplannable}, with the command that
 *       produces SQL;</li>
 *   <li>else {@link Nothing}.</li>
 * </ol>
 * Whatever is left out is said in {@link #notes()}.
 */
public sealed interface GitPlanSelection {

    /** What the user should know about what was and was not planned. */
    List<String> notes();

    /** Migration SQL files to plan, in order. */
    record Migrations(List<ChangedFile> files, List<String> notes) implements GitPlanSelection {
        public Migrations {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /**
     * A desired-state change of schema SQL files.
     *
     * @param files    the changed schema SQL files
     * @param fromText the schema at the revision (empty when every file is new)
     * @param toText   the schema in the working tree (empty when every file was deleted)
     * @param fromName a name for the "from" side, e.g. {@code HEAD:db/schema.sql}
     * @param toName   a name for the "to" side, e.g. {@code db/schema.sql}
     */
    record SchemaDiff(List<ChangedFile> files, String fromText, String toText, String fromName, String toName,
                      List<String> notes) implements GitPlanSelection {
        public SchemaDiff {
            files = List.copyOf(files);
            notes = List.copyOf(notes);
        }
    }

    /** Schema or migration files changed, but none of them is SQL schemapilot can plan; {@code message} says why. */
    record Unplannable(String message, List<String> notes) implements GitPlanSelection {
        public Unplannable {
            notes = List.copyOf(notes);
        }
    }

    /** No schema or migration file changed. */
    record Nothing(String message, List<String> notes) implements GitPlanSelection {
        public Nothing {
            notes = List.copyOf(notes);
        }
    }

    /**
     * Decides what to plan.
     *
     * @param changes the change set
     * @param info    what the detector found (for the tool of ORM schema changes), or null
     * @throws IllegalArgumentException when a working-tree file cannot be read
     */
    static GitPlanSelection select(GitChangeSet changes, ProjectInfo info) {
        List<String> notes = new ArrayList<>();
        String against = changes.rev() + (changes.rev().equals(changes.commit()) ? "" : " (" + changes.shortCommit() + ")");
        List<ChangedFile> migrations = new ArrayList<>();
        List<ChangedFile> schemas = new ArrayList<>();
        List<ChangedFile> orm = new ArrayList<>();
        List<ChangedFile> other = new ArrayList<>();
        List<ChangedFile> deleted = new ArrayList<>();
        for (ChangedFile f : changes.files()) {
            switch (f.kind()) {
                case MIGRATION_SQL -> {
                    if (f.existsInWorkingTree()) {
                        migrations.add(f);
                    } else {
                        deleted.add(f);
                    }
                }
                case SCHEMA_SQL -> schemas.add(f);
                case ORM_SCHEMA -> orm.add(f);
                default -> other.add(f);
            }
        }
        for (ChangedFile f : deleted) {
            notes.add("migration " + f.path() + " was deleted in the working tree; a deleted migration is not planned");
        }

        if (!migrations.isEmpty()) {
            for (ChangedFile f : migrations) {
                if (f.status() == ChangeStatus.MODIFIED) {
                    notes.add("migration " + f.path() + " was modified, not added: if it has already run anywhere,"
                            + " the change will not run there; add a new migration instead");
                }
            }
            if (!schemas.isEmpty()) {
                notes.add("schema file " + paths(schemas) + " changed too; the migration files are planned"
                        + " (the schema file is taken to be their result)");
            }
            if (!orm.isEmpty()) {
                notes.add("ORM schema " + paths(orm) + " changed too; the migration files are planned");
            }
            if (!other.isEmpty()) {
                notes.add("not planned (not migration SQL): " + paths(other));
            }
            return new Migrations(migrations, notes);
        }

        List<ChangedFile> liveSchemas = schemas.stream().filter(ChangedFile::existsInWorkingTree).toList();
        if (!liveSchemas.isEmpty()) {
            StringBuilder from = new StringBuilder();
            StringBuilder to = new StringBuilder();
            for (ChangedFile f : schemas) {
                String old = changes.revContent(f);
                if (old != null) {
                    append(from, f.revPath(), old, schemas.size() > 1);
                }
                if (f.existsInWorkingTree()) {
                    append(to, f.path(), readWorkingTree(changes, f), schemas.size() > 1);
                }
            }
            if (schemas.size() > 1) {
                notes.add("several schema files changed (" + paths(schemas) + "); they are diffed together, joined"
                        + " in path order");
            }
            if (!orm.isEmpty()) {
                notes.add("ORM schema " + paths(orm) + " changed too; only the SQL schema is planned");
            }
            if (!other.isEmpty()) {
                notes.add("not planned: " + paths(other));
            }
            String name = schemas.size() == 1 ? liveSchemas.get(0).path() : paths(schemas);
            String fromName = changes.rev() + ":" + (schemas.size() == 1 ? schemas.get(0).revPath() : name);
            return new SchemaDiff(schemas, from.toString(), to.toString(), fromName, name, notes);
        }

        if (!orm.isEmpty()) {
            Set<String> commands = new LinkedHashSet<>();
            for (ChangedFile f : orm) {
                String tool = f.tool() != null ? f.tool() : primaryTool(info);
                String cmd = MigrationCommands.generateCommand(tool);
                if (cmd != null) {
                    commands.add(ProjectDetector.toolName(tool) + ": " + cmd);
                }
            }
            String how = commands.isEmpty()
                    ? "generate a SQL migration with your migration tool"
                    : "generate the SQL migration first with " + String.join("; ", commands);
            return new Unplannable("only ORM schema files changed against " + against + " (" + paths(orm)
                    + ") and no SQL migration: " + how + ", then run plan --git again", notes);
        }

        if (!other.isEmpty()) {
            Set<String> commands = new LinkedHashSet<>();
            for (ChangedFile f : other) {
                String cmd = MigrationCommands.sqlExportCommand(f.tool());
                if (cmd != null) {
                    commands.add(ProjectDetector.toolName(f.tool()) + ": " + cmd);
                }
            }
            String how = commands.isEmpty() ? "write the change as a .sql file"
                    : "render them as SQL first (" + String.join("; ", commands) + ")";
            return new Unplannable("the changed schema/migration files are not SQL schemapilot can plan ("
                    + paths(other) + "): " + how + ", then run: schemapilot plan change.sql", notes);
        }

        if (!schemas.isEmpty() || !deleted.isEmpty()) {
            List<ChangedFile> gone = new ArrayList<>(schemas);
            gone.addAll(deleted);
            return new Unplannable("only deletions against " + against + " (" + paths(gone) + "): nothing to plan;"
                    + " to drop what a schema file held, write the DROP statements as a migration", notes);
        }

        return new Nothing("no schema or migration file changed against " + against
                + (changes.otherChanges() > 0 ? " (" + changes.otherChanges() + " other file"
                + (changes.otherChanges() == 1 ? "" : "s") + " changed)" : ""), notes);
    }

    private static void append(StringBuilder b, String path, String text, boolean marked) {
        if (marked) {
            b.append("-- schemapilot: ").append(path).append('\n');
        }
        b.append(text);
        if (!text.endsWith("\n")) {
            b.append('\n');
        }
    }

    private static String readWorkingTree(GitChangeSet changes, ChangedFile f) {
        try {
            if (Files.size(changes.workingTreeFile(f)) > GitChanges.MAX_CONTENT_BYTES) {
                throw new IllegalArgumentException(f.path() + " is larger than 10 MB");
            }
            return Files.readString(changes.workingTreeFile(f), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(f.path() + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static String primaryTool(ProjectInfo info) {
        if (info == null) {
            return null;
        }
        return info.tools().stream().filter(t -> t.category() == ProjectInfo.Category.ORM
                || t.category() == ProjectInfo.Category.PLATFORM).map(ProjectInfo.Detection::id).findFirst().orElse(null);
    }

    private static String paths(List<ChangedFile> files) {
        int shown = Math.min(files.size(), 5);
        List<String> p = files.subList(0, shown).stream().map(ChangedFile::path).toList();
        return String.join(", ", p) + (files.size() > shown ? " and " + (files.size() - shown) + " more" : "");
    }
}
