package io.schemapilot.plan;

import io.schemapilot.report.LockMode;

/**
 * A step as a recipe returns it, before the planner numbers it. {@code up} and {@code down} already start with
 * {@code SET lock_timeout}.
 *
 * @param down           SQL that undoes the step, or null (then {@code irreversible} says how to recover)
 * @param verify         a query that returns rows only when the step did not do its job
 * @param backup         the backup that keeps this step recoverable (e.g. a snapshot table), or null
 * @param backupTable    a backup table this step creates (listed in the plan's backup section), or null
 * @param deployBefore   what the application must do before this step's phase starts, or null
 */
public record PlanStep(Phase phase, String description, String up, String down, String irreversible, String verify,
                       boolean transactional, LockMode lock, long lockTimeoutMs, boolean destructive, boolean batched,
                       Double estimatedSeconds, String object, String recipe, String backup, String backupTable,
                       String deployBefore, boolean downTransactional) {

    public boolean reversible() {
        return down != null;
    }

    public PlanStep inPhase(Phase p) {
        return new PlanStep(p, description, up, down, irreversible, verify, transactional, lock, lockTimeoutMs,
                destructive, batched, estimatedSeconds, object, recipe, backup, backupTable, deployBefore,
                downTransactional);
    }

    public PlanStep withRecipe(String r) {
        return new PlanStep(phase, description, up, down, irreversible, verify, transactional, lock, lockTimeoutMs,
                destructive, batched, estimatedSeconds, object, r, backup, backupTable, deployBefore,
                downTransactional);
    }

    /** Builds a step; {@link #build()} puts {@code SET lock_timeout} in front of the up and the down. */
    public static final class Builder {
        private final Phase phase;
        private final String description;
        private final long lockTimeoutMs;
        private String up;
        private String down;
        private boolean downSet;
        private String irreversible;
        private String verify;
        private boolean transactional = true;
        private LockMode lock;
        private boolean destructive;
        private boolean batched;
        private Double seconds;
        private String object;
        private String recipe;
        private String backup;
        private String backupTable;
        private String deployBefore;
        private Boolean downTransactional;

        Builder(Phase phase, String description, long lockTimeoutMs, String object, String recipe) {
            this.phase = phase;
            this.description = description;
            this.lockTimeoutMs = lockTimeoutMs;
            this.object = object;
            this.recipe = recipe;
        }

        public Builder up(String sql) {
            this.up = sql;
            return this;
        }

        /** The down; null means none (say why with {@link #irreversible}). */
        public Builder down(String sql) {
            this.down = sql;
            this.downSet = true;
            return this;
        }

        /** The step has nothing to undo by itself (its effect is undone by an earlier step's down). */
        public Builder noDown(String why) {
            this.down = "-- nothing to undo: " + why;
            this.downSet = true;
            return this;
        }

        public Builder irreversible(String how) {
            this.irreversible = how;
            this.down = null;
            this.downSet = true;
            return this;
        }

        public Builder verify(String sql) {
            this.verify = sql;
            return this;
        }

        public Builder nonTransactional() {
            this.transactional = false;
            return this;
        }

        /** The down runs in one transaction although the up cannot (or the other way round). */
        public Builder downTransactional(boolean v) {
            this.downTransactional = v;
            return this;
        }

        public Builder lock(LockMode l) {
            this.lock = l;
            return this;
        }

        public Builder destructive() {
            this.destructive = true;
            return this;
        }

        public Builder batched() {
            this.batched = true;
            this.transactional = false;
            return this;
        }

        public Builder seconds(Double s) {
            this.seconds = s;
            return this;
        }

        public Builder object(String o) {
            this.object = o;
            return this;
        }

        public Builder backup(String b) {
            this.backup = b;
            return this;
        }

        public Builder backupTable(String t) {
            this.backupTable = t;
            return this;
        }

        public Builder deployBefore(String note) {
            this.deployBefore = note;
            return this;
        }

        public PlanStep build() {
            if (up == null || verify == null || !downSet) {
                throw new IllegalStateException("step '" + description + "' needs up, down (or irreversible) and verify");
            }
            String prefix = "SET lock_timeout = '" + Sql.duration(lockTimeoutMs) + "';\n";
            String u = prefix + up.strip();
            String d = down == null ? null : down.strip().startsWith("-- nothing to undo") ? down.strip()
                    : prefix + down.strip();
            return new PlanStep(phase, description, u, d, down == null ? irreversible : null, verify.strip(),
                    transactional, lock, lockTimeoutMs, destructive, batched, seconds, object, recipe, backup,
                    backupTable, deployBefore, downTransactional != null ? downTransactional : transactional);
        }
    }
}
