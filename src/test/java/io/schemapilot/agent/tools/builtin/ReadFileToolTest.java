package io.schemapilot.agent.tools.builtin;

import io.schemapilot.agent.tools.TestContexts;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolOutcome;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.catalog.CatalogTarget;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** read_file reads inside the project only: no .., no absolute path outside, no link that leads out. */
class ReadFileToolTest {

    @TempDir
    Path tmp;

    Path project;
    Path outside;
    ToolRegistry registry;
    ToolContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        project = Files.createDirectories(tmp.resolve("project"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret outside the project\n");
        Files.createDirectories(project.resolve("db/migrations"));
        Files.writeString(project.resolve("db/migrations/V1__init.sql"), "CREATE TABLE t (id int);\nSELECT 1;\n");
        Files.writeString(project.resolve(".env"), "DATABASE_URL=postgres://u:pw@h/db\n");
        Files.write(project.resolve("blob.bin"), new byte[] {1, 2, 0, 3});
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            sb.append("line ").append(i).append('\n');
        }
        Files.writeString(project.resolve("long.txt"), sb.toString());
        registry = new ToolRegistry(BuiltinTools.all());
        ctx = TestContexts.of(project, CatalogTarget.Source.none());
    }

    private ToolOutcome read(String json) {
        return registry.execute("c", "read_file", json, ctx);
    }

    @Test
    void reads_a_project_file_with_line_numbers() {
        ToolOutcome o = read("{\"path\": \"db/migrations/V1__init.sql\"}");
        assertTrue(o.ok(), o.text());
        assertEquals("db/migrations/V1__init.sql (lines 1-2 of 2)\n1| CREATE TABLE t (id int);\n2| SELECT 1;\n",
                o.text());
        ToolOutcome abs = read("{\"path\": \"" + project.resolve("db/migrations/V1__init.sql") + "\"}");
        assertTrue(abs.ok(), "an absolute path inside the project is fine: " + abs.text());
    }

    @Test
    void pages_through_a_long_file() {
        ToolOutcome o = read("{\"path\": \"long.txt\", \"start_line\": 500, \"max_lines\": 3}");
        assertTrue(o.ok(), o.text());
        assertEquals("long.txt (lines 500-502 of 1000)\n500| line 500\n501| line 501\n502| line 502\n"
                + "[more: call read_file with start_line=503]\n", o.text());
        ToolOutcome past = read("{\"path\": \"long.txt\", \"start_line\": 2000}");
        assertFalse(past.ok());
        assertTrue(past.text().contains("has 1000 lines"), past.text());
    }

    @Test
    void lists_a_folder() {
        ToolOutcome o = read("{\"path\": \"db\"}");
        assertTrue(o.ok(), o.text());
        assertEquals("db/ (folder, 1 entries)\nmigrations/\n", o.text());
    }

    @Test
    void refuses_to_leave_the_project() throws Exception {
        Files.createSymbolicLink(project.resolve("link-out"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(project.resolve("dir-out"), outside);
        for (String path : List.of("../outside/secret.txt", "db/../../outside/secret.txt",
                outside.resolve("secret.txt").toString(), "/etc/passwd", "~/.pgpass", "link-out",
                "dir-out/secret.txt", "")) {
            ToolOutcome o = read(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                    .put("path", path).toString());
            assertFalse(o.ok(), path + " must be refused");
            assertFalse(o.text().contains("top secret"), o.text());
        }
        assertTrue(read("{\"path\": \"../outside/secret.txt\"}").text().contains("leaves the project"));
        assertTrue(read("{\"path\": \"/etc/passwd\"}").text().contains("is outside the project"));
        assertTrue(read("{\"path\": \"link-out\"}").text().contains("a link that leads outside the project"));
    }

    @Test
    void refuses_credential_and_binary_files() {
        ToolOutcome env = read("{\"path\": \".env\"}");
        assertFalse(env.ok());
        assertTrue(env.text().contains("usually holds credentials"), env.text());
        assertFalse(env.text().contains("pw@"));
        ToolOutcome bin = read("{\"path\": \"blob.bin\"}");
        assertFalse(bin.ok());
        assertTrue(bin.text().contains("binary"), bin.text());
        ToolOutcome none = read("{\"path\": \"nope.sql\"}");
        assertFalse(none.ok());
        assertTrue(none.text().contains("does not exist"), none.text());
    }
}
