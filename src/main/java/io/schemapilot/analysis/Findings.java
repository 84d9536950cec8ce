package io.schemapilot.analysis;

import io.schemapilot.report.Finding;
import io.schemapilot.report.LockMode;
import io.schemapilot.report.Risk;
import io.schemapilot.sql.ParsedStatement;
import java.util.ArrayList;
import java.util.List;

/** Collects the findings of one file. Rules add to it through {@link #of(Hazard, ParsedStatement)}. */
public final class Findings {
    private static final int HAZARDS = Hazard.values().length;

    private final List<Finding> items = new ArrayList<>();
    private final AnalysisSettings settings;
    /** By hazard ordinal: the highest statement number of a kept finding, or {@link Integer#MIN_VALUE} for none. */
    private final int[] latest = new int[HAZARDS];

    public Findings(AnalysisSettings settings) {
        this.settings = settings;
        java.util.Arrays.fill(latest, Integer.MIN_VALUE);
    }

    /** A finding of {@code hazard} was kept (constant time: rules ask this for every statement). */
    public boolean has(Hazard hazard) {
        return latest[hazard.ordinal()] != Integer.MIN_VALUE;
    }

    /** A finding of {@code hazard} was kept at statement {@code statement} or later (constant time). */
    public boolean hasSince(Hazard hazard, int statement) {
        int l = latest[hazard.ordinal()];
        return l != Integer.MIN_VALUE && l >= statement;
    }

    /** Starts a finding of {@code hazard} at {@code statement}; call {@link Builder#add()} to keep it. */
    public Builder of(Hazard hazard, ParsedStatement statement) {
        return new Builder(hazard, statement);
    }

    public List<Finding> list() {
        return items;
    }

    public final class Builder {
        private final Hazard hazard;
        private final ParsedStatement statement;
        private Risk risk;
        private String object;
        private LockMode lock;
        private boolean rewrite;
        private String message;
        private String help;
        private String fix;

        private Builder(Hazard hazard, ParsedStatement statement) {
            this.hazard = hazard;
            this.statement = statement;
            this.risk = hazard.defaultRisk();
        }

        public Builder risk(Risk r) {
            this.risk = r;
            return this;
        }

        /** The object concerned, "schema.name" ({@code AnalysisContext#display} makes one). */
        public Builder object(String o) {
            this.object = o;
            return this;
        }

        public Builder lock(LockMode l) {
            this.lock = l;
            return this;
        }

        public Builder rewrite(boolean r) {
            this.rewrite = r;
            return this;
        }

        /** One sentence: what happens and why, naming the object and the lock. */
        public Builder message(String m) {
            this.message = m;
            return this;
        }

        /** One imperative line: what to do instead. */
        public Builder help(String h) {
            this.help = h;
            return this;
        }

        /** SQL that does the same thing safely (optional). */
        public Builder fix(String f) {
            this.fix = f;
            return this;
        }

        public void add() {
            if (!settings.reports(hazard)) {
                return;
            }
            if (message == null || help == null) {
                throw new IllegalStateException("finding " + hazard.id() + " needs a message and a help line");
            }
            items.add(new Finding(hazard.id(), risk, statement.number(), statement.line(), statement.column(), object,
                    lock, rewrite, message, help, fix));
            latest[hazard.ordinal()] = Math.max(latest[hazard.ordinal()], statement.number());
        }
    }
}
