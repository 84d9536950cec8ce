package io.schemapilot.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * PostgreSQL table-level lock modes, weakest first, with the conflict table of the documentation
 * (https://www.postgresql.org/docs/current/explicit-locking.html#LOCKING-TABLES).
 */
public enum LockMode {
    ACCESS_SHARE("ACCESS SHARE", "AccessShareLock"),
    ROW_SHARE("ROW SHARE", "RowShareLock"),
    ROW_EXCLUSIVE("ROW EXCLUSIVE", "RowExclusiveLock"),
    SHARE_UPDATE_EXCLUSIVE("SHARE UPDATE EXCLUSIVE", "ShareUpdateExclusiveLock"),
    SHARE("SHARE", "ShareLock"),
    SHARE_ROW_EXCLUSIVE("SHARE ROW EXCLUSIVE", "ShareRowExclusiveLock"),
    EXCLUSIVE("EXCLUSIVE", "ExclusiveLock"),
    ACCESS_EXCLUSIVE("ACCESS EXCLUSIVE", "AccessExclusiveLock");

    private final String sqlName;
    private final String pgLocksName;

    LockMode(String sqlName, String pgLocksName) {
        this.sqlName = sqlName;
        this.pgLocksName = pgLocksName;
    }

    /** The name as written in the PostgreSQL documentation, e.g. {@code SHARE ROW EXCLUSIVE}. */
    @JsonValue
    public String sqlName() {
        return sqlName;
    }

    /** The name as {@code pg_locks.mode} shows it, e.g. {@code ShareRowExclusiveLock}. */
    public String pgLocksName() {
        return pgLocksName;
    }

    @JsonCreator
    public static LockMode parse(String text) {
        String t = text.trim().replace('_', ' ');
        for (LockMode m : values()) {
            if (m.sqlName.equalsIgnoreCase(t) || m.pgLocksName.equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown lock mode '" + text + "'");
    }

    /** Lock modes this one conflicts with. */
    public Set<LockMode> conflictsWith() {
        return switch (this) {
            case ACCESS_SHARE -> EnumSet.of(ACCESS_EXCLUSIVE);
            case ROW_SHARE -> EnumSet.of(EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ROW_EXCLUSIVE -> EnumSet.of(SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE_UPDATE_EXCLUSIVE -> EnumSet.of(SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case SHARE_ROW_EXCLUSIVE -> EnumSet.of(ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case EXCLUSIVE -> EnumSet.of(ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE, ACCESS_EXCLUSIVE);
            case ACCESS_EXCLUSIVE -> EnumSet.allOf(LockMode.class);
        };
    }

    public boolean conflicts(LockMode other) {
        return conflictsWith().contains(other);
    }

    /** Plain reads ({@code SELECT}) wait behind this lock. */
    public boolean blocksReads() {
        return conflicts(ACCESS_SHARE);
    }

    /** Writes ({@code INSERT/UPDATE/DELETE}) wait behind this lock. */
    public boolean blocksWrites() {
        return conflicts(ROW_EXCLUSIVE);
    }

    /** SHARE or stronger: blocks writes to a live table (the threshold of {@code missing-lock-timeout}). */
    public boolean isBlocking() {
        return blocksWrites();
    }

    /** Human summary, e.g. "blocks reads and writes". */
    public String blocksSummary() {
        if (blocksReads()) {
            return "blocks reads and writes";
        }
        if (blocksWrites()) {
            return "blocks writes";
        }
        if (conflicts(SHARE_UPDATE_EXCLUSIVE)) {
            return "blocks other schema changes and VACUUM, not reads or writes";
        }
        return "blocks only schema changes that need an exclusive lock";
    }

    @Override
    public String toString() {
        return sqlName;
    }

    public String lowerName() {
        return sqlName.toLowerCase(Locale.ROOT);
    }
}
