package io.schemapilot.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitChangesTest {

    @TempDir
    Path dir;

    private static ChangedFile file(GitChangeSet c, String path) {
        return c.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no change " + path + " in " + c.files()));
    }

    /** A plain-SQL repository with one commit. */
    private TestGit sqlRepo() {
        TestGit g = TestGit.init(dir);
        g.write("db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n")
                .write("db/migration/V1__init.sql", "CREATE TABLE t (id bigint PRIMARY KEY);\n")
                .write("db/migration/V2__name.sql", "ALTER TABLE t ADD COLUMN name text;\n")
                .write("db/migration/V3__old.sql", "SELECT 1;\n")
                .write("prisma/schema.prisma", ProjectFixtures.PRISMA_SCHEMA)
                .write("README.md", "# app\n")
                .commitAll("initial");
        return g;
    }

    @Test
    void statuses_kinds_untracked_renamed_and_rev_contents() {
        TestGit g = sqlRepo();
        g.write("db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY, name text);\n");   // modified
        g.write("db/migration/V10__index.sql", "CREATE INDEX t_name ON t (name);\n");       // untracked
        g.write("db/migration/V4__staged.sql", "ALTER TABLE t ADD COLUMN x int;\n");
        g.git("add", "db/migration/V4__staged.sql");                                         // staged new file
        g.git("mv", "db/migration/V2__name.sql", "db/migration/V2__add_name.sql");             // renamed
        g.delete("db/migration/V3__old.sql");                                                // deleted
        g.write("README.md", "# app, changed\n");                                            // not schema
        g.write("node_modules/pkg/migrations/001_x.sql", "SELECT 1;\n");                     // not ignored, skipped

        GitChangeSet c = new GitChanges().collect(dir, null);
        assertEquals("HEAD", c.rev());
        assertEquals(40, c.commit().length());
        assertEquals(1, c.otherChanges(), "README.md");

        ChangedFile schema = file(c, "db/schema.sql");
        assertEquals(ChangeStatus.MODIFIED, schema.status());
        assertEquals(FileKind.SCHEMA_SQL, schema.kind());
        assertEquals("CREATE TABLE t (id bigint PRIMARY KEY);\n", c.revContent(schema), "the file as it is at HEAD");

        ChangedFile untracked = file(c, "db/migration/V10__index.sql");
        assertEquals(ChangeStatus.ADDED, untracked.status());
        assertTrue(untracked.untracked());
        assertEquals(FileKind.MIGRATION_SQL, untracked.kind());
        assertEquals("flyway", untracked.tool());

        ChangedFile staged = file(c, "db/migration/V4__staged.sql");
        assertEquals(ChangeStatus.ADDED, staged.status());
        assertFalse(staged.untracked());

        ChangedFile renamed = file(c, "db/migration/V2__add_name.sql");
        assertEquals(ChangeStatus.RENAMED, renamed.status());
        assertEquals("db/migration/V2__name.sql", renamed.oldPath());

        ChangedFile deleted = file(c, "db/migration/V3__old.sql");
        assertEquals(ChangeStatus.DELETED, deleted.status());
        assertNull(c.revContent(deleted), "only schema files carry their old text");

        List<String> order = c.files().stream().map(ChangedFile::path).toList();
        assertTrue(order.indexOf("db/migration/V4__staged.sql") < order.indexOf("db/migration/V10__index.sql"),
                "natural order: " + order);
        assertTrue(c.summary().startsWith("5 schema/migration files changed against HEAD"), c.summary());

        GitPlanSelection sel = GitPlanSelection.select(c, null);
        GitPlanSelection.Migrations m = assertInstanceOf(GitPlanSelection.Migrations.class, sel);
        assertEquals(List.of("db/migration/V2__add_name.sql", "db/migration/V4__staged.sql",
                "db/migration/V10__index.sql"), m.files().stream().map(ChangedFile::path).toList());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("V3__old.sql") && n.contains("deleted")), m.notes().toString());
        assertTrue(m.notes().stream().anyMatch(n -> n.contains("db/schema.sql")), m.notes().toString());
    }

    @Test
    void a_subfolder_finds_the_top_level_and_an_older_rev_sees_committed_changes() throws Exception {
        TestGit g = sqlRepo();
        g.write("db/migration/V4__x.sql", "ALTER TABLE t ADD COLUMN x int;\n").commitAll("second");
        GitChanges git = new GitChanges();
        assertTrue(git.collect(dir.resolve("db"), "HEAD").isEmpty());
        GitChangeSet c = git.collect(dir.resolve("db"), "HEAD~1");
        assertEquals(dir.toRealPath(), c.root().toRealPath());
        assertEquals(List.of("db/migration/V4__x.sql"), c.files().stream().map(ChangedFile::path).toList());
        assertEquals(ChangeStatus.ADDED, c.files().get(0).status());
        assertFalse(c.files().get(0).untracked());
    }

    @Test
    void a_schema_only_change_is_a_schema_diff_from_rev_to_working_tree() throws Exception {
        TestGit g = sqlRepo();
        g.write("db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY, name text);\n");
        GitChangeSet c = new GitChanges().collect(dir, "HEAD");
        GitPlanSelection.SchemaDiff d = assertInstanceOf(GitPlanSelection.SchemaDiff.class, GitPlanSelection.select(c, null));
        assertEquals("CREATE TABLE t (id bigint PRIMARY KEY);\n", d.fromText());
        assertEquals("CREATE TABLE t (id bigint PRIMARY KEY, name text);\n", d.toText());
        assertEquals("HEAD:db/schema.sql", d.fromName());
        assertEquals("db/schema.sql", d.toName());
    }

    @Test
    void orm_only_nothing_and_deletions_only() {
        TestGit g = sqlRepo();
        GitChangeSet none = new GitChanges().collect(dir, null);
        GitPlanSelection.Nothing n = assertInstanceOf(GitPlanSelection.Nothing.class, GitPlanSelection.select(none, null));
        assertTrue(n.message().startsWith("no schema or migration file changed against HEAD"), n.message());

        g.write("prisma/schema.prisma", ProjectFixtures.PRISMA_SCHEMA + "\nmodel Post { id Int @id }\n");
        GitChangeSet orm = new GitChanges().collect(dir, null);
        assertEquals(FileKind.ORM_SCHEMA, orm.files().get(0).kind());
        assertTrue(orm.revContent(orm.files().get(0)).contains("model User"));
        GitPlanSelection.Unplannable u = assertInstanceOf(GitPlanSelection.Unplannable.class,
                GitPlanSelection.select(orm, null));
        assertTrue(u.message().contains("prisma/schema.prisma") && u.message().contains("prisma migrate dev"), u.message());
        assertFalse(u.message().contains("\n"));

        g.git("checkout", "--", "prisma/schema.prisma");
        g.delete("db/migration/V3__old.sql");
        GitPlanSelection.Unplannable del = assertInstanceOf(GitPlanSelection.Unplannable.class,
                GitPlanSelection.select(new GitChanges().collect(dir, null), null));
        assertTrue(del.message().startsWith("only deletions"), del.message());
    }

    @Test
    void unified_diff_covers_tracked_and_untracked_files_and_is_capped() {
        TestGit g = sqlRepo();
        g.write("db/schema.sql", "CREATE TABLE t (id bigint PRIMARY KEY, name text);\n");
        g.write("db/migration/V5__new.sql", "CREATE INDEX t_name ON t (name);\n");
        GitChanges git = new GitChanges();
        GitChangeSet c = git.collect(dir, null);
        GitChanges.Diff d = git.unifiedDiff(c, 10_000);
        assertFalse(d.truncated());
        assertTrue(d.text().contains("+CREATE TABLE t (id bigint PRIMARY KEY, name text);"), d.text());
        assertTrue(d.text().contains("-CREATE TABLE t (id bigint PRIMARY KEY);"), d.text());
        assertTrue(d.text().contains("+++ b/db/migration/V5__new.sql") && d.text().contains("+CREATE INDEX t_name"),
                d.text());
        GitChanges.Diff small = git.unifiedDiff(c, 40);
        assertTrue(small.truncated());
        assertTrue(small.text().length() < 200, small.text());
        assertTrue(small.text().contains("truncated"), small.text());
    }

    @Test
    void clear_errors_not_a_repo_unknown_rev_no_commits_no_git(@TempDir Path plain) {
        IllegalArgumentException notRepo = assertThrows(IllegalArgumentException.class,
                () -> new GitChanges().collect(plain, null));
        assertTrue(notRepo.getMessage().endsWith("is not inside a git repository"), notRepo.getMessage());

        sqlRepo();
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> new GitChanges().collect(dir, "no-such-branch"));
        assertTrue(bad.getMessage().startsWith("unknown revision 'no-such-branch'"), bad.getMessage());
        IllegalArgumentException option = assertThrows(IllegalArgumentException.class,
                () -> new GitChanges().collect(dir, "--output=/tmp/x"));
        assertEquals("'--output=/tmp/x' is not a revision", option.getMessage());

        TestGit.init(plain);
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> new GitChanges().collect(plain, null));
        assertTrue(empty.getMessage().contains("has no commits yet"), empty.getMessage());

        IllegalArgumentException noGit = assertThrows(IllegalArgumentException.class,
                () -> new GitChanges(dir.resolve("no-such-git").toString()).collect(dir, null));
        assertTrue(noGit.getMessage().startsWith("git is not installed"), noGit.getMessage());
        for (IllegalArgumentException e : List.of(notRepo, bad, option, empty, noGit)) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
