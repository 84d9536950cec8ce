package io.schemapilot.plan;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.schemapilot.catalog.CatalogReader;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;

/**
 * The catalog of {@link PlanScenarios#SCHEMA} as read from PostgreSQL, stored in
 * {@code src/test/resources/plan/catalog.json} so that unit and golden tests plan with a real catalog without a
 * database. {@code -Dgolden.update=true} re-reads it from the embedded server.
 */
final class CatalogFixture {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();
    private static CatalogSnapshot cached;

    private CatalogFixture() {
    }

    static synchronized CatalogSnapshot load() throws IOException {
        if (cached != null) {
            return cached;
        }
        if (Boolean.getBoolean("golden.update")) {
            try (TestDatabases.TestDb db = TestDatabases.withSchema(PlanScenarios.SCHEMA); Connection c = db.connect()) {
                CatalogSnapshot live = new CatalogReader().read(c);
                Path file = Path.of("src", "test", "resources", "plan", "catalog.json");
                Files.createDirectories(file.getParent());
                // the shadow database's generated name would change the golden files on every update
                Files.writeString(file, MAPPER.writeValueAsString(live)
                        .replaceFirst("\"database\" : \"[^\"]*\"", "\"database\" : \"shop\"") + "\n");
            } catch (java.sql.SQLException e) {
                throw new IOException(e);
            }
        }
        try (InputStream in = CatalogFixture.class.getResourceAsStream("/plan/catalog.json")) {
            if (in == null) {
                throw new IOException("plan/catalog.json is missing; run the tests with -Dgolden.update=true");
            }
            cached = MAPPER.readValue(in, CatalogSnapshot.class);
            return cached;
        }
    }
}
