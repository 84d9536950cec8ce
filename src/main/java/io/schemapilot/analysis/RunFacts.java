package io.schemapilot.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the files analysed so far in one {@code check} run have proved about the schema, handed to the next file in
 * run order: columns made NOT NULL, validated CHECKs proving {@code col IS NOT NULL} (PostgreSQL 12+ then sets NOT
 * NULL without a scan), and such CHECKs added NOT VALID and not validated yet. They are facts about the schema and
 * stay true in a later file (a DROP CONSTRAINT or DROP NOT NULL in between takes them away).
 *
 * <p>Nothing else is carried. A later file is a new session (no transaction, locks or timeouts), and objects created
 * by an earlier file are not new there: "created earlier in this migration" means new and empty, which a table
 * created by a file deployed before stops being. Files are still split and parsed on their own (in parallel, ahead
 * of time); only the sequential walks see these facts. Not thread-safe: one run, files in order.
 */
public final class RunFacts {
    private final Map<String, List<String>> notValidNotNullChecks = new HashMap<>();
    private final Map<String, Set<String>> notNullProofs = new HashMap<>();
    private final Map<String, List<String>> validNotNullChecks = new HashMap<>();
    private final Set<String> notNullColumns = new HashSet<>();

    /** Nothing proved yet (the first file). */
    public RunFacts() {
    }

    /** Copies the facts into a new file's state (each file's walks get their own copies). */
    void seed(Map<String, List<String>> notValid, Map<String, Set<String>> proofs, Map<String, List<String>> valid,
              Set<String> notNull) {
        notValid.putAll(notValidNotNullChecks);
        notNullProofs.forEach((k, v) -> proofs.put(k, new HashSet<>(v)));
        valid.putAll(validNotNullChecks);
        notNull.addAll(notNullColumns);
    }

    /** Takes the facts a file's walk ended with (they include the ones it was seeded with). */
    void keep(Map<String, List<String>> notValid, Map<String, Set<String>> proofs, Map<String, List<String>> valid,
              Set<String> notNull) {
        notValidNotNullChecks.clear();
        notValidNotNullChecks.putAll(notValid);
        notNullProofs.clear();
        proofs.forEach((k, v) -> {
            if (!v.isEmpty()) {
                notNullProofs.put(k, new HashSet<>(v));
            }
        });
        validNotNullChecks.clear();
        validNotNullChecks.putAll(valid);
        notNullColumns.clear();
        notNullColumns.addAll(notNull);
    }

    /** No fact carried (nothing proved so far). */
    public boolean isEmpty() {
        return notValidNotNullChecks.isEmpty() && notNullProofs.isEmpty() && notNullColumns.isEmpty();
    }
}
