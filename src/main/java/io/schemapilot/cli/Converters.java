package io.schemapilot.cli;

import io.schemapilot.analysis.PgVersion;
import io.schemapilot.report.Risk;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** picocli converters whose errors read as one clear line. */
final class Converters {

    private Converters() {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h)?");

    /** "500ms", "30s" (a bare number is seconds), "2m", "1h"; more than zero and at most 24 days (exit 2 if not). */
    static java.time.Duration duration(String option, String text) {
        java.util.regex.Matcher m = DURATION.matcher(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new CliException(ExitCode.USAGE, option + ": '" + text + "' is not a duration; use e.g. 500ms, 30s or 2m");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        java.time.Duration d;
        try {
            long n = Long.parseLong(m.group(1));
            d = switch (unit) {
                case "ms" -> java.time.Duration.ofMillis(n);
                case "m", "min" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofSeconds(n);
            };
            if (d.toMillis() > Integer.MAX_VALUE) {
                // PostgreSQL's timeouts are int milliseconds (at most 24 days)
                throw new ArithmeticException("longer than a PostgreSQL timeout can be");
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CliException(ExitCode.USAGE, option + ": '" + text + "' is too long (PostgreSQL timeouts end at 24 days); use e.g. 30s, 10m or 1h");
        }
        if (d.isZero()) {
            throw new CliException(ExitCode.USAGE, option + ": '" + text + "' is no time at all; use e.g. 500ms, 30s or 2m");
        }
        return d;
    }

    static final class RiskConverter implements ITypeConverter<Risk> {
        @Override
        public Risk convert(String value) {
            try {
                return Risk.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class PgVersionConverter implements ITypeConverter<PgVersion> {
        @Override
        public PgVersion convert(String value) {
            try {
                return PgVersion.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** "10MB", "512k", "1GiB", "1048576" (bytes); units are powers of 1024. */
    static final class SizeConverter implements ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmg]?)(?:i?b)?");

        @Override
        public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size (use e.g. 20MB, 512KB or a number of bytes)");
            }
            long n;
            try {
                n = Long.parseLong(m.group(1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
            int shift = switch (m.group(2)) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            if (n == 0 || n > (Long.MAX_VALUE >> shift)) {
                throw new TypeConversionException("'" + value + "' is not a usable size (use e.g. 20MB)");
            }
            return n << shift;
        }
    }
}
