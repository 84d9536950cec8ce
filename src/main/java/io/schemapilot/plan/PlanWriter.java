package io.schemapilot.plan;

import io.schemapilot.report.MigrationPlan;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.StatementSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code plan --write DIR --style raw|flyway|knex|prisma|alembic|sqitch}: the plan's steps as migration files of
 * that tool, up and down. Consecutive transactional steps of one phase share a file (one transaction); every
 * non-transactional step (and every step whose up or down alone must run outside a transaction) gets a file of its
 * own, marked so the tool runs that part outside a transaction. Files are numbered in execution order and named
 * after what they do; a deploy point is written as a comment at the end of the file after which the application must
 * be deployed.
 */
public final class PlanWriter {

    public enum Style {
        RAW, FLYWAY, KNEX, PRISMA, ALEMBIC, SQITCH;

        public static Style parse(String s) {
            for (Style x : values()) {
                if (x.name().equalsIgnoreCase(s.strip())) {
                    return x;
                }
            }
            throw new IllegalArgumentException("unknown --style '" + s + "' (use raw, flyway, knex, prisma, alembic "
                    + "or sqitch)");
        }
    }

    /**
     * @param version a prefix that orders these files after the project's existing migrations: a Flyway version
     *                ("7"), a timestamp for knex / prisma / alembic ("20250101120000"); null: "1" for Flyway, else
     *                "0"
     * @param planned the timestamp sqitch.plan records (ISO-8601, e.g. "2025-01-01T12:00:00Z"); null: the epoch
     * @param revises  Alembic: the project's head revision, which the first file revises; null: a new base
     */
    public record Options(String version, String planned, String revises) {
        public Options(String version, String planned) {
            this(version, planned, null);
        }

        public static Options defaults() {
            return new Options(null, null);
        }

        /**
         * Options that number the files after the migrations already in {@code dir}, so that the tool runs them
         * last: Flyway's next major version after the highest {@code V<n>__} (V2 and V10 there: "11"); for knex
         * and prisma the highest numeric prefix (their timestamps) plus one. Files that schemapilot wrote (they
         * start with its header) are not counted, so writing a plan again gives the same names. Alembic and
         * sqitch order by their own chains (the defaults), raw files by name. A missing folder: the defaults.
         */
        public static Options after(Path dir, Style style) {
            if (style == Style.ALEMBIC) {
                return new Options(null, null, alembicHead(dir.resolve("versions")));
            }
            if (style != Style.FLYWAY && style != Style.KNEX && style != Style.PRISMA || !Files.isDirectory(dir)) {
                return defaults();
            }
            java.util.regex.Pattern name = style == Style.FLYWAY
                    ? java.util.regex.Pattern.compile("[VU]?(\\d+)(?:[._]\\d+)*__.*\\.sql")
                    : java.util.regex.Pattern.compile("(\\d+)_.*");
            java.math.BigInteger max = null;
            try (java.util.stream.Stream<Path> entries = Files.list(dir)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    java.util.regex.Matcher m = name.matcher(p.getFileName().toString());
                    if (!m.matches() || ours(style == Style.PRISMA ? p.resolve("migration.sql") : p)) {
                        continue;
                    }
                    java.math.BigInteger v = new java.math.BigInteger(m.group(1));
                    max = max == null || v.compareTo(max) > 0 ? v : max;
                }
            } catch (IOException e) {
                return defaults();
            }
            return max == null ? defaults() : new Options(max.add(java.math.BigInteger.ONE).toString(), null);
        }

        private static final java.util.regex.Pattern REVISION = java.util.regex.Pattern.compile(
                "(?m)^revision\\s*(?::[^=]*)?=\\s*['\"]([^'\"]+)['\"]");
        private static final java.util.regex.Pattern DOWN_REVISION = java.util.regex.Pattern.compile(
                "(?m)^down_revision\\s*(?::[^=]*)?=\\s*(.+)$");
        private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("['\"]([^'\"]+)['\"]");

        /**
         * The one head of the Alembic revisions in {@code versions} (a revision no other revision revises), not
         * counting files schemapilot wrote; null when there are none, several heads, or the folder cannot be read.
         */
        static String alembicHead(Path versions) {
            if (!Files.isDirectory(versions)) {
                return null;
            }
            java.util.Set<String> revisions = new java.util.LinkedHashSet<>();
            java.util.Set<String> revised = new java.util.HashSet<>();
            try (java.util.stream.Stream<Path> entries = Files.list(versions)) {
                for (Path p : (Iterable<Path>) entries::iterator) {
                    if (!p.getFileName().toString().endsWith(".py") || !Files.isRegularFile(p)) {
                        continue;
                    }
                    String text = Files.readString(p, StandardCharsets.UTF_8);
                    java.util.regex.Matcher rev = REVISION.matcher(text);
                    if (text.contains("schemapilot plan: ") || !rev.find()) {
                        continue;
                    }
                    revisions.add(rev.group(1));
                    java.util.regex.Matcher down = DOWN_REVISION.matcher(text);
                    if (down.find()) {
                        java.util.regex.Matcher q = QUOTED.matcher(down.group(1));
                        while (q.find()) {
                            revised.add(q.group(1));
                        }
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                return null;
            }
            revisions.removeAll(revised);
            return revisions.size() == 1 ? revisions.iterator().next() : null;
        }

        private static boolean ours(Path file) {
            try (java.io.BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String first = r.readLine();
                return first != null && first.contains(" schemapilot plan: ");
            } catch (IOException | java.io.UncheckedIOException e) {
                return false;
            }
        }
    }

    /** A file to write, relative to the target directory. */
    public record FileOut(String path, String content) {
    }

    /** Consecutive steps that run as one migration file. */
    record Unit(int number, String phase, boolean transactional, List<MigrationPlan.Step> steps, String deployAfter) {
        String slug() {
            MigrationPlan.Step first = steps.get(0);
            String what = first.object() != null ? first.object() : first.recipe() != null ? first.recipe() : "step";
            String[] parts = what.split("\\.");
            if (parts.length == 3) {
                // schema.table.thing: "table_thing", or just "thing" when it already names the table
                what = parts[2].startsWith(parts[1]) ? parts[2] : parts[1] + "_" + parts[2];
            } else if (parts.length == 2) {
                what = parts[1];
            }
            String base = phase + "_" + (first.recipe() == null || first.recipe().equals("raw") ? "" : first.recipe()
                    + "_") + what;
            String s = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_|_$", "");
            if (s.length() > 60) {
                s = s.substring(0, 60).replaceAll("_$", "");
            }
            return String.format("%02d_%s", number, s);
        }

        /** The down runs in one transaction. */
        boolean downTransactional() {
            return steps.stream().allMatch(MigrationPlan.Step::downTransactional);
        }

        /** Up and down both run in one transaction (tools that configure a file as a whole). */
        boolean fileTransactional() {
            return transactional && downTransactional();
        }

        String ids() {
            return String.join(", ", steps.stream().map(MigrationPlan.Step::id).toList());
        }
    }

    private PlanWriter() {
    }

    /** The units of the plan in execution order. */
    static List<Unit> units(MigrationPlan plan) {
        List<Unit> out = new ArrayList<>();
        for (MigrationPlan.Phase ph : plan.phases()) {
            List<MigrationPlan.Step> tx = new ArrayList<>();
            List<Unit> phaseUnits = new ArrayList<>();
            for (MigrationPlan.Step s : ph.steps()) {
                if (s.transactional() && s.downTransactional()) {
                    tx.add(s);
                    continue;
                }
                if (!tx.isEmpty()) {
                    phaseUnits.add(new Unit(0, ph.name(), true, List.copyOf(tx), null));
                    tx.clear();
                }
                // a step of its own: its up in a transaction when it can (its down may still need to run outside)
                phaseUnits.add(new Unit(0, ph.name(), s.transactional(), List.of(s), null));
            }
            if (!tx.isEmpty()) {
                phaseUnits.add(new Unit(0, ph.name(), true, List.copyOf(tx), null));
            }
            for (int i = 0; i < phaseUnits.size(); i++) {
                Unit u = phaseUnits.get(i);
                boolean last = i == phaseUnits.size() - 1;
                out.add(new Unit(out.size() + 1, u.phase(), u.transactional(), u.steps(),
                        last ? ph.deployNote() : null));
            }
        }
        return out;
    }

    /** The files of {@code plan} in {@code style} (paths relative to the target directory). */
    public static List<FileOut> render(MigrationPlan plan, Style style, Options options) {
        Options o = options == null ? Options.defaults() : options;
        List<Unit> units = units(plan);
        List<FileOut> out = new ArrayList<>();
        switch (style) {
            case RAW -> {
                for (Unit u : units) {
                    out.add(new FileOut(u.slug() + ".up.sql", header(plan, u, "--") + sql(u, false, true)));
                    out.add(new FileOut(u.slug() + ".down.sql", header(plan, u, "--") + sql(u, true, true)));
                }
            }
            case FLYWAY -> {
                String v = o.version() == null ? "1" : o.version();
                for (Unit u : units) {
                    String name = "V" + v + "_" + u.number() + "__" + u.slug().substring(3) + ".sql";
                    out.add(new FileOut(name, header(plan, u, "--") + sql(u, false, false)));
                    String undo = "U" + v + "_" + u.number() + "__" + u.slug().substring(3) + ".sql";
                    out.add(new FileOut(undo, header(plan, u, "--") + sql(u, true, false)));
                    if (!u.transactional()) {
                        out.add(new FileOut(name + ".conf", "executeInTransaction=false\n"));
                    }
                    if (!u.downTransactional()) {
                        out.add(new FileOut(undo + ".conf", "executeInTransaction=false\n"));
                    }
                }
            }
            case KNEX -> {
                String v = o.version() == null ? "0" : o.version();
                for (Unit u : units) {
                    out.add(new FileOut(v + "_" + u.slug() + ".js", knex(plan, u)));
                }
            }
            case PRISMA -> {
                String v = o.version() == null ? "0" : o.version();
                for (Unit u : units) {
                    String dir = v + String.format("%02d", u.number()) + "_" + u.slug().substring(3) + "/";
                    out.add(new FileOut(dir + "migration.sql", header(plan, u, "--") + sql(u, false, true)));
                    out.add(new FileOut(dir + "down.sql", header(plan, u, "--")
                            + "-- Prisma has no down migrations: apply with `prisma db execute --file down.sql`\n"
                            + sql(u, true, true)));
                }
            }
            case ALEMBIC -> {
                String v = o.version() == null ? "0" : o.version();
                String previous = o.revises();
                for (Unit u : units) {
                    String rev = v + String.format("%02d", u.number());
                    out.add(new FileOut("versions/" + rev + "_" + u.slug().substring(3) + ".py",
                            alembic(plan, u, rev, previous)));
                    previous = rev;
                }
            }
            case SQITCH -> {
                String when = o.planned() == null ? "1970-01-01T00:00:00Z" : o.planned();
                StringBuilder planFile = new StringBuilder("%syntax-version=1.0.0\n%project=schemapilot\n\n");
                String previous = null;
                for (Unit u : units) {
                    String name = u.slug();
                    planFile.append(name).append(previous == null ? "" : " [" + previous + "]").append(' ')
                            .append(when).append(" schemapilot <schemapilot@localhost> # ")
                            .append(oneLine(u.steps().get(0).description())).append('\n');
                    out.add(new FileOut("deploy/" + name + ".sql", header(plan, u, "--") + sql(u, false, true)));
                    out.add(new FileOut("revert/" + name + ".sql", header(plan, u, "--") + sql(u, true, true)));
                    out.add(new FileOut("verify/" + name + ".sql", header(plan, u, "--") + sqitchVerify(u)));
                    previous = name;
                }
                out.add(0, new FileOut("sqitch.plan", planFile.toString()));
            }
            default -> throw new IllegalStateException();
        }
        return out;
    }

    /** Writes the files under {@code dir} (created when missing); returns the paths written. */
    public static List<Path> write(MigrationPlan plan, Style style, Path dir, Options options) throws IOException {
        List<Path> written = new ArrayList<>();
        for (FileOut f : render(plan, style, options)) {
            Path p = dir.resolve(f.path());
            Files.createDirectories(p.getParent() == null ? dir : p.getParent());
            Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            written.add(p);
        }
        return written;
    }

    // ------------------------------------------------------------------------------------------ pieces

    private static String oneLine(String s) {
        return s.replace('\n', ' ');
    }

    private static String header(MigrationPlan plan, Unit u, String comment) {
        StringBuilder sb = new StringBuilder();
        sb.append(comment).append(" schemapilot plan: ").append(oneLine(plan.title())).append('\n');
        sb.append(comment).append(" phase ").append(u.phase()).append(", step").append(u.steps().size() > 1 ? "s " : " ")
                .append(u.ids()).append(u.transactional() ? " (one transaction" + (u.downTransactional() ? ")"
                        : "; its down outside a transaction)") : " (outside a transaction)").append('\n');
        for (MigrationPlan.Step s : u.steps()) {
            sb.append(comment).append("   ").append(s.id()).append(' ').append(oneLine(s.description())).append('\n');
        }
        return sb.append('\n').toString();
    }

    /**
     * The up (or down, in reverse step order) SQL of a unit; with {@code wrap}, a transactional unit is enclosed in
     * BEGIN / COMMIT (for tools that do not open a transaction themselves).
     */
    static String sql(Unit u, boolean down, boolean wrap) {
        StringBuilder sb = new StringBuilder();
        List<MigrationPlan.Step> steps = new ArrayList<>(u.steps());
        if (down) {
            java.util.Collections.reverse(steps);
        }
        boolean tx = wrap && (down ? u.downTransactional() : u.transactional());
        if (tx) {
            sb.append("BEGIN;\n\n");
        }
        for (MigrationPlan.Step s : steps) {
            sb.append("-- ").append(s.id()).append(down ? " (down)" : "").append('\n');
            String body = down ? s.down() : s.up();
            if (body == null) {
                sb.append("-- ").append(s.irreversible()).append('\n');
                sb.append("DO $sp$ BEGIN RAISE EXCEPTION 'step ").append(s.id())
                        .append(" cannot be undone automatically: restore from the backup'; END $sp$;\n\n");
                continue;
            }
            sb.append(body.strip()).append("\n\n");
            if (!down) {
                sb.append("-- verify ").append(s.id()).append(" (returns rows only on failure):\n-- ")
                        .append(oneLine(s.verify())).append("\n\n");
            }
        }
        if (tx) {
            sb.append("COMMIT;\n");
        }
        if (!down && u.deployAfter() != null) {
            sb.append("\n-- DEPLOY POINT: ").append(oneLine(u.deployAfter())).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    private static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        for (SqlStatement s : StatementSplitter.split(sql).statements()) {
            out.add(s.text());
        }
        return out;
    }

    private static List<String> statements(Unit u, boolean down) {
        List<MigrationPlan.Step> steps = new ArrayList<>(u.steps());
        if (down) {
            java.util.Collections.reverse(steps);
        }
        List<String> out = new ArrayList<>();
        for (MigrationPlan.Step s : steps) {
            String body = down ? s.down() : s.up();
            if (body == null) {
                out.add("DO $sp$ BEGIN RAISE EXCEPTION 'step " + s.id() + " cannot be undone automatically: restore "
                        + "from the backup'; END $sp$");
            } else {
                out.addAll(statements(body));
            }
        }
        return out;
    }

    private static String js(String sql) {
        return "`" + sql.replace("\\", "\\\\").replace("`", "\\`").replace("${", "\\${").replace("?", "\\\\?") + "`";
    }

    private static String knex(MigrationPlan plan, Unit u) {
        StringBuilder sb = new StringBuilder(header(plan, u, "//"));
        if (!u.fileTransactional()) {
            sb.append("exports.config = { transaction: false };\n\n");
        }
        for (String fn : List.of("up", "down")) {
            boolean down = fn.equals("down");
            boolean ownTx = !u.fileTransactional() && (down ? u.downTransactional() : u.transactional());
            sb.append("exports.").append(fn).append(" = async function (knex) {\n");
            String db = "knex";
            String indent = "  ";
            if (ownTx) {
                sb.append("  await knex.transaction(async (trx) => {\n");
                db = "trx";
                indent = "    ";
            }
            for (String st : statements(u, down)) {
                sb.append(indent).append("await ").append(db).append(".raw(").append(js(st)).append(");\n");
            }
            if (ownTx) {
                sb.append("  });\n");
            }
            sb.append("};\n\n");
        }
        if (u.deployAfter() != null) {
            sb.append("// DEPLOY POINT: ").append(oneLine(u.deployAfter())).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    private static String py(String sql) {
        return "\"\"\"" + sql.replace("\\", "\\\\").replace("\"\"\"", "\\\"\\\"\\\"") + "\"\"\"";
    }

    private static String alembic(MigrationPlan plan, Unit u, String rev, String previous) {
        StringBuilder sb = new StringBuilder();
        sb.append("\"\"\"").append(oneLine(u.steps().get(0).description()).replace("\"\"\"", "'''")).append("\n\n")
                .append("Revision ID: ").append(rev).append("\nRevises: ").append(previous == null ? "" : previous)
                .append("\n\n").append(header(plan, u, "").replace("\n ", "\n").strip()).append("\n\"\"\"\n");
        sb.append("from alembic import op\n\n");
        sb.append("revision = \"").append(rev).append("\"\n");
        sb.append("down_revision = ").append(previous == null ? "None" : "\"" + previous + "\"").append('\n');
        sb.append("branch_labels = None\ndepends_on = None\n\n");
        for (String fn : List.of("upgrade", "downgrade")) {
            sb.append("\ndef ").append(fn).append("():\n");
            List<String> sts = statements(u, fn.equals("downgrade"));
            String indent = "    ";
            boolean autocommit = fn.equals("upgrade") ? !u.transactional() : !u.downTransactional();
            if (autocommit) {
                sb.append("    with op.get_context().autocommit_block():\n");
                indent = "        ";
            }
            for (String st : sts) {
                sb.append(indent).append("op.execute(").append(py(st)).append(")\n");
            }
            if (sts.isEmpty()) {
                sb.append(indent).append("pass\n");
            }
            sb.append('\n');
        }
        if (u.deployAfter() != null) {
            sb.append("# DEPLOY POINT: ").append(oneLine(u.deployAfter())).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    private static String sqitchVerify(Unit u) {
        StringBuilder sb = new StringBuilder();
        for (MigrationPlan.Step s : u.steps()) {
            String q = s.verify().strip();
            if (q.endsWith(";")) {
                q = q.substring(0, q.length() - 1);
            }
            sb.append("DO $sp$\nBEGIN\n  IF EXISTS (").append(q).append(") THEN\n    RAISE EXCEPTION 'verification of ")
                    .append("step ").append(s.id()).append(" failed';\n  END IF;\nEND\n$sp$;\n\n");
        }
        return sb.toString().stripTrailing() + "\n";
    }
}
