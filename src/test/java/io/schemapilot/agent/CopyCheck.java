package io.schemapilot.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Guards "in our own words": finds runs of {@link #WORDS} consecutive words that a text shares with the seed
 * documents. Code-like tokens count as words too, so a copied SQL line is caught as well.
 */
public final class CopyCheck {

    /** Eight words in a row is far longer than any phrase two authors share by chance. */
    public static final int WORDS = 8;

    private final Set<String> seedGrams = new HashSet<>();

    public CopyCheck(Path seedDir) throws IOException {
        try (Stream<Path> files = Files.list(seedDir)) {
            for (Path f : files.sorted().toList()) {
                if (Files.isRegularFile(f)) {
                    seedGrams.addAll(grams(Files.readString(f)));
                }
            }
        }
    }

    /** The shared runs of words, each as one string; empty when nothing was copied. */
    public List<String> copiedRuns(String text) {
        List<String> out = new ArrayList<>();
        for (String g : grams(text)) {
            if (seedGrams.contains(g) && !out.contains(g)) {
                out.add(g);
            }
        }
        return out;
    }

    static List<String> grams(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        List<String> w = new ArrayList<>();
        for (String s : words) {
            if (!s.isEmpty()) {
                w.add(s);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i + WORDS <= w.size(); i++) {
            out.add(String.join(" ", w.subList(i, i + WORDS)));
        }
        return out;
    }
}
