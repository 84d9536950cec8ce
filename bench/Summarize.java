import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Prints hyperfine's JSON exports as one Markdown table: median, min, mean ± σ, max, and the ratios of the median
 * and of the min to those of the first command of the same export (the squawk baseline; ratio = this command /
 * baseline, so below 1 is faster than squawk). On a shared machine the min and the median say more than the mean,
 * which a few runs slowed by other work pull up.
 *
 * <pre>java -cp target/schemapilot.jar bench/Summarize.java TITLE=EXPORT.json [TITLE=EXPORT.json ...]</pre>
 */
public final class Summarize {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        StringBuilder out = new StringBuilder();
        out.append("| case | command | median (s) | min (s) | mean ± σ (s) | max (s) | runs | median / first |"
                + " min / first |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String title = arg.substring(0, eq);
            JsonNode results = json.readTree(Files.readString(Path.of(arg.substring(eq + 1)))).get("results");
            double baseMedian = results.get(0).get("median").asDouble();
            double baseMin = results.get(0).get("min").asDouble();
            for (JsonNode r : results) {
                boolean first = r == results.get(0);
                double median = r.get("median").asDouble();
                double min = r.get("min").asDouble();
                out.append(String.format(Locale.ROOT, "| %s | `%s` | %.3f | %.3f | %.3f ± %.3f | %.3f | %d | %s | %s |%n",
                        title, r.get("command").asText(), median, min, r.get("mean").asDouble(),
                        r.get("stddev").asDouble(), r.get("max").asDouble(), r.get("times").size(),
                        first ? "1 (baseline)" : String.format(Locale.ROOT, "%.2f", median / baseMedian),
                        first ? "1" : String.format(Locale.ROOT, "%.2f", min / baseMin)));
            }
        }
        System.out.print(out);
    }
}
