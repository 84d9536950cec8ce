package io.schemapilot.agent.tools;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A command line as a list of words, never a shell string. A word is literal text with {@code {name}}
 * placeholders ({@code {{} and {@code }}} for literal braces). A word that is exactly one list placeholder gives
 * one argument per item ({@code {paths}}); a word with other text around a list placeholder is repeated per item
 * ({@code --schema={schemas}} gives {@code --schema=a --schema=b}); a word that is exactly a boolean placeholder
 * gives its {@code x-flag} when true. A nested list is an optional group, such as {@code ["--schema", "{schema}"]}.
 *
 * <p>Rendering never joins words into one string and never calls a shell: each value becomes exactly one
 * argument of the process (or one per list item). A word, or a whole group, is left out when one of its
 * placeholders has no value.
 */
public final class CommandTemplate {

    /** A part of a word: literal text or a placeholder (exactly one of the two is non-null). */
    public record Segment(String literal, String placeholder) {
    }

    /** One word of the command. */
    public record Word(List<Segment> segments) {
        public Word {
            segments = List.copyOf(segments);
        }

        /** The placeholder name when the word is exactly {@code {name}}, else null. */
        public String wholePlaceholder() {
            return segments.size() == 1 ? segments.get(0).placeholder() : null;
        }

        public List<String> placeholders() {
            List<String> out = new ArrayList<>();
            for (Segment s : segments) {
                if (s.placeholder() != null) {
                    out.add(s.placeholder());
                }
            }
            return out;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (Segment s : segments) {
                sb.append(s.literal() != null ? s.literal().replace("{", "{{").replace("}", "}}") : "{" + s.placeholder() + "}");
            }
            return sb.toString();
        }
    }

    /** A word, or an optional group of words ({@code words.size() > 1} or {@code group} true). */
    public record Item(List<Word> words, boolean group) {
        public Item {
            words = List.copyOf(words);
        }

        @Override
        public String toString() {
            if (!group) {
                return words.get(0).toString();
            }
            List<String> ws = new ArrayList<>();
            words.forEach(w -> ws.add(w.toString()));
            return "[" + String.join(" ", ws) + "]";
        }
    }

    private final List<Item> items;

    CommandTemplate(List<Item> items) {
        this.items = List.copyOf(items);
    }

    public List<Item> items() {
        return items;
    }

    /** Every placeholder, in order of first use. */
    public Set<String> placeholders() {
        Set<String> out = new LinkedHashSet<>();
        for (Item it : items) {
            for (Word w : it.words()) {
                out.addAll(w.placeholders());
            }
        }
        return out;
    }

    /** The program: the first word (always literal). */
    public String program() {
        return items.get(0).words().get(0).segments().get(0).literal();
    }

    /**
     * Parses one word.
     *
     * @throws IllegalArgumentException for an unclosed or empty placeholder, or a stray brace
     */
    static Word parseWord(String s) {
        List<Segment> segs = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                lit.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                lit.append('}');
                i += 2;
            } else if (c == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed placeholder in '" + s + "'");
                }
                String name = s.substring(i + 1, end).strip();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException("bad placeholder '{" + name + "}' in '" + s
                            + "' (use letters, digits and _; write {{ and }} for literal braces)");
                }
                if (lit.length() > 0) {
                    segs.add(new Segment(lit.toString(), null));
                    lit.setLength(0);
                }
                segs.add(new Segment(null, name));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("stray '}' in '" + s + "' (write }} for a literal brace)");
            } else {
                lit.append(c);
                i++;
            }
        }
        if (lit.length() > 0 || segs.isEmpty()) {
            segs.add(new Segment(lit.toString(), null));
        }
        return new Word(segs);
    }

    /**
     * Renders with checked values ({@link ArgumentSpec#coerce}); {@code flags} maps boolean argument names to
     * their option.
     */
    List<String> render(Map<String, Object> values, Map<String, String> flags) {
        List<String> argv = new ArrayList<>();
        for (Item it : items) {
            List<String> out = new ArrayList<>();
            boolean complete = true;
            for (Word w : it.words()) {
                List<String> r = renderWord(w, values, flags);
                if (r == null) {
                    complete = false;
                    break;
                }
                out.addAll(r);
            }
            if (complete) {
                argv.addAll(out);
            }
        }
        return argv;
    }

    /** A word alone (for environment values and the confirmation target); null when a placeholder has no value. */
    static String renderText(Word w, Map<String, Object> values) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : w.segments()) {
            if (s.literal() != null) {
                sb.append(s.literal());
            } else {
                Object v = values.get(s.placeholder());
                if (v == null || v instanceof List || v instanceof Boolean) {
                    return null;
                }
                sb.append(scalar(v));
            }
        }
        return sb.toString();
    }

    private static List<String> renderWord(Word w, Map<String, Object> values, Map<String, String> flags) {
        String whole = w.wholePlaceholder();
        if (whole != null) {
            Object v = values.get(whole);
            if (v == null) {
                return null;
            }
            if (v instanceof Boolean) {
                return (Boolean) v ? List.of(flags.get(whole)) : null;
            }
            if (v instanceof List) {
                List<?> list = (List<?>) v;
                if (list.isEmpty()) {
                    return null;
                }
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    out.add(scalar(o));
                }
                return out;
            }
            return List.of(scalar(v));
        }
        String listName = null;
        for (String p : w.placeholders()) {
            if (values.get(p) instanceof List) {
                listName = p;
            }
        }
        if (listName == null) {
            String s = renderText(w, values);
            return s == null ? null : List.of(s);
        }
        List<?> list = (List<?>) values.get(listName);
        if (list.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Map<String, Object> one = new java.util.HashMap<>(values);
        for (Object item : list) {
            one.put(listName, item);
            String s = renderText(w, one);
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    static String scalar(Object v) {
        if (v instanceof BigDecimal) {
            return ((BigDecimal) v).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        List<String> ws = new ArrayList<>();
        items.forEach(i -> ws.add(i.toString()));
        return String.join(" ", ws);
    }
}
