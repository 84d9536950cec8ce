import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints hyperfine's JSON exports as one Markdown table: mean ± σ, min, max, and the ratio to the first command of
 * the same export (the squawk baseline; ratio = this command / baseline, so below 1 is faster than squawk).
 *
 * <pre>java -cp target/schemapilot.jar bench/Summarize.java TITLE=EXPORT.json [TITLE=EXPORT.json ...]</pre>
 */
public final class Summarize {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        out.append("| case | command | mean ± σ (s) | min (s) | max (s) | runs | ratio to first |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String title = arg.substring(0, eq);
            JsonNode results = json.readTree(Files.readString(Path.of(arg.substring(eq + 1)))).get("results");
            double baseline = results.get(0).get("mean").asDouble();
            for (JsonNode r : results) {
                double mean = r.get("mean").asDouble();
                out.append(String.format(Locale.ROOT, "| %s | `%s` | %.3f ± %.3f | %.3f | %.3f | %d | %s |%n", title,
                        r.get("command").asText(), mean, r.get("stddev").asDouble(), r.get("min").asDouble(),
                        r.get("max").asDouble(), r.get("times").size(),
                        r == results.get(0) ? "1 (baseline)" : String.format(Locale.ROOT, "%.2f", mean / baseline)));
            }
        }
        System.out.print(out);
    }
}
