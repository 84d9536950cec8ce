package io.schemapilot.analysis;

import io.schemapilot.catalog.CatalogSnapshot;
import io.schemapilot.report.FileReport;
import io.schemapilot.report.Finding;
import io.schemapilot.report.ParseError;
import io.schemapilot.report.UnusedIgnore;
import io.schemapilot.sql.Change;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.SqlSyntaxException;
import io.schemapilot.sql.StatementParser;
import io.schemapilot.sql.StatementSplitter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The analysis engine: split, read every statement into changes (in parallel for large files), then walk the
 * statements in order with every rule, keeping the migration state between them. Returns a value; never prints.
 */
public final class Analyzer {
    /** Files with more statements than this are parsed on all cores. */
    private static final int PARALLEL_THRESHOLD = 256;

    private final List<Rule> rules;

    public Analyzer() {
        this(Rules.all());
    }

    public Analyzer(List<Rule> rules) {
        this.rules = rules;
    }

    /** A file's text split into statements, and the statements read into changes: what the rules walk over. */
    public record Prepared(StatementSplitter.Result split, List<ParsedStatement> parsed) {
    }

    /**
     * Splits and parses a file's text (no rules run).
     *
     * @throws SqlSyntaxException when the text cannot be split
     */
    public static Prepared prepare(String sql) {
        StatementSplitter.Result split = StatementSplitter.split(sql);
        return new Prepared(split, parse(split.statements()));
    }

    /** The parsed statements of a file, in order. */
    public static List<ParsedStatement> parse(List<SqlStatement> statements) {
        if (statements.size() > PARALLEL_THRESHOLD) {
            return statements.parallelStream().map(StatementParser::parse).toList();
        }
        return statements.stream().map(StatementParser::parse).toList();
    }

    /**
     * The rules whose hazard these settings report. A rule reports only its own hazard and {@link Findings} drops a
     * hazard that is not reported, so the others (the hygiene rules, off by default, and disabled ids) need not run.
     */
    private List<Rule> activeRules(AnalysisSettings settings) {
        List<Rule> active = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            if (settings.reports(rule.hazard())) {
                active.add(rule);
            }
        }
        return active;
    }

    /** Every active rule over every statement, in order, keeping the migration state between statements. */
    private static List<Finding> walk(List<ParsedStatement> parsed, List<Rule> active, AnalysisSettings settings,
                                      CatalogSnapshot catalog, FileIndexes indexes, MigrationState state) {
        AnalysisContext ctx = new AnalysisContext(settings, catalog, state);
        ctx.statements(parsed, indexes);
        Findings findings = new Findings(settings);
        for (ParsedStatement st : parsed) {
            for (Rule rule : active) {
                rule.check(st, ctx, findings);
            }
            List<TableLock> locks = new ArrayList<>();
            for (Change c : st.changes()) {
                locks.addAll(LockModel.locks(c, st.number(), ctx));
            }
            state.apply(st, locks);
        }
        for (Rule rule : active) {
            rule.finish(ctx, findings);
        }
        return findings.list();
    }

    private static int ruleOrder(String hazard) {
        Hazard h = Hazard.byId(hazard);
        return h == null ? Integer.MAX_VALUE : h.ordinal();
    }

    /**
     * The excerpt of each statement, made when asked for: only the text, Markdown and SARIF renderers show them, and
     * making all of them up front is time a large file's JSON report does not need. Unmodifiable, as a list from
     * {@code toList()} is.
     */
    private static final class Excerpts extends java.util.AbstractList<String> implements java.util.RandomAccess {
        private final List<SqlStatement> statements;
        private final String[] made;

        Excerpts(List<SqlStatement> statements) {
            this.statements = statements;
            this.made = new String[statements.size()];
        }

        @Override
        public String get(int i) {
            String e = made[i];
            if (e == null) {
                e = statements.get(i).excerpt();
                made[i] = e;
            }
            return e;
        }

        @Override
        public int size() {
            return made.length;
        }
    }

    /**
     * Statement order, then the riskiest first, then the order of the rules. A class rather than composed
     * {@code Comparator} lambdas, whose classes are spun at run time in every short CLI run.
     */
    private static final Comparator<Finding> FINDING_ORDER = new Comparator<>() {
        @Override
        public int compare(Finding a, Finding b) {
            int c = Integer.compare(a.statement(), b.statement());
            if (c == 0) {
                c = Integer.compare(b.risk().ordinal(), a.risk().ordinal());
            }
            if (c == 0) {
                c = Integer.compare(ruleOrder(a.hazard()), ruleOrder(b.hazard()));
            }
            return c;
        }
    };

    /** Analyses one migration file's text. An unsplittable file yields a report with {@code error} set. */
    public FileReport analyze(String path, String sql, AnalysisSettings settings, CatalogSnapshot catalog) {
        return analyze(path, sql, settings, catalog, null);
    }

    /**
     * Analyses one file of a run of several, in run order: the file starts from the facts the earlier files proved
     * ({@code carried}, see {@link RunFacts}) and leaves its own there for the next. An unsplittable file leaves
     * {@code carried} as it was. {@code carried} may be null (a file on its own).
     */
    public FileReport analyze(String path, String sql, AnalysisSettings settings, CatalogSnapshot catalog,
                              RunFacts carried) {
        StatementSplitter.Result split;
        List<ParsedStatement> parsed;
        Prepared ahead = ParseAhead.take(path, sql);
        if (ahead != null) {
            split = ahead.split();
            parsed = ahead.parsed();
        } else {
            try {
                split = StatementSplitter.split(sql);
            } catch (SqlSyntaxException e) {
                return FileReport.failed(path, e.located());
            }
            parsed = parse(split.statements());
        }
        List<ParseError> parseErrors = new ArrayList<>();
        for (ParsedStatement st : parsed) {
            if (st.parseError() != null) {
                parseErrors.add(new ParseError(st.number(), st.line(), st.column(), st.parseError()));
            }
        }
        List<Rule> active = activeRules(settings);
        List<Finding> found;
        MigrationState end;
        if (parsed.size() > PARALLEL_THRESHOLD && active.size() > 1 && Runtime.getRuntime().availableProcessors() > 1) {
            // Two halves of the rules walk the file at the same time, each with its own migration state (the walk
            // is cheap; the rules are not), sharing the file indexes the rules build. A rule only ever looks at its
            // own findings, so the result is the same.
            List<Rule> even = new ArrayList<>();
            List<Rule> odd = new ArrayList<>();
            for (int i = 0; i < active.size(); i++) {
                (i % 2 == 0 ? even : odd).add(active.get(i));
            }
            FileIndexes indexes = new FileIndexes();
            MigrationState evenState = new MigrationState(settings.assumeInTransaction(), carried);
            MigrationState oddState = new MigrationState(settings.assumeInTransaction(), carried);
            CompletableFuture<List<Finding>> other = CompletableFuture.supplyAsync(
                    () -> walk(parsed, odd, settings, catalog, indexes, oddState));
            found = new ArrayList<>(walk(parsed, even, settings, catalog, indexes, evenState));
            try {
                found.addAll(other.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
            end = evenState; // both walked every statement: the same state
        } else {
            end = new MigrationState(settings.assumeInTransaction(), carried);
            found = walk(parsed, active, settings, catalog, new FileIndexes(), end);
        }
        if (carried != null) {
            end.carryInto(carried);
        }
        List<UnusedIgnore> unused = new ArrayList<>();
        List<Finding> kept = new Suppressions(split.comments(), split.statements()).apply(found, unused);
        List<Finding> sorted = new ArrayList<>(kept);
        // statement order, then the riskiest first, then the order of the rules (what a sequential walk gives)
        sorted.sort(FINDING_ORDER);
        return new FileReport(path, split.statements().size(), parseErrors, sorted, unused, null,
                new Excerpts(split.statements()));
    }
}
