package io.schemapilot.agent.tools.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.schemapilot.agent.TestPaths;
import io.schemapilot.agent.tools.TestContexts;
import io.schemapilot.agent.tools.ToolContext;
import io.schemapilot.agent.tools.ToolOutcome;
import io.schemapilot.agent.tools.ToolRegistry;
import io.schemapilot.apply.ConfirmationGate;
import io.schemapilot.catalog.CatalogTarget;
import io.schemapilot.cli.Cli;
import io.schemapilot.cli.CliEnv;
import io.schemapilot.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inspect_schema, check_migration, check_data and rehearse on the examples and real PostgreSQL. */
class SchemaToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path ROOT = TestPaths.basedir();
    static final Path SCHEMA = ROOT.resolve("examples/schema.sql");

    /** The example schema with rows: some users without a phone, one payment whose order does not exist. */
    static final String DATA = """
            INSERT INTO users (email, full_name, phone) VALUES
              ('a@example.com', 'A', '+1'), ('b@example.com', 'B', NULL), ('c@example.com', 'C', NULL);
            INSERT INTO orders (user_id, status, total_cents) SELECT id, 'paid', 100 FROM users;
            INSERT INTO payments (order_id, amount_cents, provider) VALUES (1, 100, 'card'), (424242, 5, 'card');
            """;

    private final ToolRegistry registry = new ToolRegistry(BuiltinTools.all());

    @TempDir
    static Path results;

    private static ToolContext ctx(CatalogTarget.Source target) {
        return TestContexts.of(ROOT, target, ConfirmationGate.denyAll(), ToolContext.Limits.DEFAULT, Map.of(), null,
                results);
    }

    private ToolOutcome call(String tool, ObjectNode args, ToolContext ctx) {
        return registry.execute("t", tool, args.toString(), ctx);
    }

    static TestDatabases.TestDb shopWithData() throws Exception {
        TestDatabases.TestDb db = TestDatabases.withSchema(Files.readString(SCHEMA));
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(DATA);
            st.execute("ANALYZE");
        }
        return db;
    }

    // ------------------------------------------------------------------------------------------ inspect_schema

    @Test
    void inspect_schema_describes_the_example_schema() {
        ToolOutcome o = call("inspect_schema", JSON.createObjectNode(), ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertTrue(o.ok(), o.text());
        JsonNode d = o.data();
        assertEquals(5, d.get("tables_total").asInt());
        assertEquals("--schema", d.get("source").asText());
        JsonNode orders = find(d.get("tables"), "public.orders");
        assertTrue(orders.get("columns").toString().contains("status order_status NOT NULL DEFAULT 'pending'"),
                orders.toString());
        assertTrue(orders.get("constraints").toString().contains("FOREIGN KEY (user_id) REFERENCES users(id)"),
                orders.toString());
        assertTrue(orders.get("indexes").toString().contains("orders_open_idx"), orders.toString());
        assertTrue(d.get("enums").get(0).asText().startsWith("public.order_status: pending, paid"), d.toString());

        ToolOutcome one = call("inspect_schema", JSON.createObjectNode().put("table", "pay*"),
                ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertEquals(1, one.data().get("tables").size());
        assertEquals("public.payments", one.data().get("tables").get(0).get("name").asText());
        ToolOutcome none = call("inspect_schema", JSON.createObjectNode().put("table", "invoices"),
                ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertFalse(none.ok());
        assertTrue(none.text().contains("no table matches 'invoices'; tables: public.order_items"), none.text());
    }

    @Test
    void inspect_schema_reads_a_live_database_with_row_estimates() throws Exception {
        try (TestDatabases.TestDb db = shopWithData()) {
            ToolOutcome o = call("inspect_schema", JSON.createObjectNode().put("table", "users"),
                    ctx(CatalogTarget.Source.database(db.jdbcUrl())));
            assertTrue(o.ok(), o.text());
            JsonNode users = o.data().get("tables").get(0);
            assertEquals(3, users.get("rows_estimate").asLong());
            assertTrue(users.get("total_bytes").asLong() > 0);
            assertEquals("--db", o.data().get("source").asText());
        }
    }

    @Test
    void a_500_table_schema_is_summarised_not_dumped() throws Exception {
        try (TestDatabases.TestDb db = TestDatabases.fresh()) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("DO $$ BEGIN FOR i IN 1..500 LOOP EXECUTE format('CREATE TABLE t_%s (id bigint PRIMARY KEY,"
                        + " name text NOT NULL, created_at timestamptz DEFAULT now())', i); END LOOP; END $$");
                st.execute("INSERT INTO t_77 SELECT g, 'x' FROM generate_series(1, 5000) g");
                st.execute("ANALYZE t_77");
            }
            ToolContext ctx = ctx(CatalogTarget.Source.database(db.jdbcUrl()));
            ToolOutcome o = call("inspect_schema", JSON.createObjectNode(), ctx);
            assertTrue(o.ok(), o.text());
            assertTrue(o.text().length() <= ctx.limits().maxResultChars(), "length " + o.text().length());
            assertFalse(o.text().contains("[truncated"), "summarised by the tool itself, not cut");
            JsonNode d = o.data();
            assertEquals(500, d.get("tables_total").asInt());
            assertTrue(d.get("omitted_tables").asInt() > 0, d.toString());
            assertEquals("public.t_77", d.get("tables").get(0).get("name").asText(), "largest first");
            assertEquals(3, d.get("tables").get(0).get("columns").asInt());
            assertTrue(d.get("detail").asText().contains("call inspect_schema with table=NAME"));
            ToolOutcome one = call("inspect_schema", JSON.createObjectNode().put("table", "t_123"), ctx);
            assertEquals(1, one.data().get("tables").size());
            assertTrue(one.data().get("tables").get(0).get("columns").isArray());
        }
    }

    @Test
    void tools_that_need_a_schema_say_how_to_give_one() {
        for (String tool : List.of("inspect_schema", "run_query", "check_data", "rehearse")) {
            ObjectNode args = JSON.createObjectNode();
            if (!tool.equals("inspect_schema")) {
                args.put("sql", "SELECT 1");
            }
            ToolOutcome o = call(tool, args, ctx(CatalogTarget.Source.none()));
            assertFalse(o.ok(), tool);
            assertTrue(o.text().contains("--db URL") && o.text().contains("--schema FILE"), tool + ": " + o.text());
        }
    }

    // ------------------------------------------------------------------------------------------ check_migration

    @Test
    void check_migration_gives_the_same_report_as_the_check_command() {
        List<String> files = List.of("examples/migrations/V2__add_orders_shipping_method.sql",
                "examples/migrations/V6__drop_orders_legacy_code.sql",
                "examples/migrations/V7__index_orders_placed_at_concurrently.sql");
        ObjectNode args = JSON.createObjectNode();
        files.forEach(args.putArray("paths")::add);
        ToolOutcome o = call("check_migration", args, ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertTrue(o.ok(), o.text());

        List<String> cli = new ArrayList<>(List.of("check", "--format", "json", "--schema", SCHEMA.toString()));
        files.forEach(f -> cli.add(ROOT.resolve(f).toString()));
        JsonNode expected = cliJson(cli);
        assertEquals(withoutPaths(expected), withoutPaths(o.data()));
        assertEquals("critical", o.data().get("max_risk").asText());
        assertEquals(files.get(0), o.data().get("files").get(0).get("path").asText());
        assertEquals("add-column-not-null-no-default",
                o.data().get("files").get(0).get("findings").get(0).get("hazard").asText());
    }

    @Test
    void check_migration_with_data_runs_the_data_checks_like_the_check_command() throws Exception {
        try (TestDatabases.TestDb db = shopWithData()) {
            String v4 = "examples/migrations/V4__payments_order_fk.sql";
            ToolOutcome o = call("check_migration", JSON.createObjectNode().put("sql", Files.readString(ROOT.resolve(v4))),
                    ctx(CatalogTarget.Source.database(db.jdbcUrl())));
            assertTrue(o.ok(), o.text());
            JsonNode checks = o.data().get("data_checks");
            assertTrue(checks.size() > 0, o.text());
            JsonNode orphans = null;
            for (JsonNode c : checks) {
                if (c.get("kind").asText().equals("orphans")) {
                    orphans = c;
                }
            }
            assertEquals(1, orphans.get("result").get("count").asLong(), checks.toString());
            assertFalse(orphans.get("passed").asBoolean());
            JsonNode expected = cliJson(List.of("check", "--format", "json", "--db", db.jdbcUrl(),
                    ROOT.resolve(v4).toString()));
            assertEquals(withoutPaths(expected), withoutPaths(o.data()));
        }
    }

    @Test
    void check_migration_reports_unreadable_input_to_the_model() {
        ToolOutcome none = call("check_migration", JSON.createObjectNode(), ctx(CatalogTarget.Source.none()));
        assertFalse(none.ok());
        assertTrue(none.text().contains("give the migration as 'sql'"), none.text());
        ToolOutcome missing = call("check_migration", JSON.createObjectNode().put("paths", "examples/nope.sql"),
                ctx(CatalogTarget.Source.none()));
        assertFalse(missing.ok());
        assertTrue(missing.text().contains("'examples/nope.sql' does not exist"), missing.text());
        ToolOutcome inline = call("check_migration", JSON.createObjectNode().put("sql", "CREATE INDEX i ON t (c);"),
                ctx(CatalogTarget.Source.none()));
        assertTrue(inline.ok(), inline.text());
        assertEquals("create-index-non-concurrent",
                inline.data().get("files").get(0).get("findings").get(0).get("hazard").asText());
    }

    // ------------------------------------------------------------------------------------------ check_data

    @Test
    void check_data_counts_the_rows_that_break_a_migration_in_each_mode() throws Exception {
        try (TestDatabases.TestDb db = shopWithData()) {
            ToolContext ctx = ctx(CatalogTarget.Source.database(db.jdbcUrl()));
            ObjectNode args = JSON.createObjectNode();
            args.putArray("paths").add("examples/migrations/V9__users_phone_not_null.sql");
            ToolOutcome exact = call("check_data", args, ctx);
            assertTrue(exact.ok(), exact.text());
            assertEquals("exact", exact.data().get("mode").asText());
            JsonNode nulls = null;
            for (JsonNode c : exact.data().get("checks")) {
                if (c.get("kind").asText().equals("nulls")) {
                    nulls = c;
                }
            }
            assertTrue(nulls != null, exact.text());
            assertEquals("public.users.phone", nulls.get("object").asText());
            assertEquals(2, nulls.get("result").get("count").asLong());
            assertTrue(nulls.get("exact").asBoolean());
            assertTrue(exact.data().get("failed").asInt() >= 1);

            ToolOutcome estimate = call("check_data", args.deepCopy().put("mode", "estimate"), ctx);
            assertTrue(estimate.ok(), estimate.text());
            assertFalse(estimate.data().get("checks").get(0).get("exact").asBoolean());
            ToolOutcome sample = call("check_data", args.deepCopy().put("mode", "sample").put("sample_rows", 1000), ctx);
            assertTrue(sample.ok(), sample.text());
            assertEquals("sample", sample.data().get("mode").asText());

            ToolOutcome nothing = call("check_data", JSON.createObjectNode()
                    .put("sql", "CREATE TABLE coupons (code text PRIMARY KEY);"), ctx);
            assertTrue(nothing.ok());
            assertEquals(0, nothing.data().get("planned").asInt());
        }
    }

    @Test
    void a_schema_file_that_is_not_utf8_gets_a_plain_message() throws Exception {
        java.nio.file.Path latin1 = java.nio.file.Files.createTempFile("schema-latin1", ".sql");
        try {
            java.nio.file.Files.write(latin1, "CREATE TABLE caf\u00e9 (id int);\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            ToolOutcome o = call("inspect_schema", JSON.createObjectNode(), ctx(CatalogTarget.Source.schema(latin1)));
            assertFalse(o.ok());
            assertTrue(o.text().contains("invalid UTF-8 at byte offset") && o.text().contains("save the file as UTF-8"), o.text());
            assertFalse(o.text().contains("Input length"), o.text());
        } finally {
            java.nio.file.Files.deleteIfExists(latin1);
        }
    }

    @Test
    void check_data_without_rows_says_none_ran_without_failing() {
        ToolOutcome o = call("check_data", JSON.createObjectNode().put("sql", "ALTER TABLE users ALTER phone SET NOT NULL;"),
                ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertTrue(o.ok(), o.text());
        assertTrue(o.text().startsWith("no data checks ran"), o.text());
        assertFalse(o.data().get("ran").asBoolean());
        assertEquals(0, o.data().get("checks").size());
    }

    // ------------------------------------------------------------------------------------------ rehearse

    @Test
    void rehearse_runs_up_down_and_up_again_on_a_shadow_of_the_schema_file() throws Exception {
        ObjectNode args = JSON.createObjectNode()
                .put("path", "examples/migrations/V7__index_orders_placed_at_concurrently.sql")
                .put("down_sql", "DROP INDEX CONCURRENTLY IF EXISTS orders_placed_at_idx;");
        ToolOutcome o = call("rehearse", args, ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertTrue(o.ok(), o.text());
        assertTrue(o.data().get("passed").asBoolean(), o.text());
        JsonNode r = o.data().get("rehearsal");
        assertTrue(r.get("up_ok").asBoolean());
        assertTrue(r.get("schema_restored").asBoolean(), r.toString());
        assertTrue(r.get("reapply_ok").asBoolean());

        ToolOutcome bad = call("rehearse", JSON.createObjectNode().put("sql", "ALTER TABLE orders DROP COLUMN legacy_code;")
                .put("down_sql", "SELECT 1;"), ctx(CatalogTarget.Source.schema(SCHEMA)));
        assertTrue(bad.ok(), bad.text());
        assertFalse(bad.data().get("passed").asBoolean(), "the down does not restore the column");
        assertTrue(bad.data().get("rehearsal").get("differences").size() > 0);
    }

    @Test
    void rehearse_builds_its_shadow_from_a_live_database_and_never_touches_it() throws Exception {
        try (TestDatabases.TestDb db = shopWithData()) {
            ToolOutcome o = call("rehearse", JSON.createObjectNode()
                    .put("sql", "ALTER TABLE orders ADD COLUMN note text;")
                    .put("down_sql", "ALTER TABLE orders DROP COLUMN note;")
                    .put("sample_rows", 10), ctx(CatalogTarget.Source.database(db.jdbcUrl())));
            assertTrue(o.ok(), o.text());
            assertTrue(o.data().get("passed").asBoolean(), o.text());
            assertEquals("--db", o.data().get("shadow_from").asText());
            assertEquals(0, RunQueryToolTest.count(db,
                    "SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'note'"));
        }
    }

    // ------------------------------------------------------------------------------------------ helpers

    static JsonNode find(JsonNode tables, String name) {
        for (JsonNode t : tables) {
            if (t.get("name").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + tables);
    }

    static JsonNode cliJson(List<String> args) {
        CommandLine cmd = Cli.commandLine(CliEnv.of(new ByteArrayInputStream(new byte[0]), Map.of()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args.toArray(new String[0]));
        assertTrue(exit == 0 || exit == 1, "exit " + exit + ": " + err);
        try {
            return JSON.readTree(out.toString());
        } catch (Exception e) {
            throw new AssertionError(out.toString(), e);
        }
    }

    /** The report with the file paths removed (the CLI got absolute paths, the tool project-relative ones). */
    static JsonNode withoutPaths(JsonNode report) {
        JsonNode copy;
        try {
            copy = JSON.readTree(report.toString()); // the same number node types on both sides
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        for (JsonNode f : copy.get("files")) {
            ((ObjectNode) f).remove("path");
        }
        return copy;
    }

    static Duration seconds(int s) {
        return Duration.ofSeconds(s);
    }
}
