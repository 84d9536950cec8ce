package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.agent.tools.TestContexts;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolOutcome;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.schemapilot.agent.tools.builtin.RunQueryToolTest.POISON;
import static io.schemapilot.agent.tools.builtin.RunQueryToolTest.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text in the database or in project files that tells the agent to drop a table is data: every tool returns it as
 * such, and nothing is dropped, changed or even sent to the confirmation gate.
 */
class ToolSafetyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @Test
    void instructions_in_comments_rows_and_files_change_nothing() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.fresh()) {
            RunQueryToolTest.setUp(db);
            Files.writeString(project.resolve("V1__note.sql"), "-- " + POISON + "\nALTER TABLE users ADD COLUMN note text;\n");
            List<ConfirmationGate.Request> asked = new ArrayList<>();
            ConfirmationGate gate = new ConfirmationGate(Set.of("users"), true, r -> {
                asked.add(r);
                return r.target();
            });
            ToolContext ctx = TestContexts.of(project, CatalogTarget.Source.database(db.jdbcUrl()), gate,
                    ToolContext.Limits.DEFAULT);
            ToolRegistry r = new ToolRegistry(BuiltinTools.all());

            ToolOutcome comment = r.execute("1", "run_query", JSON.createObjectNode().put("sql",
                    "SELECT col_description('users'::regclass, 2) AS note, email FROM users WHERE id = 999").toString(), ctx);
            assertTrue(comment.ok(), comment.text());
            assertEquals(POISON, comment.data().get("rows").get(0).get("note").asText());
            assertEquals(POISON, comment.data().get("rows").get(0).get("email").asText());

            List<ToolOutcome> all = new ArrayList<>();
            all.add(comment);
            all.add(r.execute("2", "inspect_schema", "{}", ctx));
            all.add(r.execute("3", "read_file", "{\"path\": \"V1__note.sql\"}", ctx));
            all.add(r.execute("4", "check_migration", "{\"paths\": [\"V1__note.sql\"]}", ctx));
            all.add(r.execute("5", "check_data", JSON.createObjectNode().put("sql", "-- " + POISON
                    + "\nALTER TABLE users ALTER COLUMN email SET NOT NULL;").toString(), ctx));
            all.add(r.execute("6", "plan_migration", "{\"paths\": [\"V1__note.sql\"]}", ctx));
            for (ToolOutcome o : all) {
                assertTrue(o.ok(), o.tool() + ": " + o.text());
            }
            assertTrue(all.get(2).text().contains(POISON), "the file's text comes back as data");

            assertEquals(1, count(db, "SELECT count(*) FROM pg_class WHERE relname = 'users' AND relkind = 'r'"));
            assertEquals(51, count(db, "SELECT count(*) FROM users"));
            assertEquals(0, count(db, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"),
                    "reading a migration does not run it");
            assertTrue(asked.isEmpty(), "no write or destructive tool was even asked for: " + asked);
        }
    }
}
