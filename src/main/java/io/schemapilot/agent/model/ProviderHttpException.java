package io.schemapilot.agent.model;

import dev.langchain4j.exception.HttpException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A non-2xx answer from a provider, with its headers. LangChain4j's own {@link HttpException} keeps only the status
 * and the body; this subclass also keeps the headers so a retry can honour {@code Retry-After}. LangChain4j maps it
 * like any {@code HttpException} (by status), and it stays the root cause of what the model throws.
 */
public class ProviderHttpException extends HttpException {

    private final Map<String, List<String>> headers;
    private final String body;

    public ProviderHttpException(int statusCode, String body, Map<String, List<String>> headers) {
        super(statusCode, body);
        this.body = body;
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    h.put(k, List.copyOf(v));
                }
            });
        }
        this.headers = h;
    }

    /** The response headers (names case-insensitive). */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The response body (may be empty). */
    public String body() {
        return body;
    }
}
