package io.schemapilot.cli;

import io.schemapilot.analysis.PgVersion;
import java.nio.file.Path;
import java.util.Stack;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where the current schema comes from and what PostgreSQL runs the migration. */
public final class DatabaseOptions {

    @Option(names = "--db", paramLabel = "URL", arity = "0..1", fallbackValue = "",
            parameterConsumer = DbValue.class,
            description = "Read the current catalog from this database in a read-only session (postgres://user@host/db"
                    + " or jdbc:postgresql://...); without a URL: DATABASE_URL or the libpq PG* variables.")
    String db;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "The current schema as SQL; it is loaded into an embedded PostgreSQL to give the rules catalog context.")
    Path schema;

    @Option(names = "--pg-version", paramLabel = "N[.M]", converter = Converters.PgVersionConverter.class,
            description = "PostgreSQL version the migration runs on (default: the server's with --db, else 16).")
    PgVersion pgVersion;

    @Option(names = "--assume-in-transaction",
            description = "The migration tool wraps each file in one transaction (Flyway, Alembic, Rails, ...).")
    boolean assumeInTransaction;

    /**
     * Reads the optional value of {@code --db}: the next argument is its URL unless it is an option, {@code -}
     * (standard input), a {@code .sql} file name or an existing file, which are left for the command's FILE
     * parameters; {@code --db FILE} then means "the database from DATABASE_URL or the PG* variables". (Without this,
     * picocli would take the file as the URL, and a command whose FILE is required would report it missing.)
     */
    static final class DbValue implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            String next = args.isEmpty() ? null : args.peek();
            if (next != null && isUrl(next)) {
                argSpec.setValue(args.pop());
            } else {
                argSpec.setValue("");
            }
        }

        /** Whether the argument after {@code --db} is its value rather than an option or a migration file. */
        static boolean isUrl(String arg) {
            if (arg.isEmpty() || arg.contains("://") || arg.startsWith("jdbc:")) {
                return true;
            }
            if (arg.startsWith("-") || arg.toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
                return false;
            }
            if (arg.contains("=")) {
                return true;
            }
            try {
                return !java.nio.file.Files.exists(Path.of(arg));
            } catch (java.nio.file.InvalidPathException e) {
                return true;
            }
        }
    }

    /**
     * {@code --db} takes an optional value, so in {@code --db V1__x.sql} picocli reads the migration file as the URL.
     * When the value is not URL-like but names an existing file, this gives it back (and {@code --db} means "from
     * the environment"); otherwise null.
     */
    public String takeMisreadFile() {
        if (db == null || db.isBlank() || db.contains("://") || db.startsWith("jdbc:") || db.contains("=")) {
            return null;
        }
        if (db.equals("-") || java.nio.file.Files.exists(Path.of(db))) {
            String file = db;
            db = "";
            return file;
        }
        return null;
    }

    /** {@code --db} was given (with or without a URL). */
    public boolean hasDb() {
        return db != null;
    }

    /** The URL given to {@code --db}, or null for "from the environment". */
    public String dbUrlOrNull() {
        return db == null || db.isBlank() ? null : db;
    }

    /** Where the current schema comes from, for {@link io.schemapilot.catalog.CatalogTarget#open}. */
    public io.schemapilot.catalog.CatalogTarget.Source source() {
        if (schema != null) {
            return io.schemapilot.catalog.CatalogTarget.Source.schema(schema);
        }
        return hasDb() ? io.schemapilot.catalog.CatalogTarget.Source.database(dbUrlOrNull())
                : io.schemapilot.catalog.CatalogTarget.Source.none();
    }

    public Path schema() {
        return schema;
    }

    public PgVersion pgVersion() {
        return pgVersion;
    }

    public boolean assumeInTransaction() {
        return assumeInTransaction;
    }
}
