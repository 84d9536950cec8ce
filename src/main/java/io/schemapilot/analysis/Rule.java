package io.schemapilot.analysis;

import io.schemapilot.sql.ParsedStatement;

/**
 * One hazard, one rule (squawk's habit): a small stateless class that looks at one statement in its context and
 * reports what it finds. Rules never print and never touch a database; cross-statement facts (transactions, locks
 * held, objects created earlier) come from {@link AnalysisContext}.
 */
public interface Rule {

    Hazard hazard();

    /** Looks at one statement. The context describes the migration as it stands just before it. */
    void check(ParsedStatement statement, AnalysisContext ctx, Findings out);

    /** Called once after the last statement of a file (for hazards such as a BEGIN never committed). */
    default void finish(AnalysisContext ctx, Findings out) {
    }
}
