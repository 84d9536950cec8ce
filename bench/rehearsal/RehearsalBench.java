import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.pg.EmbeddedPostgresServer;
import io.schemapilot.rehearsal.Rehearser;
import io.schemapilot.report.Rehearsal;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Rehearsal benchmark (issue 3): a generated 200-table schema (identity keys, realistic columns, foreign keys,
 * indexes, CHECKs, an enum, 100 rows per table) and a migration touching 20 tables with its down, rehearsed with
 * {@code new Rehearser(EmbeddedPostgresServer.get()).rehearse(...)} end to end, embedded server start included.
 *
 * <pre>
 *   java -cp target/schemapilot.jar bench/rehearsal/RehearsalBench.java            # 5 runs, each in a fresh JVM
 *   java -cp target/schemapilot.jar bench/rehearsal/RehearsalBench.java --runs 3
 *   java -cp target/schemapilot.jar bench/rehearsal/RehearsalBench.java --once     # one run in this JVM
 *   java -cp target/schemapilot.jar bench/rehearsal/RehearsalBench.java --write DIR  # write schema/up/down SQL
 * </pre>
 *
 * Each run starts a new JVM (this file with {@code --once}), so the embedded server starts from nothing but the
 * cached pristine cluster every time, as it does for a user's CLI call. A run prints one line
 * {@code RESULT total_ms=... server_ms=... rehearse_ms=...}; the driver prints min / mean / max.
 */
public class RehearsalBench {

    static final int TABLES = 200;
    static final int ROWS = 100;
    static final int TOUCHED = 20;

    public static void main(String[] args) throws Exception {
        int runs = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--once" -> {
                    once();
                    return;
                }
                case "--write" -> {
                    Path dir = Path.of(args[++i]);
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("schema.sql"), schema());
                    Files.writeString(dir.resolve("up.sql"), up());
                    Files.writeString(dir.resolve("down.sql"), down());
                    System.out.println("wrote schema.sql, up.sql, down.sql to " + dir);
                    return;
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        drive(runs);
    }

    // ------------------------------------------------------------------------------------------ driver

    static void drive(int runs) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        String self = Path.of("bench", "rehearsal", "RehearsalBench.java").toString();
        List<double[]> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            long t0 = System.nanoTime();
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp));
            // -D options given to the driver (e.g. -Dot.epg.working-dir=/dev/shm/epg) apply to every run
            ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                    .filter(a -> a.startsWith("-D")).forEach(cmd::add);
            cmd.addAll(List.of(self, "--once"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = p.waitFor();
            double process = (System.nanoTime() - t0) / 1e6;
            String line = out.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElse(null);
            if (exit != 0 || line == null) {
                System.out.println(out);
                throw new IllegalStateException("run " + r + " failed (exit " + exit + ")");
            }
            double total = value(line, "total_ms");
            double server = value(line, "server_ms");
            double rehearse = value(line, "rehearse_ms");
            results.add(new double[] {total, server, rehearse, process});
            System.out.printf(Locale.ROOT, "run %d: %s process_ms=%.0f%n", r, line.substring(7), process);
            out.lines().filter(l -> l.startsWith("CHECK ")).findFirst().ifPresent(System.out::println);
        }
        System.out.printf(Locale.ROOT, "%n%d runs, %d tables, %d rows each, migration touching %d tables (ms):%n",
                runs, TABLES, ROWS, TOUCHED);
        String[] names = {"rehearse end to end (server start included)", "  of which embedded server start",
            "  of which load + rehearse", "whole JVM process (java start, source compile)"};
        for (int k = 0; k < names.length; k++) {
            double min = Double.MAX_VALUE;
            double max = 0;
            double sum = 0;
            for (double[] x : results) {
                min = Math.min(min, x[k]);
                max = Math.max(max, x[k]);
                sum += x[k];
            }
            System.out.printf(Locale.ROOT, "%-48s min %7.0f  mean %7.0f  max %7.0f%n", names[k], min,
                    sum / results.size(), max);
        }
    }

    static double value(String line, String key) {
        for (String part : line.split(" ")) {
            if (part.startsWith(key + "=")) {
                return Double.parseDouble(part.substring(key.length() + 1));
            }
        }
        throw new IllegalArgumentException(key + " missing in " + line);
    }

    // ------------------------------------------------------------------------------------------ one run

    static void once() {
        String schema = schema();
        String up = up();
        String down = down();
        long t0 = System.nanoTime();
        EmbeddedPostgresServer server = EmbeddedPostgresServer.get();
        long t1 = System.nanoTime();
        Rehearsal r = new Rehearser(server).rehearse(new Rehearser.Input(schema, "schema.sql", up, "up.sql", down,
                "down.sql", AnalysisSettings.defaults()));
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "RESULT total_ms=%.0f server_ms=%.0f rehearse_ms=%.0f%n", (t2 - t0) / 1e6,
                (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        System.out.printf(Locale.ROOT, "CHECK up_ok=%s down_ok=%s reapply_ok=%s schema_restored=%s statements=%d "
                        + "locks=%d rewrites=%d differences=%s notes=%s%n", r.upOk(), r.downOk(), r.reapplyOk(),
                r.schemaRestored(), r.statements().size(), r.locks().size(), r.rewrites().size(), r.differences(),
                r.notes());
        if (!r.upOk() || !Boolean.TRUE.equals(r.downOk()) || !Boolean.TRUE.equals(r.reapplyOk())
                || !Boolean.TRUE.equals(r.schemaRestored())) {
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------ the schema

    static String table(int i) {
        String[] kinds = {"account", "customer", "invoice", "payment", "shipment", "product", "order", "event",
            "session", "ticket"};
        return String.format(Locale.ROOT, "%s_%03d", kinds[i % kinds.length], i);
    }

    /** Foreign keys of table {@code i}: up to three earlier tables, chosen by a fixed seed. */
    static List<Integer> parents(int i) {
        Random rnd = new Random(1000 + i);
        List<Integer> out = new ArrayList<>();
        int n = i == 0 ? 0 : Math.min(i, 1 + rnd.nextInt(3));
        while (out.size() < n) {
            int p = rnd.nextInt(i);
            if (!out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static String schema() {
        StringBuilder sb = new StringBuilder();
        sb.append("CREATE TYPE record_status AS ENUM ('draft', 'active', 'suspended', 'closed');\n\n");
        for (int i = 0; i < TABLES; i++) {
            String t = table(i);
            Random rnd = new Random(i);
            sb.append("CREATE TABLE ").append(t).append(" (\n");
            sb.append("    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n");
            for (int p : parents(i)) {
                sb.append("    ").append(table(p)).append("_id bigint REFERENCES ").append(table(p))
                        .append(" (id),\n");
            }
            sb.append("    name varchar(200) NOT NULL,\n");
            sb.append("    code text NOT NULL,\n");
            sb.append("    status record_status NOT NULL DEFAULT 'active',\n");
            sb.append("    amount_cents integer NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),\n");
            sb.append("    quantity integer,\n");
            sb.append("    ratio numeric(8,4),\n");
            sb.append("    is_archived boolean NOT NULL DEFAULT false,\n");
            sb.append("    metadata jsonb NOT NULL DEFAULT '{}',\n");
            sb.append("    notes text,\n");
            if (rnd.nextBoolean()) {
                sb.append("    email varchar(320),\n");
            }
            if (rnd.nextInt(3) == 0) {
                sb.append("    starts_on date,\n    ends_on date,\n")
                        .append("    CHECK (ends_on IS NULL OR ends_on >= starts_on),\n");
            }
            sb.append("    created_at timestamptz NOT NULL DEFAULT now(),\n");
            sb.append("    updated_at timestamptz NOT NULL DEFAULT now(),\n");
            sb.append("    CONSTRAINT ").append(t).append("_code_key UNIQUE (code)\n");
            sb.append(");\n");
            for (int p : parents(i)) {
                sb.append("CREATE INDEX ").append(t).append('_').append(table(p)).append("_id_idx ON ").append(t)
                        .append(" (").append(table(p)).append("_id);\n");
            }
            sb.append("CREATE INDEX ").append(t).append("_created_at_idx ON ").append(t).append(" (created_at);\n");
            if (rnd.nextInt(4) == 0) {
                sb.append("CREATE INDEX ").append(t).append("_active_idx ON ").append(t)
                        .append(" (updated_at) WHERE status = 'active';\n");
            }
            // rows: parents' ids 1..ROWS exist because tables are made in order
            sb.append("INSERT INTO ").append(t).append(" (");
            for (int p : parents(i)) {
                sb.append(table(p)).append("_id, ");
            }
            sb.append("name, code, amount_cents, quantity, ratio, notes) SELECT ");
            for (int k = 0; k < parents(i).size(); k++) {
                sb.append("1 + (g * ").append(k + 7).append(") % ").append(ROWS).append(", ");
            }
            sb.append("'").append(t).append(" ' || g, '").append(t).append("-' || g, g * 100, g % 17, g / 7.0, ")
                    .append("CASE WHEN g % 3 = 0 THEN 'note ' || g END FROM generate_series(1, ").append(ROWS)
                    .append(") g;\n\n");
        }
        return sb.toString();
    }

    /** The touched tables: every tenth. */
    static List<String> touched() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < TOUCHED; i++) {
            out.add(table(i * (TABLES / TOUCHED) + 3));
        }
        return out;
    }

    static String up() {
        List<String> t = touched();
        StringBuilder sb = new StringBuilder("SET lock_timeout = '2s';\nSET statement_timeout = '60s';\n\n");
        for (int i = 0; i < t.size(); i++) {
            String x = t.get(i);
            switch (i % 5) {
                case 0 -> sb.append("ALTER TABLE ").append(x)
                        .append(" ADD COLUMN priority integer NOT NULL DEFAULT 0;\n")
                        .append("CREATE INDEX CONCURRENTLY ").append(x).append("_priority_idx ON ").append(x)
                        .append(" (priority);\n");
                case 1 -> sb.append("ALTER TABLE ").append(x).append(" ALTER COLUMN quantity TYPE bigint;\n");
                case 2 -> sb.append("BEGIN;\nALTER TABLE ").append(x).append(" ADD CONSTRAINT ").append(x)
                        .append("_ratio_check CHECK (ratio >= 0) NOT VALID;\nCOMMIT;\nALTER TABLE ").append(x)
                        .append(" VALIDATE CONSTRAINT ").append(x).append("_ratio_check;\n");
                case 3 -> sb.append("ALTER TABLE ").append(x).append(" ADD COLUMN external_ref text;\n")
                        .append("UPDATE ").append(x).append(" SET external_ref = code WHERE external_ref IS NULL;\n")
                        .append("ALTER TABLE ").append(x).append(" ALTER COLUMN notes SET DEFAULT '';\n");
                default -> sb.append("ALTER TABLE ").append(x).append(" ADD COLUMN ").append(t.get(i - 1))
                        .append("_id bigint;\nALTER TABLE ").append(x).append(" ADD CONSTRAINT ").append(x)
                        .append("_link_fkey FOREIGN KEY (").append(t.get(i - 1)).append("_id) REFERENCES ")
                        .append(t.get(i - 1)).append(" (id) NOT VALID;\nALTER TABLE ").append(x)
                        .append(" VALIDATE CONSTRAINT ").append(x).append("_link_fkey;\n");
            }
        }
        sb.append("CREATE TABLE audit_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, table_name text "
                + "NOT NULL, happened_at timestamptz NOT NULL DEFAULT now());\n");
        return sb.toString();
    }

    static String down() {
        List<String> t = touched();
        StringBuilder sb = new StringBuilder("SET lock_timeout = '2s';\n\nDROP TABLE audit_events;\n");
        for (int i = t.size() - 1; i >= 0; i--) {
            String x = t.get(i);
            switch (i % 5) {
                case 0 -> sb.append("DROP INDEX CONCURRENTLY ").append(x).append("_priority_idx;\n")
                        .append("ALTER TABLE ").append(x).append(" DROP COLUMN priority;\n");
                case 1 -> sb.append("ALTER TABLE ").append(x).append(" ALTER COLUMN quantity TYPE integer;\n");
                case 2 -> sb.append("ALTER TABLE ").append(x).append(" DROP CONSTRAINT ").append(x)
                        .append("_ratio_check;\n");
                case 3 -> sb.append("ALTER TABLE ").append(x).append(" ALTER COLUMN notes DROP DEFAULT;\n")
                        .append("ALTER TABLE ").append(x).append(" DROP COLUMN external_ref;\n");
                default -> sb.append("ALTER TABLE ").append(x).append(" DROP CONSTRAINT ").append(x)
                        .append("_link_fkey;\nALTER TABLE ").append(x).append(" DROP COLUMN ").append(t.get(i - 1))
                        .append("_id;\n");
            }
        }
        return sb.toString();
    }
}
