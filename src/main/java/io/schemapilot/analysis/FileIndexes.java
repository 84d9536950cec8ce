package io.schemapilot.analysis;

import io.schemapilot.sql.ParsedStatement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The values of {@link AnalysisContext#fileIndex} for one file, each built once. The analyzer walks a large file
 * with two contexts at the same time (half of the rules each); they share one of these, so an index both halves use
 * (the destructive rules' facts, for one) is built by whichever needs it first while the other waits for it, not
 * twice. A value is derived from the statements alone and never changed once built, so both may read it.
 */
final class FileIndexes {
    private final ConcurrentHashMap<String, CompletableFuture<Object>> values = new ConcurrentHashMap<>();

    /** The value under {@code name}, built from {@code statements} by this call if no other built it first. */
    @SuppressWarnings("unchecked")
    <T> T get(String name, List<ParsedStatement> statements, Function<List<ParsedStatement>, T> build) {
        CompletableFuture<Object> f = values.get(name);
        if (f == null) {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            f = values.putIfAbsent(name, mine);
            if (f == null) {
                T v;
                try {
                    v = build.apply(statements);
                } catch (RuntimeException | Error e) {
                    mine.completeExceptionally(e);
                    throw e;
                }
                mine.complete(v);
                return v;
            }
        }
        try {
            return (T) f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
