package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What happened when a migration ran on a shadow database: up, lock trace, down, catalog comparison, up again
 * (CLI-AND-REPORT.md, {@code rehearsal}).
 *
 * @param schemaRestored the down left the schema exactly as before the up
 * @param differences    what the down left different from the original schema
 * @param statements     every statement run, with its timing and outcome (not in the contract; added)
 * @param incomplete     why the shadow database lacks part of the target's schema (then the rehearsal cannot pass),
 *                       or null (not in the contract; added)
 */
@JsonPropertyOrder({"ran", "up_ok", "down_ok", "reapply_ok", "schema_restored", "locks", "rewrites", "differences",
        "statements", "notes", "incomplete"})
public record Rehearsal(boolean ran, boolean upOk, Boolean downOk, Boolean reapplyOk, Boolean schemaRestored,
                        List<Lock> locks, List<Rewrite> rewrites, List<String> differences,
                        List<StatementRun> statements, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String incomplete) {

    /** A rehearsal on a complete shadow. */
    public Rehearsal(boolean ran, boolean upOk, Boolean downOk, Boolean reapplyOk, Boolean schemaRestored,
                     List<Lock> locks, List<Rewrite> rewrites, List<String> differences,
                     List<StatementRun> statements, List<String> notes) {
        this(ran, upOk, downOk, reapplyOk, schemaRestored, locks, rewrites, differences, statements, notes, null);
    }

    /** This rehearsal with {@code before} ahead of its notes (how the shadow was built) and the shadow's gap. */
    public Rehearsal onShadow(List<String> before, String incomplete) {
        List<String> all = new java.util.ArrayList<>(before);
        all.addAll(notes == null ? List.of() : notes);
        return new Rehearsal(ran, upOk, downOk, reapplyOk, schemaRestored, locks, rewrites, differences, statements,
                all, incomplete);
    }

    /**
     * A table lock observed in {@code pg_locks} while a step ran.
     *
     * @param heldMs   how long it was held: until the statement ended, or until COMMIT inside a transaction
     * @param observed false when the statement cannot run in a transaction and the lock comes from the lock model
     * @param hazards  the hazard ids this lock stands for (the same ids as the static rules)
     */
    @JsonPropertyOrder({"step", "lock", "object", "held_ms", "observed", "hazards"})
    public record Lock(String step, LockMode lock, String object, long heldMs, boolean observed, List<String> hazards) {
    }

    /** A table (or index) whose relfilenode changed: it was rewritten. */
    public record Rewrite(String step, String object) {
    }

    /**
     * @param phase up | down | reapply
     * @param error the PostgreSQL error, or null
     */
    @JsonPropertyOrder({"phase", "step", "line", "sql", "ms", "ok", "error"})
    public record StatementRun(String phase, String step, int line, String sql, double ms, boolean ok,
                               @JsonInclude(JsonInclude.Include.NON_NULL) String error) {
    }

    public static Rehearsal notRun(String why) {
        return new Rehearsal(false, false, null, null, null, List.of(), List.of(), List.of(), List.of(), List.of(why));
    }
}
