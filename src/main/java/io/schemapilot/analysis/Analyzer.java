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

    /** Analyses one migration file's text. An unsplittable file yields a report with {@code error} set. */
    public FileReport analyze(String path, String sql, AnalysisSettings settings, CatalogSnapshot catalog) {
        StatementSplitter.Result split;
        try {
            split = StatementSplitter.split(sql);
        } catch (SqlSyntaxException e) {
            return FileReport.failed(path, e.located());
        }
        List<ParsedStatement> parsed = parse(split.statements());
        MigrationState state = new MigrationState(settings.assumeInTransaction());
        AnalysisContext ctx = new AnalysisContext(settings, catalog, state);
        ctx.statements(parsed);
        Findings findings = new Findings(settings);
        List<Rule> active = activeRules(settings);
        List<ParseError> parseErrors = new ArrayList<>();
        for (ParsedStatement st : parsed) {
            if (st.parseError() != null) {
                parseErrors.add(new ParseError(st.number(), st.line(), st.column(), st.parseError()));
            }
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
        List<UnusedIgnore> unused = new ArrayList<>();
        List<Finding> kept = new Suppressions(split.comments(), split.statements()).apply(findings.list(), unused);
        List<Finding> sorted = new ArrayList<>(kept);
        sorted.sort(Comparator.comparingInt(Finding::statement).thenComparing(f -> -f.risk().ordinal()));
        List<String> excerpts = split.statements().stream().map(SqlStatement::excerpt).toList();
        return new FileReport(path, split.statements().size(), parseErrors, sorted, unused, null, excerpts);
    }
}
