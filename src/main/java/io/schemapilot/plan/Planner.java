package io.schemapilot.plan;

import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.analysis.SizeImpact;
import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.DataCheck;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.MigrationPlan;
import io.schemapilot.report.Rehearsal;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.QualifiedName;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementSplitter;
import io.schemapilot.sql.Token;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The plan service: migration SQL (+ catalog, data checks, rehearsal) in, {@link MigrationPlan} out. Runs the
 * analyzer for the findings, plans every change with the first {@link Recipe} that applies (else a raw step),
 * groups the steps into expand / backfill / contract phases with the deploy points between them, and derives the
 * risk, rollback, backup, checklist, deployment and impact sections from the steps. Never runs SQL, never prints.
 */
public final class Planner {
    private final List<Recipe> recipes;

    public Planner() {
        this(Recipes.all());
    }

    public Planner(List<Recipe> recipes) {
        this.recipes = List.copyOf(recipes);
    }

    /** A statement of the combined migration, with the file it came from. */
    private record Located(ParsedStatement statement, int file, int localNumber, int localLine) {
    }

    /** A planned step with the change row it belongs to. */
    private record Planned(PlanStep step, int change) {
    }

    /**
     * Plans the migration.
     *
     * @throws IllegalArgumentException when a file cannot even be split into statements (unterminated quote or
     *                                  comment): the message names the file and the place
     */
    public MigrationPlan plan(PlanRequest req) {
        AnalysisSettings settings = req.settings();
        if (req.catalog() != null && req.catalog().serverVersionNum() > 0) {
            settings = settings.withPgVersion(io.schemapilot.analysis.PgVersion.parse(
                    String.valueOf(req.catalog().serverVersionNum())));
        }
        // one combined text: objects created in an earlier file are new in a later one
        StringBuilder combined = new StringBuilder();
        List<Integer> fileStarts = new ArrayList<>();
        List<Integer> fileLines = new ArrayList<>();
        List<MigrationPlan.Source> sources = new ArrayList<>();
        for (PlanRequest.MigrationSource m : req.migrations()) {
            try {
                sources.add(new MigrationPlan.Source(m.name(), StatementSplitter.split(m.sql()).statements().size()));
            } catch (SqlSyntaxException e) {
                throw new IllegalArgumentException(m.name() + ": " + e.located(), e);
            }
            if (combined.length() > 0) {
                combined.append("\n;\n");
            }
            fileStarts.add(combined.length());
            fileLines.add((int) combined.chars().filter(ch -> ch == '\n').count());
            combined.append(m.sql());
        }
        String text = combined.toString();
        List<SqlStatement> split = StatementSplitter.split(text).statements();
        List<ParsedStatement> parsed = Analyzer.parse(split);
        FileReport analysis = SizeImpact.apply(new Analyzer().analyze("migration", text, settings, req.catalog()),
                req.catalog());

        List<Located> located = new ArrayList<>();
        int[] counters = new int[req.migrations().size()];
        for (ParsedStatement st : parsed) {
            int f = 0;
            for (int i = 0; i < fileStarts.size(); i++) {
                if (st.source().startOffset() >= fileStarts.get(i)) {
                    f = i;
                }
            }
            counters[f]++;
            located.add(new Located(st, f, counters[f], st.line() - fileLines.get(f)));
        }
        Map<Integer, List<Finding>> findingsByStatement = new HashMap<>();
        for (Finding fd : analysis.findings()) {
            findingsByStatement.computeIfAbsent(fd.statement(), k -> new ArrayList<>()).add(fd);
        }

        List<String> notes = new ArrayList<>();
        if (req.catalog() == null) {
            notes.add("No catalog given (--schema or --db): table sizes, keys and column details are unknown; "
                    + "estimates are missing and some downs are less complete.");
        }
        MigrationFacts facts = new MigrationFacts();
        List<Planned> planned = new ArrayList<>();
        List<MigrationPlan.ChangeItem> changeRows = new ArrayList<>();
        List<List<PlanStep>> stepsOfChange = new ArrayList<>();
        Map<String, Phase> floors = new HashMap<>();
        boolean skippedTx = false;

        for (Located loc : located) {
            ParsedStatement st = loc.statement();
            List<Finding> findings = findingsByStatement.getOrDefault(st.number(), List.of());
            String source = req.migrations().get(loc.file()).name() + ":" + loc.localNumber();
            List<Change> changes = new ArrayList<>(st.changes());
            if (st.source().isPsqlMeta()) {
                notes.add("Skipped the psql command at " + source + " (" + st.source().keyword() + ").");
                continue;
            }
            if (changes.stream().allMatch(c -> c instanceof Change.Transaction)) {
                skippedTx = true;
                continue;
            }
            if (changes.size() == 1 && changes.get(0) instanceof Change.SetVariable sv
                    && (sv.name().equals("lock_timeout") || sv.name().equals("statement_timeout"))) {
                notes.add("Skipped SET " + sv.name() + " at " + source + ": every step sets its own lock_timeout.");
                continue;
            }
            int rowIndex = changeRows.size();
            RecipeContext base = new RecipeContext(st, st.source().text(), findings, source, req.catalog(), settings,
                    req.options(), facts, notes);
            List<PlanStep> steps = planStatement(st, base, changes);
            String recipeIds = String.join(", ", new LinkedHashSet<>(steps.stream().map(PlanStep::recipe).toList()));

            // a statement re-creating what an earlier statement drops in the contract phase runs after that drop
            Phase floor = Phase.EXPAND;
            for (Change c : changes) {
                for (String k : createdKeys(c)) {
                    Phase p = floors.get(k);
                    if (p != null && p.compareTo(floor) > 0) {
                        floor = p;
                    }
                }
            }
            List<PlanStep> adjusted = new ArrayList<>();
            for (PlanStep s : steps) {
                adjusted.add(s.phase().compareTo(floor) < 0 ? s.inPhase(floor) : s);
            }
            for (PlanStep s : adjusted) {
                if (s.phase() == Phase.CONTRACT) {
                    for (Change c : changes) {
                        for (String k : droppedKeys(c)) {
                            floors.put(k, Phase.CONTRACT);
                        }
                    }
                }
                planned.add(new Planned(s, rowIndex));
            }
            stepsOfChange.add(adjusted);
            Change first = changes.isEmpty() ? null : changes.get(0);
            Risk risk = findings.stream().map(Finding::risk).reduce(Risk.LOW, Risk::max);
            List<String> hazards = findings.stream().map(Finding::hazard).distinct().toList();
            changeRows.add(new MigrationPlan.ChangeItem(action(st, first), object(base, first),
                    RawSteps.excerpt(st.source().text()), risk, hazards, source, recipeIds, new ArrayList<>()));
            facts.apply(st.source().text(), changes);
        }
        if (skippedTx) {
            notes.add("BEGIN / COMMIT of the migration were left out: each step says whether it runs in a "
                    + "transaction.");
        }

        // phases and ids
        Map<Phase, List<Planned>> byPhase = new EnumMap<>(Phase.class);
        for (Planned p : planned) {
            byPhase.computeIfAbsent(p.step().phase(), k -> new ArrayList<>()).add(p);
        }
        List<MigrationPlan.Phase> phases = new ArrayList<>();
        List<String> deployNotes = new ArrayList<>();
        int phaseNo = 0;
        MigrationPlan.Phase previous = null;
        List<String> pendingNotes = new ArrayList<>();
        for (Phase ph : Phase.values()) {
            List<Planned> list = byPhase.get(ph);
            if (list == null || list.isEmpty()) {
                continue;
            }
            phaseNo++;
            List<MigrationPlan.Step> steps = new ArrayList<>();
            Set<String> before = new LinkedHashSet<>();
            int n = 0;
            for (Planned p : list) {
                n++;
                String id = phaseNo + "." + n;
                PlanStep s = p.step();
                steps.add(new MigrationPlan.Step(id, s.description(), s.up(), s.down(), s.verify(), s.transactional(),
                        s.lock(), s.lockTimeoutMs(), s.destructive(), s.reversible(), s.batched(),
                        s.estimatedSeconds(), s.irreversible(), s.object(), s.recipe(), s.backup(),
                        s.downTransactional()));
                changeRows.get(p.change()).steps().add(id);
                if (s.deployBefore() != null) {
                    before.add(s.deployBefore());
                }
            }
            if (!before.isEmpty()) {
                deployNotes.addAll(before);
                if (previous != null) {
                    phases.set(phases.size() - 1, new MigrationPlan.Phase(previous.name(),
                            join(previous.deployNote(), String.join(" ", before)), previous.steps()));
                } else {
                    pendingNotes.addAll(before);
                }
            }
            String ownNote = pendingNotes.isEmpty() ? null : "Before this phase: " + String.join(" ", pendingNotes);
            pendingNotes.clear();
            MigrationPlan.Phase phase = new MigrationPlan.Phase(ph.id(), ownNote, steps);
            phases.add(phase);
            previous = phase;
        }
        List<MigrationPlan.ChangeItem> rows = changeRows.stream().map(r -> new MigrationPlan.ChangeItem(r.action(),
                r.object(), r.details(), r.risk(), r.hazards(), r.source(), r.recipe(), List.copyOf(r.steps())))
                .toList();

        List<Finding> findings = new ArrayList<>();
        for (Finding fd : analysis.findings()) {
            Located loc = located.stream().filter(l -> l.statement().number() == fd.statement()).findFirst()
                    .orElse(null);
            findings.add(loc == null ? fd : new Finding(fd.hazard(), fd.risk(), loc.localNumber(), loc.localLine(),
                    fd.column(), fd.object(), fd.lock(), fd.rewrite(), fd.message(), fd.help(), fd.fix()));
        }

        List<MigrationPlan.SeedData> seed = new ArrayList<>();
        if (req.options().seedRows() > 0) {
            SeedDataGenerator gen = new SeedDataGenerator(facts, req.catalog());
            for (Change.CreateTable ct : facts.createdTables()) {
                if (!ct.asQuery() && ct.partitionOf() == null && !ct.temporary()) {
                    seed.add(gen.generate(ct, req.options().seedRows()));
                }
            }
        }

        MigrationPlan draft = new MigrationPlan(title(req, rows), "", target(req, settings), null, rows, findings,
                req.dataChecks(), phases, null, null, req.rehearsal(), List.of(), List.of(), null, seed, sources,
                notes);
        PlanCheck.Result self = PlanCheck.run(draft, settings, req.catalog());
        return complete(draft, self, deployNotes, req.options());
    }

    private static String join(String a, String b) {
        return a == null ? b : a + " " + b;
    }

    /** Plans one statement: recipes per change, the rest as raw SQL. */
    private List<PlanStep> planStatement(ParsedStatement st, RecipeContext base, List<Change> changes) {
        List<PlanStep> out = new ArrayList<>();
        boolean opaque = changes.stream().anyMatch(c -> c instanceof Change.DoBlock || c instanceof Change.Unparsed);
        if (opaque) {
            out.add(RawSteps.raw(base, st.source().text(), changes).withRecipe("raw"));
            return out;
        }
        AlterTableText alter = AlterTableText.of(st.source());
        List<String> clauses = null;
        if (alter != null && alter.clauses().size() == changes.size()) {
            clauses = alter.clauses();
        }
        if (changes.size() > 1 && clauses == null) {
            // the actions cannot be lined up with the changes: one raw step, unless a single recipe covers all
            out.add(RawSteps.raw(base, st.source().text(), changes).withRecipe("raw"));
            return out;
        }
        List<String> rawClauses = new ArrayList<>();
        List<Change> rawChanges = new ArrayList<>();
        List<PlanStep> recipeSteps = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            String clause = clauses != null && changes.size() > 1 ? clauses.get(i)
                    : clauses != null && alter != null ? clauses.get(0) : st.source().text();
            RecipeContext ctx = new RecipeContext(st, clause, base.findings(), base.source(), base.catalog(),
                    base.settings(), base.options(), base.facts(), base.notes());
            Recipe recipe = null;
            for (Recipe r : recipes) {
                if (r.applies(c, ctx)) {
                    recipe = r;
                    break;
                }
            }
            if (recipe == null) {
                rawClauses.add(clause);
                rawChanges.add(c);
                continue;
            }
            for (PlanStep s : recipe.steps(c, ctx)) {
                recipeSteps.add(s.withRecipe(recipe.id()));
            }
        }
        if (!rawChanges.isEmpty()) {
            String sql = rawChanges.size() == changes.size() ? st.source().text()
                    : alter.prefix() + " " + String.join(", ", rawClauses);
            out.add(RawSteps.raw(base, sql, rawChanges).withRecipe("raw"));
        }
        out.addAll(recipeSteps);
        return out;
    }

    /** Keys of objects a change creates ("table:x", "column:x.c", "index:i", "constraint:x.n"). */
    private static List<String> createdKeys(Change c) {
        if (c instanceof Change.CreateTable ct) {
            return List.of("table:" + MigrationFacts.key(ct.target()));
        }
        if (c instanceof Change.AddColumn ac) {
            return List.of("column:" + MigrationFacts.key(ac.target()) + "." + ac.column().name());
        }
        if (c instanceof Change.CreateIndex ci && ci.name() != null) {
            return List.of("index:" + ci.name().name());
        }
        if (c instanceof Change.AddConstraint ac && ac.constraint().name() != null) {
            return List.of("constraint:" + MigrationFacts.key(ac.target()) + "." + ac.constraint().name());
        }
        if (c instanceof Change.RenameColumn rc) {
            return List.of("column:" + MigrationFacts.key(rc.target()) + "." + rc.to());
        }
        if (c instanceof Change.RenameTable rt) {
            return List.of("table:" + MigrationFacts.key(new QualifiedName(rt.target().schema(), rt.newName())));
        }
        return List.of();
    }

    private static List<String> droppedKeys(Change c) {
        List<String> out = new ArrayList<>();
        if (c instanceof Change.DropTable dt) {
            dt.names().forEach(n -> out.add("table:" + MigrationFacts.key(n)));
        } else if (c instanceof Change.DropColumn dc) {
            out.add("column:" + MigrationFacts.key(dc.target()) + "." + dc.column());
        } else if (c instanceof Change.DropIndex di) {
            di.names().forEach(n -> out.add("index:" + n.name()));
        } else if (c instanceof Change.DropConstraint dc) {
            out.add("constraint:" + MigrationFacts.key(dc.target()) + "." + dc.name());
        } else if (c instanceof Change.RenameColumn rc) {
            out.add("column:" + MigrationFacts.key(rc.target()) + "." + rc.from());
        } else if (c instanceof Change.RenameTable rt) {
            out.add("table:" + MigrationFacts.key(rt.target()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ report sections

    private static MigrationPlan.Target target(PlanRequest req, AnalysisSettings settings) {
        CatalogSnapshot c = req.catalog();
        String version = c != null && c.serverVersion() != null ? c.serverVersion() : settings.pgVersion().toString();
        return new MigrationPlan.Target("postgresql", version, c == null ? null : c.database(),
                req.catalogSource() != null ? req.catalogSource() : c == null ? "none" : "catalog");
    }

    private static String action(ParsedStatement st, Change c) {
        if (c == null) {
            return st.source().keyword().toUpperCase(Locale.ROOT);
        }
        if (c instanceof Change.AddConstraint ac) {
            return "ADD " + ac.constraint().kind().sql();
        }
        if (c instanceof Change.Other o) {
            return o.keyword().toUpperCase(Locale.ROOT);
        }
        String kind = c.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
        return switch (kind) {
            case "ALTER COLUMN TYPE" -> "ALTER COLUMN TYPE";
            case "SET NOT NULL" -> "SET NOT NULL";
            case "ADD ENUM VALUE" -> "ADD ENUM VALUE";
            case "CREATE ENUM" -> "CREATE TYPE";
            case "UPDATE", "DELETE", "INSERT" -> kind;
            default -> kind;
        };
    }

    private static String object(RecipeContext ctx, Change c) {
        if (c == null || c.target() == null) {
            return null;
        }
        if (c instanceof Change.AddColumn ac) {
            return ctx.display(ac.target(), ac.column().name());
        }
        if (c instanceof Change.DropColumn dc) {
            return ctx.display(dc.target(), dc.column());
        }
        if (c instanceof Change.AlterColumnType at) {
            return ctx.display(at.target(), at.column());
        }
        if (c instanceof Change.SetNotNull sn) {
            return ctx.display(sn.target(), sn.column());
        }
        if (c instanceof Change.RenameColumn rc) {
            return ctx.display(rc.target(), rc.from());
        }
        if (c instanceof Change.CreateIndex ci) {
            return ci.target() == null ? null : ctx.display(ci.target()) + "." + (ci.name() != null ? ci.name().name()
                    : io.schemapilot.plan.recipes.Names.indexName(ci));
        }
        if (c instanceof Change.AddEnumValue || c instanceof Change.CreateEnum || c instanceof Change.DropIndex) {
            return c.target().qualified();
        }
        return ctx.display(c.target());
    }

    private static String title(PlanRequest req, List<MigrationPlan.ChangeItem> rows) {
        if (req.title() != null) {
            return req.title();
        }
        if (rows.isEmpty()) {
            return "Empty migration";
        }
        MigrationPlan.ChangeItem first = rows.stream().max((a, b) -> a.risk().compareTo(b.risk())).orElse(rows.get(0));
        String head = titleCase(first.action()) + (first.object() == null ? "" : " " + first.object());
        return rows.size() == 1 ? head : head + " and " + (rows.size() - 1) + " more change"
                + (rows.size() == 2 ? "" : "s");
    }

    private static String titleCase(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        return Character.toUpperCase(a.charAt(0)) + a.substring(1);
    }

    /** Fills the sections derived from the steps: risk, rollback, backup, checklist, deployment, impact, summary. */
    private static MigrationPlan complete(MigrationPlan p, PlanCheck.Result self, List<String> deployNotes,
                                          PlanOptions options) {
        List<MigrationPlan.Step> steps = p.allSteps();
        Risk overall = p.findings().stream().map(Finding::risk).reduce(Risk.LOW, Risk::max);

        // residual risk with the plan
        Risk withPlan = self.findings().stream().filter(f -> !f.destructive()).map(f -> f.finding().risk())
                .reduce(Risk.LOW, Risk::max);
        boolean destructive = false;
        MigrationPlan.Step pointOfNoReturn = null;
        for (MigrationPlan.Step s : steps) {
            if (s.destructive()) {
                destructive = true;
                withPlan = Risk.max(withPlan, s.reversible() ? Risk.MEDIUM : Risk.CRITICAL);
                if (!s.reversible() && pointOfNoReturn == null) {
                    pointOfNoReturn = s;
                }
            }
        }
        MigrationPlan.Step firstIrreversible = steps.stream().filter(s -> !s.reversible()).findFirst().orElse(null);

        // data impact
        String dataImpact;
        if (destructive) {
            dataImpact = "destructive";
        } else if (steps.stream().anyMatch(s -> s.batched() && !"add-column".equals(s.recipe()))) {
            dataImpact = "significant";
        } else if (steps.stream().anyMatch(MigrationPlan.Step::batched)
                || p.changes().stream().anyMatch(c -> c.action().equals("INSERT"))) {
            dataImpact = "minimal";
        } else {
            dataImpact = "none";
        }

        // locks and time
        double lockMax = 0;
        String lockStep = null;
        double total = 0;
        boolean estimated = true;
        for (MigrationPlan.Step s : steps) {
            if (s.estimatedSeconds() == null) {
                estimated = false;
                continue;
            }
            total += s.estimatedSeconds();
            if (s.lock() != null && s.lock().blocksWrites() && s.estimatedSeconds() > lockMax) {
                lockMax = s.estimatedSeconds();
                lockStep = s.id();
            }
        }
        List<MigrationPlan.Step> unknownBlocking = steps.stream().filter(s -> s.estimatedSeconds() == null
                && s.lock() != null && s.lock().blocksWrites()).toList();
        String downtime;
        String timeout = Sql.duration(options.lockTimeoutMs());
        if (lockMax > 1) {
            MigrationPlan.Step s = p.step(lockStep);
            downtime = (s.lock().blocksReads() ? "reads and writes" : "writes") + " to " + s.object()
                    + " blocked for about " + fmt(lockMax) + " s (step " + lockStep + ")";
        } else if (!unknownBlocking.isEmpty() && unknownBlocking.stream().anyMatch(s -> "raw".equals(s.recipe()))) {
            MigrationPlan.Step s = unknownBlocking.stream().filter(x -> "raw".equals(x.recipe())).findFirst().get();
            downtime = "unknown: step " + s.id() + " holds " + s.lock() + " on " + s.object() + " for as long as the "
                    + "statement runs (size unknown)";
        } else {
            downtime = "none expected (locks that block are brief and bounded by lock_timeout = " + timeout + ")";
        }

        List<String> reasons = new ArrayList<>();
        for (Finding f : p.findings()) {
            if (f.risk().atLeast(Risk.HIGH)) {
                String r = f.hazard() + ": " + f.message();
                if (!reasons.contains(r)) {
                    reasons.add(r);
                }
            }
        }
        long destructiveCount = steps.stream().filter(MigrationPlan.Step::destructive).count();
        if (destructiveCount > 0) {
            reasons.add(destructiveCount + " destructive step" + (destructiveCount == 1 ? "" : "s") + (pointOfNoReturn
                    == null ? ", each reversible from its backup" : "; step " + pointOfNoReturn.id()
                    + " cannot be undone"));
        }
        for (PlanCheck.StepFinding v : self.violations()) {
            reasons.add("the plan's own step " + v.step() + " still has " + v.finding().hazard() + " ("
                    + v.finding().risk().id() + ")");
        }
        MigrationPlan.RiskAssessment risk = new MigrationPlan.RiskAssessment(overall, dataImpact, downtime, withPlan,
                reasons);

        // rollback
        List<String> rollbackSteps = new ArrayList<>();
        for (int i = steps.size() - 1; i >= 0; i--) {
            MigrationPlan.Step s = steps.get(i);
            rollbackSteps.add(s.id() + ": " + (s.down() == null ? s.irreversible()
                    : s.down().startsWith("-- nothing to undo: ") ? "nothing to undo: " + s.down().substring(20)
                    : s.down()));
        }
        List<String> backupTables = new ArrayList<>();
        for (MigrationPlan.Step s : steps) {
            if (s.backup() != null || s.destructive()) {
                String b = s.backup();
                if (b != null && b.contains(options.backupSchema() + ".")) {
                    String name = b.substring(b.indexOf(options.backupSchema() + "."));
                    name = name.split("[ ,)]")[0];
                    if (!backupTables.contains(name)) {
                        backupTables.add(name);
                    }
                }
            }
        }
        String ponr;
        if (pointOfNoReturn != null) {
            ponr = "step " + pointOfNoReturn.id() + " (" + pointOfNoReturn.description() + ") cannot be undone by the "
                    + "plan; after it, recover with: " + pointOfNoReturn.irreversible();
        } else if (!backupTables.isEmpty()) {
            ponr = "none within the plan: every step has a down. Dropping the backups ("
                    + String.join(", ", backupTables) + ") after the retention period is the point of no return.";
        } else if (firstIrreversible != null) {
            ponr = "none that loses data; step " + firstIrreversible.id() + " has no automatic down ("
                    + firstIrreversible.irreversible() + ")";
        } else {
            ponr = "none: every step has a down";
        }
        MigrationPlan.Rollback rollback = new MigrationPlan.Rollback(rollbackSteps, ponr,
                pointOfNoReturn == null ? null : pointOfNoReturn.id());

        // backup
        boolean backupRequired = destructive || firstIrreversible != null;
        String how;
        if (!backupRequired) {
            how = "No step removes data; a regular backup is enough.";
        } else {
            StringBuilder sb = new StringBuilder();
            MigrationPlan.Step firstDestructive = steps.stream().filter(s -> s.destructive() || !s.reversible())
                    .findFirst().orElse(null);
            Set<String> tables = new LinkedHashSet<>();
            for (MigrationPlan.Step s : steps) {
                if ((s.destructive() || !s.reversible()) && s.object() != null) {
                    tables.add(s.object().replaceAll("^([^.]+\\.[^.]+).*$", "$1"));
                }
            }
            sb.append("Before step ").append(firstDestructive.id()).append(", take a backup of ")
                    .append(tables.isEmpty() ? "the database" : String.join(", ", tables)).append(" (pg_dump ")
                    .append("--format=custom");
            for (String t : tables) {
                sb.append(" --table=").append(t);
            }
            sb.append(" --file=before-").append(firstDestructive.id()).append(".dump) and check that it restores.");
            if (!backupTables.isEmpty()) {
                sb.append(" The plan also keeps what it removes in ").append(options.backupSchema()).append(" (")
                        .append(String.join(", ", backupTables)).append("): the downs restore from there. Keep ")
                        .append("them until the change has run in production for the retention period you trust ")
                        .append("(e.g. 7 days), then drop them: that is the point of no return.");
            }
            how = sb.toString();
        }
        MigrationPlan.Backup backup = new MigrationPlan.Backup(backupRequired, how, backupTables);

        MigrationPlan.EstimatedImpact impact = new MigrationPlan.EstimatedImpact(
                lockMax > 1 || downtime.startsWith("unknown") ? downtime : "none", round(lockMax), round(total),
                estimated, null);

        List<String> deployment = deployment(p, backupRequired, how, backupTables, deployNotes);
        List<MigrationPlan.ChecklistItem> checklist = checklist(p.dataChecks(), p.rehearsal(), steps, self,
                backupRequired, !deployNotes.isEmpty());

        long stepCount = steps.size();
        String summary = p.changes().size() + " change" + (p.changes().size() == 1 ? "" : "s") + " in "
                + p.sources().size() + " file" + (p.sources().size() == 1 ? "" : "s") + " become " + stepCount
                + " step" + (stepCount == 1 ? "" : "s") + " in " + p.phases().size() + " phase"
                + (p.phases().size() == 1 ? "" : "s") + "; risk as written " + overall.id() + ", with this plan "
                + withPlan.id() + (destructiveCount > 0 ? "; " + destructiveCount + " destructive step"
                + (destructiveCount == 1 ? "" : "s") + (pointOfNoReturn == null ? " kept reversible by backups"
                : ", point of no return at step " + pointOfNoReturn.id()) : "") + ".";

        return new MigrationPlan(p.title(), summary, p.target(), risk, p.changes(), p.findings(), p.dataChecks(),
                p.phases(), rollback, backup, p.rehearsal(), checklist, deployment, impact, p.seedData(), p.sources(),
                p.notes());
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static String fmt(double v) {
        return v >= 10 ? String.valueOf(Math.round(v)) : String.valueOf(round(v));
    }

    private static List<String> deployment(MigrationPlan p, boolean backupRequired, String how,
                                           List<String> backupTables, List<String> deployNotes) {
        List<String> out = new ArrayList<>();
        out.add("Run the whole plan in staging first, on a copy of production data, with the same steps in the "
                + "same order.");
        if (backupRequired) {
            out.add("Take the backup: " + how.split("\\. ")[0].replaceFirst("^Before", "before")
                    .replaceFirst("\\.$", "") + ".");
        }
        int i = 0;
        for (MigrationPlan.Phase ph : p.phases()) {
            i++;
            List<MigrationPlan.Step> s = ph.steps();
            List<String> nonTx = s.stream().filter(x -> !x.transactional()).map(MigrationPlan.Step::id).toList();
            out.add("Phase " + i + " (" + ph.name() + "): run steps " + s.get(0).id() + (s.size() > 1 ? " to "
                    + s.get(s.size() - 1).id() : "") + " in order, each step's verify query after it (it must "
                    + "return no rows)" + (nonTx.isEmpty() ? "" : "; run " + String.join(", ", nonTx)
                    + " outside a transaction, one statement at a time") + ".");
            if (ph.deployNote() != null) {
                out.add("Deploy point after phase " + i + ": " + ph.deployNote());
            }
        }
        out.add("If a step fails on lock_timeout, nothing was changed by it: wait and run it again (batched steps "
                + "resume where they stopped).");
        out.add("During batched steps watch replication lag and lock waits (pg_stat_activity.wait_event_type = "
                + "'Lock'); stop and resume later if needed.");
        if (!backupTables.isEmpty()) {
            out.add("After the retention period, drop the backups: " + String.join(", ", backupTables) + ".");
        }
        return out;
    }

    static List<MigrationPlan.ChecklistItem> checklist(List<DataCheck> checks, Rehearsal rehearsal,
                                                        List<MigrationPlan.Step> steps, PlanCheck.Result self,
                                                        boolean backupRequired, boolean deployPoints) {
        List<MigrationPlan.ChecklistItem> out = new ArrayList<>();
        out.add(new MigrationPlan.ChecklistItem("Plan SQL re-checked: no high or critical finding outside destructive "
                + "steps", self == null || self.ok(), self == null || self.ok() ? null : self.violations().size()
                + " finding(s) left, see the risk reasons"));
        out.add(new MigrationPlan.ChecklistItem("lock_timeout set by every step", steps.stream()
                .allMatch(s -> s.up().startsWith("SET lock_timeout")), null));
        out.add(new MigrationPlan.ChecklistItem("Every step has a verification query", steps.stream()
                .allMatch(s -> s.verify() != null && !s.verify().isBlank()), null));
        List<String> noDown = steps.stream().filter(s -> !s.reversible()).map(MigrationPlan.Step::id).toList();
        out.add(new MigrationPlan.ChecklistItem("Every step can be undone by its down", noDown.isEmpty(),
                noDown.isEmpty() ? null : "no down: step " + String.join(", ", noDown)));
        boolean checksPassed = !checks.isEmpty() && checks.stream().allMatch(DataCheck::passed);
        out.add(new MigrationPlan.ChecklistItem("Data checks passed", checksPassed, checks.isEmpty()
                ? "none ran: give --db (or a --schema file with data)"
                : checksPassed ? null : checks.stream().filter(c -> !c.passed()).count() + " failed"));
        boolean rehearsed = rehearsal != null && rehearsal.ran() && rehearsal.upOk()
                && Boolean.TRUE.equals(rehearsal.downOk()) && Boolean.TRUE.equals(rehearsal.schemaRestored());
        out.add(new MigrationPlan.ChecklistItem("Rollback tested on a shadow database", rehearsed, rehearsal == null
                ? "not rehearsed: run with --rehearse" : rehearsed ? null : "the rehearsal did not restore the schema"));
        if (backupRequired) {
            out.add(new MigrationPlan.ChecklistItem("Backup taken and restore tested before the first destructive "
                    + "step", false, "operator"));
        }
        if (deployPoints) {
            out.add(new MigrationPlan.ChecklistItem("Application deployed at every deploy point before the next phase",
                    false, "operator"));
        }
        out.add(new MigrationPlan.ChecklistItem("Run in staging first", false, "operator"));
        return out;
    }

    // ------------------------------------------------------------------------------------------ attaching results

    /** The plan with a rehearsal attached (the checklist follows). */
    public static MigrationPlan withRehearsal(MigrationPlan plan, Rehearsal rehearsal) {
        return plan.withRehearsal(rehearsal, updateChecklist(plan, plan.dataChecks(), rehearsal));
    }

    /** The plan with data checks attached (the checklist follows). */
    public static MigrationPlan withDataChecks(MigrationPlan plan, List<DataCheck> checks) {
        return plan.withDataChecks(List.copyOf(checks), updateChecklist(plan, checks, plan.rehearsal()));
    }

    private static List<MigrationPlan.ChecklistItem> updateChecklist(MigrationPlan plan, List<DataCheck> checks,
                                                                     Rehearsal rehearsal) {
        boolean selfOk = plan.checklist().isEmpty() || plan.checklist().get(0).done();
        boolean backupRequired = plan.backup() != null && plan.backup().required();
        boolean deployPoints = plan.phases().stream().anyMatch(p -> p.deployNote() != null);
        List<MigrationPlan.ChecklistItem> fresh = checklist(checks, rehearsal, plan.allSteps(), null, backupRequired,
                deployPoints);
        if (!selfOk) {
            fresh.set(0, plan.checklist().get(0));
        }
        return fresh;
    }

    /** The text of an ALTER TABLE split into its prefix and its actions. */
    record AlterTableText(String prefix, List<String> clauses) {
        static AlterTableText of(SqlStatement st) {
            List<Token> t = st.tokens();
            if (t.size() < 4 || !t.get(0).isWord("alter") || !t.get(1).isWord("table")) {
                return null;
            }
            int i = 2;
            if (t.get(i).isWord("if") && i + 1 < t.size() && t.get(i + 1).isWord("exists")) {
                i += 2;
            }
            if (i < t.size() && t.get(i).isWord("only")) {
                i++;
            }
            i++;
            while (i + 1 < t.size() && t.get(i).isPunct('.')) {
                i += 2;
            }
            if (i >= t.size()) {
                return null;
            }
            int base = st.startOffset();
            String prefix = st.text().substring(0, t.get(i - 1).endOffset() - base).strip();
            String rest = st.text().substring(t.get(i).offset() - base);
            List<String> clauses = Sql.splitTopLevel(rest);
            return new AlterTableText(prefix, clauses);
        }
    }
}
