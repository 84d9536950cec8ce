package io.schemapilot.analysis;

/** A PostgreSQL major.minor version, as given by {@code --pg-version} or read from the server. */
public record PgVersion(int major, int minor) implements Comparable<PgVersion> {

    public static final PgVersion DEFAULT = new PgVersion(16, 0);

    /** "16", "14.3", "9.6", or a {@code server_version_num} such as 140003. */
    public static PgVersion parse(String text) {
        String t = text.trim();
        try {
            if (t.matches("\\d{5,6}")) {
                int num = Integer.parseInt(t);
                return num >= 100000 ? new PgVersion(num / 10000, num % 10000) : new PgVersion(num / 10000, num / 100 % 100);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(\\d+)(?:\\.(\\d+))?(?:\\.\\d+)?").matcher(t);
            if (!m.find()) {
                throw new IllegalArgumentException();
            }
            int major = Integer.parseInt(m.group(1));
            int minor = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
            if (major == 9 || major < 9) {
                // 9.6 is "major 9.6"; keep it comparable by treating it as major 9, minor 6
                return new PgVersion(major, minor);
            }
            if (major > 30) {
                throw new IllegalArgumentException();
            }
            return new PgVersion(major, minor);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid PostgreSQL version '" + text + "' (use e.g. 16, 14.3 or 9.6)");
        }
    }

    public boolean atLeast(int wantMajor) {
        return major >= wantMajor;
    }

    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    @Override
    public int compareTo(PgVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return minor == 0 && major >= 10 ? Integer.toString(major) : major + "." + minor;
    }
}
