package io.schemapilot.agent.markdown;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Short, one-line descriptions of YAML parse errors: the problem and its line, without the parser's excerpt. */
public final class YamlErrors {

    private YamlErrors() {
    }

    /**
     * @param firstLine the file line of the first YAML line (1 when the YAML is the whole file)
     * @return e.g. {@code "mapping values are not allowed here at line 3"}
     */
    public static String describe(Throwable e, int firstLine) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException) {
                MarkedYAMLException m = (MarkedYAMLException) t;
                String problem = m.getProblem() != null ? m.getProblem() : m.getContext();
                Mark mark = m.getProblemMark() != null ? m.getProblemMark() : m.getContextMark();
                if (problem != null) {
                    return firstLineOf(problem) + (mark == null ? "" : " at line " + (firstLine + mark.getLine()));
                }
            }
        }
        String msg = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage() : e.getMessage();
        msg = msg == null ? e.getClass().getSimpleName() : firstLineOf(msg);
        if (e instanceof JsonProcessingException) {
            JsonLocation loc = ((JsonProcessingException) e).getLocation();
            if (loc != null && loc.getLineNr() > 0) {
                msg += " at line " + (firstLine + loc.getLineNr() - 1);
            }
        }
        return msg;
    }

    private static String firstLineOf(String s) {
        int nl = s.indexOf('\n');
        return (nl >= 0 ? s.substring(0, nl) : s).strip();
    }
}
