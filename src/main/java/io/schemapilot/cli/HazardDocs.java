package io.schemapilot.cli;

import io.schemapilot.analysis.Hazard;
import io.schemapilot.analysis.Rules;
import io.schemapilot.report.render.RuleInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What SARIF says about each hazard: its default risk (from {@link Hazard}) and, when the hazard's doc
 * ({@code io/schemapilot/analysis/rules/<id>.md}) is on the class path, the first sentence of its problem section
 * and the doc itself (without its front matter).
 */
final class HazardDocs {
    /** A full stop that ends a sentence: not part of "...", followed by a capital letter. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<![.])\\.(?=\\s+[A-Z])");

    private HazardDocs() {
    }

    static RuleInfo info(String hazardId) {
        Hazard h = Hazard.byId(hazardId);
        if (h == null) {
            return null;
        }
        String doc = readDoc(h.id());
        String shortDescription = doc == null ? null : firstSentence(doc);
        return new RuleInfo(h.id(), shortDescription, null, doc, h.defaultRisk());
    }

    private static String readDoc(String id) {
        String resource = "/" + Rules.PACKAGE.replace('.', '/') + "/" + id + ".md";
        try (InputStream in = HazardDocs.class.getResourceAsStream(resource)) {
            return in == null ? null : stripFrontMatter(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }

    static String stripFrontMatter(String markdown) {
        if (!markdown.startsWith("---")) {
            return markdown;
        }
        Matcher m = Pattern.compile("\\A---\\R.*?\\R---\\R", Pattern.DOTALL).matcher(markdown);
        return m.find() ? markdown.substring(m.end()) : markdown;
    }

    /** The first sentence of the first paragraph that is not a heading, table or code block. */
    static String firstSentence(String markdown) {
        StringBuilder para = new StringBuilder();
        boolean inCode = false;
        for (String raw : stripFrontMatter(markdown).split("\\R")) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                inCode = !inCode;
                if (!para.isEmpty()) {
                    break;
                }
                continue;
            }
            if (inCode) {
                continue;
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("|")) {
                if (!para.isEmpty()) {
                    break;
                }
                continue;
            }
            if (!para.isEmpty()) {
                para.append(' ');
            }
            para.append(line.replaceFirst("^(\\*\\*[^*]+\\*\\*:?|[-*]\\s+)", "").strip());
        }
        if (para.isEmpty()) {
            return null;
        }
        String text = para.toString().replace("`", "").replace("**", "");
        Matcher end = SENTENCE_END.matcher(text);
        String sentence = end.find() ? text.substring(0, end.start() + 1) : text;
        return sentence.length() > 240 ? sentence.substring(0, 237) + "..." : sentence;
    }
}
