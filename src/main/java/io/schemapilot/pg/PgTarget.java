package io.schemapilot.pg;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A resolved connection target: where to connect, as whom, and the connection parameters (libpq names translated to
 * the JDBC driver's). {@link #toString()} and {@link #describe()} never show the password.
 *
 * @param endpoints one or more host/port pairs (libpq multi-host URLs), tried in order
 * @param password  null when none was found (the server may not need one)
 * @param params    extra driver properties, e.g. {@code sslmode}
 * @param source    where the target came from, e.g. {@code --db}, {@code DATABASE_URL}, {@code PG* variables}
 */
public record PgTarget(List<Endpoint> endpoints, String database, String user, String password,
                       Map<String, String> params, String source) {

    public record Endpoint(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    public PgTarget {
        endpoints = List.copyOf(endpoints);
        params = Map.copyOf(params);
    }

    public String host() {
        return endpoints.get(0).host();
    }

    public int port() {
        return endpoints.get(0).port();
    }

    /** {@code postgres://user@host:port/db}: for messages and logs, without the password. */
    public String describe() {
        String hosts = endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(","));
        return "postgres://" + (user == null ? "" : user + "@") + hosts + "/" + (database == null ? "" : database);
    }

    /** The JDBC URL (no user or password in it: those go as properties). */
    public String jdbcUrl() {
        String hosts = endpoints.stream().map(Endpoint::toString).collect(Collectors.joining(","));
        return "jdbc:postgresql://" + hosts + "/" + urlEncode(database == null ? "" : database);
    }

    public PgTarget withDatabase(String db) {
        return new PgTarget(endpoints, db, user, password, params, source);
    }

    public PgTarget withPassword(String pw) {
        return new PgTarget(endpoints, database, user, pw, params, source);
    }

    @Override
    public String toString() {
        return describe() + (params.isEmpty() ? "" : " " + params) + " (from " + source + ")";
    }

    private static String urlEncode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
