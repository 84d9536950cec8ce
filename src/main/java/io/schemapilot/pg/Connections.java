package io.schemapilot.pg;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens sessions on a user's database. A target comes from a URL ({@code postgres://}, {@code postgresql://},
 * {@code jdbc:postgresql://}, or a libpq {@code key=value} string), else {@code DATABASE_URL}, else the libpq
 * {@code PG*} variables; parts a URL leaves out are taken from the {@code PG*} variables, and a missing password from
 * {@code PGPASSWORD} or {@code ~/.pgpass} ({@code PGPASSFILE}), as libpq does. Every failure becomes a
 * {@link DatabaseException} with one line that says what failed, where, and what to do, without the password.
 */
public final class Connections {

    private static final Logger LOG = LoggerFactory.getLogger(Connections.class);
    private static final int DEFAULT_PORT = 5432;

    /** libpq parameter names that the JDBC driver spells differently. */
    private static final Map<String, String> LIBPQ_TO_JDBC = Map.of(
            "connect_timeout", "connectTimeout",
            "target_session_attrs", "targetServerType",
            "keepalives", "tcpKeepAlive",
            "gssencmode", "gssEncMode",
            "sslcompression", "sslcompression");
    /** Parameters we set ourselves or that name the target: not passed through. */
    private static final Set<String> HANDLED = Set.of("host", "hostaddr", "port", "dbname", "user", "password",
            "application_name", "applicationname", "passfile");

    private Connections() {
    }

    // ------------------------------------------------------------------------------------------ resolving

    /** The target for {@code urlOrNull} (null: {@code DATABASE_URL}, then the {@code PG*} variables). */
    public static PgTarget resolve(String urlOrNull) {
        return resolve(urlOrNull, System.getenv());
    }

    /**
     * As {@link #resolve(String)}, with the environment given (for tests). {@code PGPASSFILE} in {@code env} names
     * the password file, else {@code ~/.pgpass}.
     *
     * @throws DatabaseException (BAD_TARGET) when the URL cannot be read or nothing names a database
     */
    public static PgTarget resolve(String urlOrNull, Map<String, String> env) {
        String source;
        String url;
        if (urlOrNull != null && !urlOrNull.isBlank()) {
            url = urlOrNull.strip();
            source = "--db";
        } else if (nonBlank(env.get("DATABASE_URL"))) {
            url = env.get("DATABASE_URL").strip();
            source = "DATABASE_URL";
        } else if (env.keySet().stream().anyMatch(k -> k.equals("PGHOST") || k.equals("PGDATABASE")
                || k.equals("PGPORT") || k.equals("PGUSER") || k.equals("PGSERVICE"))) {
            url = null;
            source = "PG* variables";
        } else {
            throw new DatabaseException(DatabaseException.Kind.BAD_TARGET,
                    "no database given: pass --db postgres://user@host:5432/dbname, or set DATABASE_URL or the "
                            + "PGHOST/PGPORT/PGDATABASE/PGUSER variables");
        }
        Parsed p = url == null ? new Parsed() : parse(url);
        return complete(p, env, source);
    }

    /** Whether {@code DATABASE_URL} or a {@code PG*} variable names a database in this environment. */
    public static boolean environmentNamesDatabase() {
        Map<String, String> env = System.getenv();
        return nonBlank(env.get("DATABASE_URL")) || nonBlank(env.get("PGHOST")) || nonBlank(env.get("PGDATABASE"));
    }

    /** The parts a URL gave; null where it said nothing. */
    private static final class Parsed {
        final List<String> hosts = new ArrayList<>();
        final List<String> ports = new ArrayList<>();
        String database;
        String user;
        String password;
        final Map<String, String> params = new LinkedHashMap<>();
    }

    private static Parsed parse(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        String rest;
        if (lower.startsWith("postgres://")) {
            rest = url.substring("postgres://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = url.substring("postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql://")) {
            rest = url.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("jdbc:postgresql:")) {
            rest = "/" + url.substring("jdbc:postgresql:".length());
        } else if (!url.contains("://") && url.contains("=")) {
            return parseKeyValue(url);
        } else {
            throw new DatabaseException(DatabaseException.Kind.BAD_TARGET,
                    "cannot read the database URL " + redactBadUrl(url)
                            + ": use postgres://user@host:5432/dbname or jdbc:postgresql://host:5432/dbname");
        }
        Parsed p = new Parsed();
        int q = rest.indexOf('?');
        String query = q < 0 ? "" : rest.substring(q + 1);
        String beforeQuery = q < 0 ? rest : rest.substring(0, q);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        // the user info ends at the last '@' before the path (a '/' or '@' inside a password must be %-escaped)
        int firstSlash = beforeQuery.indexOf('/');
        int at = beforeQuery.lastIndexOf('@', firstSlash < 0 ? beforeQuery.length() : firstSlash);
        if (at < 0 && unescapedPassword(rest)) {
            throw badUrl(url, "the password holds a character that must be %-escaped in a URL (/ as %2F, ? as %3F,"
                    + " # as %23, @ as %40, a space as %20), or give it in PGPASSWORD or ~/.pgpass");
        }
        String userinfo = at < 0 ? null : beforeQuery.substring(0, at);
        String hostAndPath = at < 0 ? beforeQuery : beforeQuery.substring(at + 1);
        if (userinfo != null) {
            int colon = userinfo.indexOf(':');
            p.user = emptyToNull(decode(colon < 0 ? userinfo : userinfo.substring(0, colon), url));
            if (colon >= 0) {
                p.password = decode(userinfo.substring(colon + 1), url);
            }
        }
        int slash = hostAndPath.indexOf('/');
        String hostList = slash < 0 ? hostAndPath : hostAndPath.substring(0, slash);
        if (slash >= 0) {
            p.database = emptyToNull(decode(hostAndPath.substring(slash + 1), url));
        }
        if (!hostList.isEmpty()) {
            for (String hp : hostList.split(",")) {
                splitHostPort(hp, p, url);
            }
        }
        if (!query.isEmpty()) {
            for (String kv : query.split("&")) {
                if (kv.isEmpty()) {
                    continue;
                }
                int eq = kv.indexOf('=');
                String k = decode(eq < 0 ? kv : kv.substring(0, eq), url);
                String v = eq < 0 ? "" : decode(kv.substring(eq + 1), url);
                param(p, k, v, url);
            }
        }
        return p;
    }

    private static void splitHostPort(String hp, Parsed p, String url) {
        String host;
        String port = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) {
                throw badUrl(url, "an IPv6 address is missing its closing ]");
            }
            host = hp.substring(1, close);
            if (close + 1 < hp.length() && hp.charAt(close + 1) == ':') {
                port = hp.substring(close + 2);
            }
        } else {
            int colon = hp.lastIndexOf(':');
            host = colon < 0 ? hp : hp.substring(0, colon);
            port = colon < 0 ? null : hp.substring(colon + 1);
        }
        p.hosts.add(decode(host, url));
        p.ports.add(emptyToNull(port));
    }

    private static void param(Parsed p, String key, String value, String url) {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "host", "hostaddr" -> {
                p.hosts.clear();
                for (String h : value.split(",")) {
                    p.hosts.add(h.strip());
                }
            }
            case "port" -> {
                p.ports.clear();
                for (String s : value.split(",")) {
                    p.ports.add(s.strip());
                }
            }
            case "dbname" -> p.database = emptyToNull(value);
            case "user" -> p.user = emptyToNull(value);
            case "password" -> p.password = value;
            default -> p.params.put(key, value);
        }
    }

    /** libpq {@code host=db port=5432 dbname=app user=me password='x y'}. */
    private static Parsed parseKeyValue(String s) {
        Parsed p = new Parsed();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = s.indexOf('=', i);
            if (eq < 0) {
                throw badUrl(s, "expected key=value");
            }
            String key = s.substring(i, eq).strip();
            i = eq + 1;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                while (i < n && s.charAt(i) != '\'') {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    if (s.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    v.append(s.charAt(i++));
                }
            }
            param(p, key, v.toString(), s);
        }
        return p;
    }

    private static PgTarget complete(Parsed p, Map<String, String> env, String source) {
        List<String> hosts = new ArrayList<>(p.hosts);
        List<String> ports = new ArrayList<>(p.ports);
        if (hosts.isEmpty() || hosts.stream().allMatch(String::isEmpty)) {
            hosts = new ArrayList<>();
            String envHost = env.get("PGHOST");
            for (String h : (nonBlank(envHost) ? envHost : "localhost").split(",")) {
                hosts.add(h.strip());
            }
        }
        if (ports.isEmpty() || ports.stream().allMatch(x -> x == null)) {
            ports = new ArrayList<>();
            String envPort = env.get("PGPORT");
            if (nonBlank(envPort)) {
                for (String x : envPort.split(",")) {
                    ports.add(x.strip());
                }
            }
        }
        List<PgTarget.Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < hosts.size(); i++) {
            String h = hosts.get(i).isEmpty() ? "localhost" : hosts.get(i);
            if (h.startsWith("/")) {
                throw new DatabaseException(DatabaseException.Kind.BAD_TARGET,
                        "host " + h + " (from " + source + ") is a Unix-domain socket directory, which schemapilot "
                                + "cannot use: give a TCP host, e.g. host=127.0.0.1 or postgres://user@127.0.0.1/db");
            }
            String portText = ports.isEmpty() ? null : ports.get(Math.min(i, ports.size() - 1));
            endpoints.add(new PgTarget.Endpoint(h, port(portText, source)));
        }
        String user = p.user != null ? p.user : firstNonBlank(env.get("PGUSER"), System.getProperty("user.name"));
        String database = p.database != null ? p.database : firstNonBlank(env.get("PGDATABASE"), user);
        Map<String, String> params = new LinkedHashMap<>();
        if (nonBlank(env.get("PGSSLMODE"))) {
            params.put("sslmode", env.get("PGSSLMODE"));
        }
        if (nonBlank(env.get("PGCONNECT_TIMEOUT"))) {
            params.put("connectTimeout", env.get("PGCONNECT_TIMEOUT"));
        }
        for (Map.Entry<String, String> e : p.params.entrySet()) {
            String k = e.getKey();
            if (HANDLED.contains(k.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String jdbcKey = LIBPQ_TO_JDBC.getOrDefault(k, k);
            String v = e.getValue();
            if (jdbcKey.equals("targetServerType")) {
                v = switch (v) {
                    case "read-write", "primary" -> "primary";
                    case "read-only", "standby" -> "secondary";
                    case "prefer-standby" -> "preferSecondary";
                    default -> "any";
                };
            } else if (jdbcKey.equals("tcpKeepAlive")) {
                v = v.equals("0") ? "false" : "true";
            }
            params.put(jdbcKey, v);
        }
        String password = p.password;
        if (password == null && env.get("PGPASSWORD") != null) {
            password = env.get("PGPASSWORD");
        }
        PgTarget target = new PgTarget(endpoints, database, user, password, params, source);
        if (password == null) {
            String pw = pgpassLookup(pgpassFile(env), target);
            if (pw != null) {
                target = target.withPassword(pw);
            }
        }
        return target;
    }

    private static int port(String text, String source) {
        if (text == null || text.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int p = Integer.parseInt(text.strip());
            if (p > 0 && p < 65536) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // fall through
        }
        throw new DatabaseException(DatabaseException.Kind.BAD_TARGET,
                "port \"" + text + "\" (from " + source + ") is not a port number: use a number from 1 to 65535");
    }

    // ------------------------------------------------------------------------------------------ .pgpass

    /** {@code PGPASSFILE}, else {@code ~/.pgpass}. */
    static Path pgpassFile(Map<String, String> env) {
        String f = env.get("PGPASSFILE");
        if (nonBlank(f)) {
            return Path.of(f);
        }
        return Path.of(System.getProperty("user.home"), ".pgpass");
    }

    /**
     * The password for {@code target} from a libpq password file ({@code host:port:db:user:password}, {@code *}
     * matches anything, {@code \:} and {@code \\} escape). As libpq, a file readable by group or others is ignored.
     */
    public static String pgpassLookup(Path file, PgTarget target) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)
                    || perms.contains(PosixFilePermission.GROUP_WRITE)
                    || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
                LOG.warn("password file {} has group or world access and is ignored, as libpq does; "
                        + "run: chmod 0600 {}", file, file);
                return null;
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: no permission check
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            LOG.warn("cannot read password file {}: {}", file, e.getMessage());
            return null;
        }
        String port = String.valueOf(target.port());
        for (String line : lines) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            List<String> f = splitPgpass(line);
            if (f.size() < 5) {
                continue;
            }
            if (matches(f.get(0), target.host()) && matches(f.get(1), port)
                    && matches(f.get(2), target.database()) && matches(f.get(3), target.user())) {
                return f.get(4);
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String value) {
        return pattern.equals("*") || pattern.equals(value);
    }

    private static List<String> splitPgpass(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(line.charAt(++i));
            } else if (c == ':' && out.size() < 4) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    // ------------------------------------------------------------------------------------------ opening

    /** A read-only analysis session ({@link SessionOptions#analysis()}) on the target {@code urlOrNull} names. */
    public static Connection openReadOnly(String urlOrNull) {
        return open(resolve(urlOrNull), SessionOptions.analysis());
    }

    /**
     * Connects and sets the session up: {@code default_transaction_read_only}, {@code statement_timeout},
     * {@code lock_timeout}, {@code application_name}. Autocommit is on.
     *
     * @throws DatabaseException with one line naming the target and what to do
     */
    public static Connection open(PgTarget target, SessionOptions options) {
        Properties props = new Properties();
        props.putAll(target.params());
        if (target.user() != null) {
            props.setProperty("user", target.user());
        }
        if (target.password() != null) {
            props.setProperty("password", target.password());
        }
        props.setProperty("ApplicationName", options.applicationName());
        if (!props.containsKey("connectTimeout")) {
            props.setProperty("connectTimeout", String.valueOf(Math.max(1, options.connectTimeout().toSeconds())));
        }
        props.setProperty("loginTimeout", String.valueOf(Math.max(1, options.connectTimeout().toSeconds() + 5)));
        props.setProperty("tcpKeepAlive", props.getProperty("tcpKeepAlive", "true"));
        if (!options.statementTimeout().isZero()) {
            // a server that vanishes mid-query must not hang the client: the socket gives up a while after the
            // statement timeout would have fired
            props.setProperty("socketTimeout", String.valueOf(options.statementTimeout().toSeconds() + 30));
        }
        Connection c;
        try {
            c = DriverManager.getConnection(target.jdbcUrl(), props);
        } catch (SQLException e) {
            throw translate(e, "connect", target);
        }
        try (Statement st = c.createStatement()) {
            st.execute("SET statement_timeout = " + millis(options.statementTimeout())
                    + "; SET lock_timeout = " + millis(options.lockTimeout())
                    + "; SET idle_in_transaction_session_timeout = " + (options.readOnly() ? 60_000 : 0)
                    + (options.readOnly() ? "; SET default_transaction_read_only = on" : ""));
        } catch (SQLException e) {
            closeQuietly(c);
            throw translate(e, "set up the session", target);
        }
        LOG.debug("connected to {} ({}, statement_timeout {}, lock_timeout {})", target.describe(),
                options.readOnly() ? "read-only" : "read-write", options.statementTimeout(), options.lockTimeout());
        return c;
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing more to do
        }
    }

    // ------------------------------------------------------------------------------------------ errors

    /**
     * One clear line for a failure: what failed, where, what to do. {@code doing} is a verb phrase
     * ({@code "connect"}, {@code "read the catalog"}); {@code where} may be null.
     */
    public static DatabaseException translate(SQLException e, String doing, PgTarget where) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String pgMessage = serverMessage(e);
        String at = where == null ? "" : " " + where.describe();
        String verb = "cannot " + doing + (doing.equals("connect") ? " to" : " on") + at;
        if (where == null) {
            verb = "cannot " + doing;
        }
        Throwable cause = rootCause(e);
        DatabaseException.Kind kind;
        String advice;
        if (state.equals("28P01") || (state.startsWith("28") && pgMessage.contains("password"))
                || pgMessage.contains("password authentication failed")
                || pgMessage.contains("no password was provided")
                || pgMessage.contains("requested a password")) {
            kind = DatabaseException.Kind.AUTHENTICATION;
            advice = "check the password (in the URL, PGPASSWORD or ~/.pgpass) and the user name";
        } else if (state.startsWith("28")) {
            kind = DatabaseException.Kind.AUTHENTICATION;
            advice = pgMessage.contains("pg_hba.conf")
                    ? "the server's pg_hba.conf does not allow this user, host or database: ask its administrator, "
                    + "or try sslmode=require"
                    : "check the user name, or ask the server's administrator for a role";
        } else if (state.equals("3D000")) {
            kind = DatabaseException.Kind.MISSING_DATABASE;
            advice = "check the database name in the URL or PGDATABASE";
        } else if (state.equals("42501")) {
            kind = DatabaseException.Kind.PRIVILEGE;
            advice = "connect as a role that has this privilege, or ask for it to be granted";
        } else if (state.equals("57014")) {
            kind = DatabaseException.Kind.TIMEOUT;
            advice = "it ran past statement_timeout; try again when the server is less busy, or raise the timeout";
        } else if (state.equals("55P03")) {
            kind = DatabaseException.Kind.LOCKED;
            advice = "another session holds a conflicting lock; find it in pg_locks / pg_stat_activity and retry "
                    + "when it is gone";
        } else if (state.equals("53300")) {
            kind = DatabaseException.Kind.UNREACHABLE;
            advice = "the server has no free connection slots; retry later or close idle sessions";
        } else if (state.equals("57P03")) {
            kind = DatabaseException.Kind.UNREACHABLE;
            advice = "the server is starting up or shutting down; retry in a moment";
        } else if (state.equals("57P01") || state.equals("57P02") || state.equals("08006") && cause == e) {
            kind = DatabaseException.Kind.UNREACHABLE;
            advice = "the server closed the connection; check that it is running and retry";
        } else if (cause instanceof ConnectException) {
            kind = DatabaseException.Kind.UNREACHABLE;
            pgMessage = "connection refused";
            advice = "check the host and port, and that PostgreSQL is running and accepts TCP connections";
        } else if (cause instanceof UnknownHostException) {
            kind = DatabaseException.Kind.UNREACHABLE;
            pgMessage = "unknown host " + cause.getMessage();
            advice = "check the host name";
        } else if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException) {
            kind = DatabaseException.Kind.UNREACHABLE;
            pgMessage = cause instanceof NoRouteToHostException ? "no route to host" : "timed out";
            advice = "check the host, port and firewall, and that the server is up";
        } else if (state.startsWith("08")) {
            kind = DatabaseException.Kind.UNREACHABLE;
            advice = pgMessage.contains("SSL")
                    ? "check sslmode (e.g. sslmode=disable for a server without SSL, require for one that needs it)"
                    : "check the host and port, and that the server is running";
        } else {
            kind = DatabaseException.Kind.OTHER;
            advice = null;
        }
        String msg = verb + ": " + pgMessage + (advice == null ? "" : "; " + advice);
        if (where != null) {
            msg = Redact.secret(msg, where.password());
        }
        return new DatabaseException(kind, msg, e);
    }

    private static String serverMessage(SQLException e) {
        if (e instanceof PSQLException pe) {
            ServerErrorMessage sem = pe.getServerErrorMessage();
            if (sem != null && sem.getMessage() != null) {
                return oneLine(sem.getMessage());
            }
        }
        return oneLine(e.getMessage());
    }

    private static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static String decode(String s, String url) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw badUrl(url, "bad %-escape");
        }
    }

    private static DatabaseException badUrl(String url, String why) {
        return new DatabaseException(DatabaseException.Kind.BAD_TARGET,
                "cannot read the database URL " + redactBadUrl(url) + ": " + why);
    }

    /**
     * {@code user:pass/word@host} after the scheme: a user info whose password holds an unescaped '/', '?' or '#',
     * which would otherwise be read as host {@code user} and port {@code pass} (and the password shown as a port in
     * the error). Not a port: the text after the ':' is not all digits. Not a query parameter holding an '@'
     * ({@code ?user=me@corp}): no '=' before the '@'.
     */
    private static boolean unescapedPassword(String afterScheme) {
        int at = afterScheme.indexOf('@');
        if (at <= 0) {
            return false;
        }
        String head = afterScheme.substring(0, at);
        int colon = head.indexOf(':');
        if (colon <= 0 || head.contains("=")) {
            return false;
        }
        int end = colon + 1;
        while (end < head.length() && "/?#".indexOf(head.charAt(end)) < 0) {
            end++;
        }
        if (end >= head.length()) {
            return false; // no '/', '?' or '#' in it: the usual user:password@ the parser reads itself
        }
        String afterColon = head.substring(colon + 1, end);
        return afterColon.isEmpty() || !afterColon.chars().allMatch(Character::isDigit);
    }

    /**
     * A URL that could not be read, for an error message: {@link Redact#url} first, then, since such a URL may hold
     * a password that the redaction patterns do not recognise (a space or '/' in it), everything between the first
     * ':' after {@code ://} (or from the start, when there is no scheme) and the last '@' is masked too (unless an '=' shows that '@' is in a parameter).
     */
    static String redactBadUrl(String url) {
        String r = Redact.url(url);
        if (r == null) {
            return null;
        }
        int scheme = r.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int at = r.lastIndexOf('@');
        int colon = r.indexOf(':', start);
        if (at <= start || colon < 0 || colon > at) {
            return r;
        }
        String secret = r.substring(colon + 1, at);
        if (secret.contains("=") || secret.equals(Redact.MASK)) {
            return r;
        }
        return r.substring(0, colon + 1) + Redact.MASK + r.substring(at);
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String firstNonBlank(String a, String b) {
        return nonBlank(a) ? a : b;
    }
}
