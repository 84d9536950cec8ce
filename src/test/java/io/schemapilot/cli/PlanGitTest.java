package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.project.ProjectFixtures;
import io.schemapilot.project.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --git [REV]} end to end, on real temporary git repositories. */
class PlanGitTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** A repository whose db/schema.sql is the example shop schema, with one migration, committed. */
    private TestGit shopRepo() throws Exception {
        TestGit g = TestGit.init(dir);
        g.write("db/schema.sql", Files.readString(Path.of("examples/schema.sql")))
                .write("db/migrations/V1__init.sql", "CREATE TABLE audit_log (id bigint PRIMARY KEY, note text);\n")
                .write("app/main.py", "print('hello')\n")
                .commitAll("initial");
        return g;
    }

    private static String example(String name) throws Exception {
        return Files.readString(Path.of("examples/migrations", name));
    }

    private static void assertOneLineError(CliRunner.Run r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.noStackTrace(), r.err());
    }

    @Test
    void changed_migration_files_are_planned_like_plan_FILE() throws Exception {
        TestGit g = shopRepo();
        g.write("db/migrations/V2__add_orders_shipping_method.sql", example("V2__add_orders_shipping_method.sql"));
        g.write("db/migrations/V3__index_payments_order_id.sql", example("V3__index_payments_order_id.sql"));
        g.git("add", "db/migrations/V3__index_payments_order_id.sql");
        g.write("app/main.py", "print('changed')\n");

        CliRunner.Run r = run("plan", "--git", "--project", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("planning 2 migration files changed against HEAD: "
                + "db/migrations/V2__add_orders_shipping_method.sql, db/migrations/V3__index_payments_order_id.sql"), r.err());
        JsonNode plan = JSON.readTree(r.out());
        assertTrue(plan.path("phases").size() >= 2, "the required column becomes several phases");
        assertTrue(r.out().contains("db/migrations/V2__add_orders_shipping_method.sql"), "sources are named by their"
                + " path in the repository");
        assertTrue(r.out().contains("shipping_method") && r.out().contains("CONCURRENTLY"), r.out());

        CliRunner.Run direct = run("plan", "--format", "json",
                dir.resolve("db/migrations/V2__add_orders_shipping_method.sql").toString(),
                dir.resolve("db/migrations/V3__index_payments_order_id.sql").toString());
        assertEquals(0, direct.exit(), direct.err());
        JsonNode same = JSON.readTree(direct.out());
        assertEquals(same.path("findings"), plan.path("findings"), "the same findings as plan FILE...");
        assertEquals(same.path("risk"), plan.path("risk"));
    }

    @Test
    void a_changed_schema_file_is_planned_as_a_desired_state_change() throws Exception {
        TestGit g = shopRepo();
        String schema = g.read("db/schema.sql");
        g.write("db/schema.sql", schema.replace("    provider_ref text,\n", "    provider_ref text,\n    refunded_at  timestamptz,\n")
                + "CREATE INDEX payments_order_id_idx ON payments (order_id);\n");

        CliRunner.Run r = run("plan", "--git", "--project", dir.resolve("db").toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("planning the change of db/schema.sql from HEAD to the working tree"), r.err());
        JsonNode plan = JSON.readTree(r.out());
        assertTrue(r.out().contains("refunded_at"), r.out());
        assertTrue(r.out().contains("payments_order_id_idx") && r.out().contains("CONCURRENTLY"),
                "the generated index is built concurrently");
        assertTrue(plan.path("phases").size() >= 1);
        assertTrue(plan.path("changes").size() >= 2, plan.path("changes").toString());
    }

    @Test
    void an_older_revision_includes_committed_changes() throws Exception {
        TestGit g = shopRepo();
        g.write("db/migrations/V3__index_payments_order_id.sql", example("V3__index_payments_order_id.sql"))
                .commitAll("index");
        CliRunner.Run head = run("plan", "--git", "--project", dir.toString(), "--format", "json");
        assertEquals(0, head.exit(), head.err());
        assertEquals(0, JSON.readTree(head.out()).path("phases").size(), "nothing changed against HEAD");

        CliRunner.Run older = run("plan", "--git", "HEAD~1", "--project", dir.toString(), "--format", "json");
        assertEquals(0, older.exit(), older.err());
        assertTrue(older.out().contains("payments_order_id"), older.out());
        assertTrue(older.err().contains("changed against HEAD~1"), older.err());
    }

    @Test
    void nothing_changed_is_an_empty_plan_with_exit_0() throws Exception {
        shopRepo().write("app/main.py", "print('only code changed')\n");
        CliRunner.Run r = run("plan", "--git", "--project", dir.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("no schema or migration file changed against HEAD"), r.err());
        assertTrue(r.err().contains("(1 other file changed)"), r.err());
        JsonNode plan = JSON.readTree(r.out());
        assertEquals(0, plan.path("phases").size());
        assertEquals(0, plan.path("findings").size());
    }

    @Test
    void an_orm_schema_change_without_sql_says_which_tool_to_run() {
        TestGit g = TestGit.init(dir);
        ProjectFixtures.prismaPostgres(dir);
        g.commitAll("prisma app");
        g.write("prisma/schema.prisma", ProjectFixtures.PRISMA_SCHEMA + "\nmodel Post {\n  id Int @id\n}\n");
        CliRunner.Run r = run("plan", "--git", "--project", dir.toString());
        assertOneLineError(r, "only ORM schema files changed against HEAD");
        assertTrue(r.err().contains("prisma/schema.prisma") && r.err().contains("npx prisma migrate dev --create-only"),
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void usage_and_repository_errors_are_one_line_and_exit_2(@TempDir Path plain) throws Exception {
        assertOneLineError(run("plan", "--git", "--project", plain.toString()), "is not inside a git repository");

        shopRepo();
        String p = dir.toString();
        assertOneLineError(run("plan", "--git", "nope", "--project", p), "unknown revision 'nope'");
        assertOneLineError(run("plan", "examples/migrations/V3__index_payments_order_id.sql", "--git", "--project", p),
                "give it without FILE and without --from/--to");
        assertOneLineError(run("plan", "--git", "--from", "examples/schema.sql", "--to", "examples/schema.sql",
                "--project", p), "give it without FILE");
        assertOneLineError(run("plan", "--git", "examples/migrations/V3__index_payments_order_id.sql"),
                "--git takes a revision, not a file");
        assertOneLineError(run("plan", "--project", p, "examples/migrations/V3__index_payments_order_id.sql"),
                "--project goes with --git");
    }
}
