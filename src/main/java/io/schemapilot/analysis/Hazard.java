package io.schemapilot.analysis;

import io.schemapilot.report.Risk;
import java.util.Locale;

/**
 * The 60 hazard ids of HAZARDS.md / {@code hazard-ids.json}, with their default risk and class. Each has one rule
 * class in {@code io.schemapilot.analysis.rules}, named after the id ({@code add-column-json} is
 * {@code AddColumnJsonRule}), and a doc with two examples beside it in the resources.
 */
public enum Hazard {
    ADD_COLUMN_VOLATILE_DEFAULT("add-column-volatile-default", Risk.HIGH, HazardClass.CORE),
    ADD_COLUMN_DEFAULT_PRE_PG11("add-column-default-pre-pg11", Risk.HIGH, HazardClass.CORE),
    ADD_COLUMN_NOT_NULL_NO_DEFAULT("add-column-not-null-no-default", Risk.HIGH, HazardClass.CORE),
    ADD_COLUMN_AUTO_INCREMENT("add-column-auto-increment", Risk.HIGH, HazardClass.CORE),
    ADD_COLUMN_GENERATED_STORED("add-column-generated-stored", Risk.HIGH, HazardClass.CORE),
    ADD_COLUMN_JSON("add-column-json", Risk.MEDIUM, HazardClass.CORE),
    ADD_CHECK_CONSTRAINT_VALIDATING("add-check-constraint-validating", Risk.HIGH, HazardClass.CORE),
    ADD_FOREIGN_KEY_VALIDATING("add-foreign-key-validating", Risk.HIGH, HazardClass.CORE),
    VALIDATE_CONSTRAINT_SAME_TRANSACTION("validate-constraint-same-transaction", Risk.HIGH, HazardClass.CORE),
    SET_NOT_NULL_FULL_SCAN("set-not-null-full-scan", Risk.HIGH, HazardClass.CORE),
    ADD_UNIQUE_CONSTRAINT_INLINE_INDEX("add-unique-constraint-inline-index", Risk.HIGH, HazardClass.CORE),
    ADD_PRIMARY_KEY_INLINE_INDEX("add-primary-key-inline-index", Risk.HIGH, HazardClass.CORE),
    ADD_PRIMARY_KEY_USING_INDEX_NULLABLE("add-primary-key-using-index-nullable", Risk.HIGH, HazardClass.CORE),
    ADD_EXCLUSION_CONSTRAINT("add-exclusion-constraint", Risk.HIGH, HazardClass.CORE),
    CREATE_UNIQUE_INDEX_DUPLICATES("create-unique-index-duplicates", Risk.MEDIUM, HazardClass.CORE),
    DROP_NOT_NULL("drop-not-null", Risk.MEDIUM, HazardClass.CORE),
    DROP_CONSTRAINT("drop-constraint", Risk.MEDIUM, HazardClass.CORE),
    DOMAIN_CONSTRAINT("domain-constraint", Risk.HIGH, HazardClass.CORE),
    CREATE_INDEX_NON_CONCURRENT("create-index-non-concurrent", Risk.HIGH, HazardClass.CORE),
    DROP_INDEX_NON_CONCURRENT("drop-index-non-concurrent", Risk.MEDIUM, HazardClass.CORE),
    CONCURRENTLY_IN_TRANSACTION("concurrently-in-transaction", Risk.MEDIUM, HazardClass.CORE),
    CONCURRENT_INDEX_INVALID_LEFTOVER("concurrent-index-invalid-leftover", Risk.LOW, HazardClass.CORE),
    CONCURRENTLY_ON_PARTITIONED_TABLE("concurrently-on-partitioned-table", Risk.MEDIUM, HazardClass.CORE),
    PG14_CONCURRENT_INDEX_CORRUPTION("pg14-concurrent-index-corruption", Risk.MEDIUM, HazardClass.CORE),
    REINDEX_NON_CONCURRENT("reindex-non-concurrent", Risk.HIGH, HazardClass.CORE),
    VACUUM_FULL_OR_CLUSTER("vacuum-full-or-cluster", Risk.HIGH, HazardClass.CORE),
    REFRESH_MATVIEW_NON_CONCURRENT("refresh-matview-non-concurrent", Risk.HIGH, HazardClass.CORE),
    ALTER_COLUMN_TYPE_REWRITE("alter-column-type-rewrite", Risk.HIGH, HazardClass.CORE),
    ALTER_COLUMN_TYPE_LOSSY("alter-column-type-lossy", Risk.HIGH, HazardClass.CORE),
    DROP_COLUMN("drop-column", Risk.CRITICAL, HazardClass.CORE),
    DROP_TABLE("drop-table", Risk.CRITICAL, HazardClass.CORE),
    CASCADE_TO_DEPENDENTS("cascade-to-dependents", Risk.CRITICAL, HazardClass.CORE),
    DROP_SCHEMA("drop-schema", Risk.CRITICAL, HazardClass.CORE),
    DROP_DATABASE("drop-database", Risk.CRITICAL, HazardClass.CORE),
    TRUNCATE_TABLE("truncate-table", Risk.CRITICAL, HazardClass.CORE),
    DELETE_WITHOUT_WHERE("delete-without-where", Risk.CRITICAL, HazardClass.CORE),
    UPDATE_WITHOUT_WHERE("update-without-where", Risk.HIGH, HazardClass.CORE),
    BACKFILL_IN_DDL_TRANSACTION("backfill-in-ddl-transaction", Risk.HIGH, HazardClass.CORE),
    RENAME_COLUMN("rename-column", Risk.HIGH, HazardClass.CORE),
    RENAME_TABLE("rename-table", Risk.HIGH, HazardClass.CORE),
    RENAME_SCHEMA("rename-schema", Risk.HIGH, HazardClass.CORE),
    RENAME_ENUM_VALUE("rename-enum-value", Risk.HIGH, HazardClass.CORE),
    ENUM_ADD_VALUE_IN_TRANSACTION("enum-add-value-in-transaction", Risk.MEDIUM, HazardClass.CORE),
    ENUM_ADD_VALUE_UNORDERED("enum-add-value-unordered", Risk.LOW, HazardClass.CORE),
    DETACH_PARTITION_NON_CONCURRENT("detach-partition-non-concurrent", Risk.MEDIUM, HazardClass.CORE),
    ATTACH_PARTITION_SCAN("attach-partition-scan", Risk.MEDIUM, HazardClass.CORE),
    STORAGE_REWRITE("storage-rewrite", Risk.HIGH, HazardClass.CORE),
    CREATE_TRIGGER_LOCK("create-trigger-lock", Risk.MEDIUM, HazardClass.CORE),
    EXPLICIT_LOCK_TABLE("explicit-lock-table", Risk.HIGH, HazardClass.CORE),
    LOCK_HELD_ACROSS_STATEMENTS("lock-held-across-statements", Risk.MEDIUM, HazardClass.CORE),
    UNCOMMITTED_TRANSACTION("uncommitted-transaction", Risk.MEDIUM, HazardClass.CORE),
    TRANSACTION_NESTING("transaction-nesting", Risk.LOW, HazardClass.CORE),
    MISSING_LOCK_TIMEOUT("missing-lock-timeout", Risk.MEDIUM, HazardClass.ADVISORY),
    MISSING_STATEMENT_TIMEOUT("missing-statement-timeout", Risk.LOW, HazardClass.HYGIENE),
    NON_IDEMPOTENT_STATEMENT("non-idempotent-statement", Risk.LOW, HazardClass.HYGIENE),
    TYPE_BOUNDED_CHAR("type-bounded-char", Risk.LOW, HazardClass.HYGIENE),
    TYPE_TIMESTAMP_WITHOUT_TZ("type-timestamp-without-tz", Risk.LOW, HazardClass.HYGIENE),
    TYPE_INT_KEY_OVERFLOW("type-int-key-overflow", Risk.LOW, HazardClass.HYGIENE),
    TYPE_SERIAL_NOT_IDENTITY("type-serial-not-identity", Risk.LOW, HazardClass.HYGIENE),
    IDENTIFIER_TOO_LONG("identifier-too-long", Risk.LOW, HazardClass.HYGIENE);

    /** core: must be reported; advisory: reported, judged separately; hygiene: style, off unless asked for. */
    public enum HazardClass { CORE, ADVISORY, HYGIENE }

    private final String id;
    private final Risk defaultRisk;
    private final HazardClass hazardClass;

    Hazard(String id, Risk defaultRisk, HazardClass hazardClass) {
        this.id = id;
        this.defaultRisk = defaultRisk;
        this.hazardClass = hazardClass;
    }

    public String id() {
        return id;
    }

    public Risk defaultRisk() {
        return defaultRisk;
    }

    public HazardClass hazardClass() {
        return hazardClass;
    }

    /** The rule class's simple name: {@code add-column-json} becomes {@code AddColumnJsonRule}. */
    public String ruleClassName() {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.append("Rule").toString();
    }

    private static final java.util.Map<String, Hazard> BY_ID = new java.util.HashMap<>();

    static {
        for (Hazard h : values()) {
            BY_ID.put(h.id, h);
        }
    }

    /** The hazard with this id (case and surrounding blanks ignored), or null. */
    public static Hazard byId(String id) {
        Hazard h = BY_ID.get(id);
        return h != null ? h : BY_ID.get(id.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return id;
    }
}
