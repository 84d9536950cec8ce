package io.schemapilot.analysis;

import java.util.Set;

/**
 * What the user told us about how the migration runs.
 *
 * @param assumeInTransaction the migration tool wraps each file in a transaction
 * @param hygiene             also report the hygiene hazards (style; off by default)
 * @param disabled            hazard ids not to report at all
 */
public record AnalysisSettings(PgVersion pgVersion, boolean assumeInTransaction, boolean hygiene, Set<Hazard> disabled) {

    public static AnalysisSettings defaults() {
        return new AnalysisSettings(PgVersion.DEFAULT, false, false, Set.of());
    }

    public AnalysisSettings withPgVersion(PgVersion v) {
        return new AnalysisSettings(v, assumeInTransaction, hygiene, disabled);
    }

    public AnalysisSettings withAssumeInTransaction(boolean v) {
        return new AnalysisSettings(pgVersion, v, hygiene, disabled);
    }

    public AnalysisSettings withHygiene(boolean v) {
        return new AnalysisSettings(pgVersion, assumeInTransaction, v, disabled);
    }

    public boolean reports(Hazard h) {
        if (disabled.contains(h)) {
            return false;
        }
        return hygiene || h.hazardClass() != Hazard.HazardClass.HYGIENE;
    }
}
