package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration plan report: how to ship a change safely (CLI-AND-REPORT.md, "The MigrationPlan"). Produced by
 * {@code io.schemapilot.plan.Planner}; rendered as JSON with {@link Json} (snake_case), as Markdown and as text.
 * Fields after {@code estimated_impact} are additions to the contract.
 *
 * @param findings  the findings of the migration as written (the same objects as {@code check}'s), numbered per
 *                  source file (see {@code sources})
 * @param rehearsal the rehearsal of the plan or of the migration, or null when none ran
 * @param seedData  example rows for tables the migration creates (optional section)
 * @param sources   the migration files the plan was made from, in order
 * @param notes     assumptions and limits the reader must know (no catalog, guessed key column, ...)
 */
@JsonPropertyOrder({"title", "summary", "target", "risk", "changes", "findings", "data_checks", "phases", "rollback",
        "backup", "rehearsal", "checklist", "deployment", "estimated_impact", "seed_data", "sources", "notes"})
public record MigrationPlan(
        String title,
        String summary,
        Target target,
        RiskAssessment risk,
        List<ChangeItem> changes,
        List<Finding> findings,
        List<DataCheck> dataChecks,
        List<Phase> phases,
        Rollback rollback,
        Backup backup,
        Rehearsal rehearsal,
        List<ChecklistItem> checklist,
        List<String> deployment,
        EstimatedImpact estimatedImpact,
        List<SeedData> seedData,
        List<Source> sources,
        List<String> notes) {

    /**
     * @param engine   always "postgresql"
     * @param version  the server's version when known ("16.4"), else the assumed one ("16")
     * @param database the database name, or null
     * @param source   where the catalog came from: "--db", "--schema", "none"
     */
    @JsonPropertyOrder({"engine", "version", "database", "source"})
    public record Target(String engine, String version, String database, String source) {
    }

    /**
     * @param overall     the highest risk of the migration as written
     * @param dataImpact  none | minimal | significant | destructive
     * @param downtime    "none expected", or what blocks and for how long
     * @param withPlan    the residual risk when the plan's steps are followed (addition)
     * @param reasons     one sentence per thing that drives the risk (addition)
     */
    @JsonPropertyOrder({"overall", "data_impact", "downtime", "with_plan", "reasons"})
    public record RiskAssessment(Risk overall, String dataImpact, String downtime, Risk withPlan,
                                 List<String> reasons) {
    }

    /**
     * One change of the migration (a row of the Changes table).
     *
     * @param action  e.g. "ADD COLUMN", "CREATE INDEX", "DROP TABLE"
     * @param object  schema-qualified, e.g. "public.orders.status"
     * @param hazards hazard ids found in its statement
     * @param source  "file:statement" it comes from (addition)
     * @param recipe  the recipe that plans it, "raw" when it passes through (addition)
     * @param steps   ids of the plan steps made from it (addition)
     */
    @JsonPropertyOrder({"action", "object", "details", "risk", "hazards", "source", "recipe", "steps"})
    public record ChangeItem(String action, String object, String details, Risk risk, List<String> hazards,
                             String source, String recipe, List<String> steps) {
    }

    /**
     * @param name       expand | backfill | contract
     * @param deployNote what to deploy (or confirm) in the application before the next phase starts, or null
     */
    @JsonPropertyOrder({"name", "deploy_note", "steps"})
    public record Phase(String name, String deployNote, List<Step> steps) {
    }

    /**
     * One step of the plan. {@code up}, {@code down} and {@code verify} are complete SQL scripts; a transactional
     * step runs in one transaction, a non-transactional one statement by statement in autocommit.
     *
     * @param id              "phase.step", e.g. "1.1"
     * @param down            SQL that undoes the step, or null when it cannot be undone (then {@code irreversible}
     *                        says how to recover)
     * @param verify          a query that returns rows only when the step did not do its job
     * @param lock            the strongest table lock the step takes, or null
     * @param lockTimeoutMs   the {@code lock_timeout} the step's up sets first
     * @param destructive     the step removes data or objects that applications may still use
     * @param reversible      {@code down} restores the state before the step (from a backup when destructive)
     * @param batched         the step works in keyed batches with COMMIT between them (resumable)
     * @param estimatedSeconds the expected duration from the catalog's sizes, or null when unknown
     * @param irreversible    "irreversible: restore from ..." when {@code down} is null, else null (addition)
     * @param object          the object the step acts on (addition)
     * @param recipe          the recipe that made the step (addition)
     * @param backup          the backup that makes this step recoverable, when it has one (addition)
     * @param downTransactional whether the down runs in one transaction (else statement by statement); differs from
     *                        {@code transactional} e.g. for ALTER TYPE ... ADD VALUE, whose down recreates the type
     *                        in one transaction (addition)
     */
    @JsonPropertyOrder({"id", "description", "up", "down", "verify", "transactional", "lock", "lock_timeout_ms",
            "destructive", "reversible", "batched", "estimated_seconds", "irreversible", "object", "recipe", "backup",
            "down_transactional"})
    public record Step(String id, String description, String up, String down, String verify, boolean transactional,
                       LockMode lock, long lockTimeoutMs, boolean destructive, boolean reversible, boolean batched,
                       Double estimatedSeconds,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String irreversible,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String object,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String recipe,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String backup,
                       boolean downTransactional) {
    }

    /**
     * @param steps            the downs to run, in order (reverse of the ups), each "id: SQL"
     * @param pointOfNoReturn  the first destructive step without a restorable backup and what to do after it, or a
     *                         sentence saying there is none
     * @param pointOfNoReturnStep the id of that step, or null (addition)
     */
    @JsonPropertyOrder({"steps", "point_of_no_return", "point_of_no_return_step"})
    public record Rollback(List<String> steps, String pointOfNoReturn,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String pointOfNoReturnStep) {
    }

    /**
     * @param required a step destroys data (or a raw step cannot be undone): take a backup first
     * @param how      what to back up and how
     * @param tables   backup tables the plan itself creates (addition)
     */
    @JsonPropertyOrder({"required", "how", "tables"})
    public record Backup(boolean required, String how, List<String> tables) {
    }

    @JsonPropertyOrder({"item", "done", "note"})
    public record ChecklistItem(String item, boolean done,
                                @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    /**
     * @param downtime        "none", or a description of the longest blocking lock
     * @param lockSecondsMax  the longest time a step is expected to hold a lock that blocks reads or writes
     * @param totalSeconds    the expected duration of all steps (without the deploys between phases)
     * @param estimated       the numbers come from catalog sizes (false: no catalog, sizes unknown) (addition)
     * @param rowsRewritten   rows the plan writes in batches, when known (addition)
     */
    @JsonPropertyOrder({"downtime", "lock_seconds_max", "total_seconds", "estimated", "rows_rewritten"})
    public record EstimatedImpact(String downtime, double lockSecondsMax, double totalSeconds, boolean estimated,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) Long rowsRewritten) {
    }

    /**
     * Example rows for a table the migration creates, satisfying its constraints.
     *
     * @param rows SQL literals (or expressions), one list per row, in {@code columns} order
     * @param sql  the INSERT statement
     */
    @JsonPropertyOrder({"table", "columns", "rows", "sql", "note"})
    public record SeedData(String table, List<String> columns, List<List<String>> rows, String sql,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String note) {
    }

    /** @param statements how many statements the file holds (findings are numbered per file) */
    @JsonPropertyOrder({"name", "statements"})
    public record Source(String name, int statements) {
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** Every step, in execution order. */
    @JsonIgnore
    public List<Step> allSteps() {
        List<Step> out = new ArrayList<>();
        for (Phase p : phases) {
            out.addAll(p.steps());
        }
        return out;
    }

    /** The step with this id, or null. */
    @JsonIgnore
    public Step step(String id) {
        for (Phase p : phases) {
            for (Step s : p.steps()) {
                if (s.id().equals(id)) {
                    return s;
                }
            }
        }
        return null;
    }

    public MigrationPlan withRehearsal(Rehearsal r, List<ChecklistItem> newChecklist) {
        return new MigrationPlan(title, summary, target, risk, changes, findings, dataChecks, phases, rollback, backup,
                r, newChecklist, deployment, estimatedImpact, seedData, sources, notes);
    }

    public MigrationPlan withDataChecks(List<DataCheck> checks, List<ChecklistItem> newChecklist) {
        return new MigrationPlan(title, summary, target, risk, changes, findings, checks, phases, rollback, backup,
                rehearsal, newChecklist, deployment, estimatedImpact, seedData, sources, notes);
    }

    /** Parses a plan written by {@link Json#write}. */
    public static MigrationPlan fromJson(String json) {
        try {
            return Json.mapper().readValue(json, MigrationPlan.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not a migration plan: " + e.getOriginalMessage(), e);
        }
    }
}
