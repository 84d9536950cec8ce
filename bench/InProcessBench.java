import io.schemapilot.analysis.AnalysisSettings;
import io.schemapilot.analysis.Analyzer;
import io.schemapilot.report.FileReport;
import io.schemapilot.sql.ParsedStatement;
import io.schemapilot.sql.SqlStatement;
import io.schemapilot.sql.StatementSplitter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * In-process throughput of the analysis engine, without JVM start-up: the first (cold) run and warm runs of the
 * whole {@code Analyzer.analyze}, and of its two first stages alone (splitting; parsing into the change model).
 *
 * <pre>java -cp target/schemapilot.jar bench/InProcessBench.java FILE [WARM_ITERATIONS]</pre>
 */
public final class InProcessBench {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: java -cp target/schemapilot.jar bench/InProcessBench.java FILE [ITERATIONS]");
            System.exit(2);
        }
        Path path = Path.of(args[0]);
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String text = Files.readString(path, StandardCharsets.UTF_8);
        long lines = text.lines().count();
        System.out.printf("file %s: %,d lines, %,d chars, %d cores (common pool parallelism %d)%n", path, lines,
                text.length(), Runtime.getRuntime().availableProcessors(),
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism());

        // cold: the very first analysis in this JVM (class loading, rules, interpreter / C1 code)
        long t0 = System.nanoTime();
        FileReport cold = new Analyzer().analyze(path.toString(), text, AnalysisSettings.defaults(), null);
        double coldMs = ms(System.nanoTime() - t0);
        int n = cold.statements();
        System.out.printf("statements: %,d, findings: %,d, parse errors: %,d%n", n, cold.findings().size(),
                cold.parseErrors().size());
        System.out.printf("%-28s %10.1f ms %14s stmt/s%n", "analyze (cold, 1st run)", coldMs, rate(n, coldMs));

        double[] warm = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            FileReport r = new Analyzer().analyze(path.toString(), text, AnalysisSettings.defaults(), null);
            warm[i] = ms(System.nanoTime() - s);
            if (r.statements() != n) {
                throw new IllegalStateException("statement count changed");
            }
        }
        report("analyze (warm)", n, warm);

        double[] split = new double[iterations];
        List<SqlStatement> statements = null;
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            statements = StatementSplitter.split(text).statements();
            split[i] = ms(System.nanoTime() - s);
        }
        report("split only (warm)", n, split);

        double[] parse = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            List<ParsedStatement> parsed = Analyzer.parse(statements);
            parse[i] = ms(System.nanoTime() - s);
            if (parsed.size() != n) {
                throw new IllegalStateException("parsed count differs");
            }
        }
        report("parse only (warm)", n, parse);

        double[] sequential = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long s = System.nanoTime();
            statements.stream().map(io.schemapilot.sql.StatementParser::parse).toList();
            sequential[i] = ms(System.nanoTime() - s);
        }
        report("parse only, 1 thread (warm)", n, sequential);
    }

    private static void report(String label, int n, double[] times) {
        double[] sorted = times.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[sorted.length / 2];
        double mean = java.util.Arrays.stream(times).average().orElse(0);
        System.out.printf("%-28s %10.1f ms %14s stmt/s   (median of %d; mean %.1f, min %.1f, max %.1f ms)%n", label,
                median, rate(n, median), times.length, mean, sorted[0], sorted[sorted.length - 1]);
    }

    private static String rate(int n, double ms) {
        return String.format("%,d", Math.round(n / (ms / 1000.0)));
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
