package io.schemapilot.catalog;

import io.schemapilot.pg.Connections;
import io.schemapilot.pg.DatabaseException;
import io.schemapilot.pg.PgTarget;
import io.schemapilot.pg.SessionOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where a {@link CatalogSnapshot} comes from, for the front doors: a schema file (loaded into the embedded shadow
 * server) or a live database (a read-only session).
 */
public final class CatalogSources {

    private CatalogSources() {
    }

    /**
     * Loads {@code file} into a fresh database of the embedded server and reads its catalog.
     *
     * @throws SchemaLoadException when the file cannot be read or a statement fails (exit 2)
     * @throws io.schemapilot.pg.DatabaseException when the embedded server cannot start (exit 3)
     */
    public static CatalogSnapshot fromSchemaFile(Path file) {
        return new SchemaLoader().load(file);
    }

    /**
     * Reads the catalog of a live database through a read-only session.
     *
     * @param urlOrNull a {@code postgres://}, {@code postgresql://} or {@code jdbc:postgresql://} URL; null means
     *                  {@code DATABASE_URL} or the libpq {@code PG*} variables
     * @throws io.schemapilot.pg.DatabaseException when the database cannot be reached or read (exit 3)
     */
    public static CatalogSnapshot fromDatabase(String urlOrNull) {
        PgTarget target = Connections.resolve(urlOrNull);
        try (Connection c = Connections.open(target, SessionOptions.analysis())) {
            return new CatalogReader().read(c);
        } catch (SQLException e) {
            throw Connections.translate(e, "read the catalog", target);
        } catch (DatabaseException e) {
            if (e.getMessage().startsWith("cannot read the catalog:")) {
                throw new DatabaseException(e.kind(), "cannot read the catalog of " + target.describe()
                        + e.getMessage().substring("cannot read the catalog".length()), e.getCause());
            }
            throw e;
        }
    }
}
