package io.schemapilot.cli;

import static io.schemapilot.cli.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemapilot.report.render.JsonRendererTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The sample migrations of {@code examples/} say what they show: the unsafe ones fail, the safe ones pass. */
class ExamplesTest {
    private static final Path MIGRATIONS = Path.of("examples", "migrations");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "V2__add_orders_shipping_method.sql, add-column-not-null-no-default",
        "V3__index_payments_order_id.sql, create-index-non-concurrent",
        "V4__payments_order_fk.sql, add-foreign-key-validating",
        "V5__widen_order_ids.sql, alter-column-type-rewrite",
        "V6__drop_orders_legacy_code.sql, drop-column"
    })
    void unsafe_examples_fail_with_their_hazard(String file, String hazard) throws IOException {
        CliRunner.Run r = run("check", "--format", "json", MIGRATIONS.resolve(file).toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode root = JSON.readTree(r.out());
        JsonRendererTest.assertContractShape(root);
        boolean found = false;
        for (JsonNode f : root.path("files").get(0).path("findings")) {
            found |= f.path("hazard").asText().equals(hazard) && f.path("risk").asText().matches("high|critical");
        }
        assertTrue(found, hazard + " at high or critical in " + r.out());
    }

    @ParameterizedTest
    @CsvSource({
        "V7__index_orders_placed_at_concurrently.sql",
        "V8__users_referred_by_fk_not_valid.sql",
        "V9__users_phone_not_null.sql",
        "V10__create_coupons.sql"
    })
    void safe_examples_pass(String file) {
        CliRunner.Run r = run("check", MIGRATIONS.resolve(file).toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("", r.err());
    }

    @Test
    void the_whole_folder_in_natural_order() throws IOException {
        CliRunner.Run r = run("check", "--format", "json", MIGRATIONS.toString());
        assertEquals(1, r.exit(), r.err());
        List<String> expected;
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            expected = files.map(p -> p.getFileName().toString()).sorted(SourceFiles::naturalCompare).toList();
        }
        JsonNode paths = JSON.readTree(r.out()).path("files");
        assertEquals(expected.size(), paths.size());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(paths.get(i).path("path").asText().endsWith("/" + expected.get(i)));
        }
        assertTrue(expected.get(0).startsWith("V2__") && expected.get(expected.size() - 1).startsWith("V10__"));
    }

    /** README's quick start: the schema loads into the embedded PostgreSQL and gives the rules the old types. */
    @Test
    void quick_start_with_the_schema_file() throws IOException {
        CliRunner.Run r = run("check", "--format", "json", "--schema", "examples/schema.sql",
                MIGRATIONS.resolve("V5__widen_order_ids.sql").toString(),
                MIGRATIONS.resolve("V7__index_orders_placed_at_concurrently.sql").toString());
        assertEquals(1, r.exit(), r.err());
        JsonNode root = JSON.readTree(r.out());
        JsonRendererTest.assertContractShape(root);
        assertTrue(root.path("assumptions").get(0).asText().startsWith("catalog from --schema examples/schema.sql"));
        JsonNode rewrite = root.path("files").get(0).path("findings").get(0);
        assertEquals("alter-column-type-rewrite", rewrite.path("hazard").asText());
        assertTrue(rewrite.path("message").asText().contains("integer"), "knows the old type: " + rewrite);
    }
}
