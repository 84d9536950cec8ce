package io.schemapilot.agent.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.model.anthropic.internal.api.AnthropicStreamingException;
import io.schemapilot.agent.model.ModelException.Kind;
import io.schemapilot.pg.Redact;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns whatever a LangChain4j model threw into a {@link Failure} (kind, HTTP status, {@code Retry-After}) and,
 * when the call gives up, into a one-line {@link ModelException} without secrets.
 */
final class ModelErrors {

    /** Things that look like API keys: {@code sk-...}, {@code sk-ant-...}, long bearer tokens. */
    private static final Pattern KEYISH = Pattern.compile(
            "(?i)\\b(sk-(?:ant-|proj-)?[a-z0-9_\\-]{6,}|(?:bearer)\\s+[a-z0-9._\\-]{12,})");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DETAIL = 200;

    /** Where the call went, for messages: model, base URL, the key's variable (or null), the read timeout. */
    record Endpoint(ModelSpec spec, String baseUrl, String keyEnv, Duration timeout) {
    }

    /**
     * One failed attempt.
     *
     * @param kind       why
     * @param httpStatus the status, or null
     * @param retryAfter the wait the provider asked for, or null
     * @param retryable  whether sending it again may help
     * @param detail     the provider's own words (redacted, one line, short), or null
     * @param cause      what was thrown
     */
    record Failure(Kind kind, Integer httpStatus, Duration retryAfter, boolean retryable, String detail,
                   Throwable cause) {
    }

    private final Endpoint endpoint;
    private final Set<String> secrets;
    private final Clock clock;

    ModelErrors(Endpoint endpoint, Set<String> secrets, Clock clock) {
        this.endpoint = endpoint;
        this.secrets = Set.copyOf(secrets);
        this.clock = clock;
    }

    /** What went wrong, or null when {@code t} is not a provider failure (a bug: let it through). */
    Failure classify(Throwable t) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        Failure fallback = null;
        for (Throwable c = t; c != null && !seen.containsKey(c); c = c.getCause()) {
            seen.put(c, true);
            Failure f = direct(c);
            if (f != null) {
                return f;
            }
            if (fallback == null) {
                fallback = byLangChainType(c);
            }
        }
        return fallback;
    }

    private Failure direct(Throwable c) {
        if (c instanceof ModelException m) {
            return new Failure(m.kind(), m.httpStatus(), null, false, null, m);
        }
        if (c instanceof ModelCallCancelledException || c instanceof InterruptedException
                || c instanceof ClosedByInterruptException || c instanceof InterruptedIOException
                && !(c instanceof SocketTimeoutException)) {
            return new Failure(Kind.CANCELLED, null, null, false, null, c);
        }
        if (c instanceof HttpException h) {
            Duration retryAfter = c instanceof ProviderHttpException p ? RetryAfter.from(p, clock.instant()) : null;
            return byStatus(h.statusCode(), retryAfter, detail(h.getMessage()), c);
        }
        if (c instanceof AnthropicStreamingException a) {
            Kind k = byAnthropicType(a.type());
            return new Failure(k, null, null, k.retryable(), detail(a.getMessage()), c);
        }
        if (c instanceof HttpConnectTimeoutException || c instanceof ConnectException
                || c instanceof UnresolvedAddressException || c instanceof UnknownHostException
                || c instanceof NoRouteToHostException || c instanceof UnresolvedModelServerException) {
            return new Failure(Kind.UNREACHABLE, null, null, false, describeIo(c), c);
        }
        if (c instanceof HttpTimeoutException || c instanceof SocketTimeoutException
                || c instanceof java.util.concurrent.TimeoutException) {
            return new Failure(Kind.TIMEOUT, null, null, true, null, c);
        }
        if (c instanceof JsonProcessingException) {
            return new Failure(Kind.SERVER, null, null, false, "its answer is not the JSON expected", c);
        }
        if (c instanceof IOException) {
            return new Failure(Kind.SERVER, null, null, true, describeIo(c), c);
        }
        return null;
    }

    /** LangChain4j's own mapped exceptions, when no cause says more. */
    private static Failure byLangChainType(Throwable c) {
        Kind k = c instanceof AuthenticationException ? Kind.AUTH
                : c instanceof ModelNotFoundException ? Kind.NOT_FOUND
                : c instanceof RateLimitException ? Kind.RATE_LIMITED
                : c instanceof InternalServerException ? Kind.SERVER
                : c instanceof TimeoutException ? Kind.TIMEOUT
                : c instanceof InvalidRequestException ? Kind.BAD_REQUEST
                : null;
        return k == null ? null : new Failure(k, null, null, k.retryable(), null, c);
    }

    private Failure byStatus(int status, Duration retryAfter, String detail, Throwable c) {
        Kind k;
        if (status == 401 || status == 403) {
            k = Kind.AUTH;
        } else if (status == 404) {
            k = Kind.NOT_FOUND;
        } else if (status == 408) {
            k = Kind.TIMEOUT;
        } else if (status == 429) {
            k = Kind.RATE_LIMITED;
        } else if (status == 529 || status == 503) {
            k = Kind.OVERLOADED;
        } else if (status >= 500) {
            k = Kind.SERVER;
        } else {
            k = Kind.BAD_REQUEST;
        }
        return new Failure(k, status, retryAfter, k.retryable(), detail, c);
    }

    private static Kind byAnthropicType(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "overloaded_error" -> Kind.OVERLOADED;
            case "rate_limit_error" -> Kind.RATE_LIMITED;
            case "authentication_error", "permission_error" -> Kind.AUTH;
            case "not_found_error" -> Kind.NOT_FOUND;
            case "invalid_request_error", "request_too_large" -> Kind.BAD_REQUEST;
            case "timeout_error" -> Kind.TIMEOUT;
            default -> Kind.SERVER;
        };
    }

    /** A short reason for a retry notice: {@code rate limited by openai (HTTP 429)}. */
    String reason(Failure f) {
        String who = endpoint.spec().provider().id();
        String what = switch (f.kind()) {
            case RATE_LIMITED -> "rate limited by " + who;
            case OVERLOADED -> who + " is overloaded";
            case SERVER -> who + " server error";
            case TIMEOUT -> "no answer from " + who + " within " + seconds(null);
            default -> who + " failed (" + f.kind().id() + ")";
        };
        if (f.httpStatus() != null) {
            what += " (HTTP " + f.httpStatus() + ")";
        }
        if (f.retryAfter() != null) {
            what += ", Retry-After " + seconds(f.retryAfter());
        }
        return what;
    }

    /** The final exception after {@code attempts} attempts. */
    ModelException toException(Failure f, int attempts) {
        if (f.cause() instanceof ModelException m) {
            return m;
        }
        return new ModelException(f.kind(), message(f, attempts), f.httpStatus(), attempts, f.cause());
    }

    /** The final exception when the provider asks to wait longer than the retry budget has left. */
    ModelException budgetExceeded(Failure f, int attempts, Duration asked, Duration left, Duration budget) {
        String who = endpoint.spec().provider().id();
        String msg = who + " asked to retry after " + seconds(asked) + status(f) + ", more than the "
                + seconds(left) + " left of the retry budget (retry.max_wait " + seconds(budget)
                + "): try again later or raise retry.max_wait";
        return new ModelException(f.kind(), clean(msg), f.httpStatus(), attempts, f.cause());
    }

    private String message(Failure f, int attempts) {
        ModelSpec spec = endpoint.spec();
        String who = spec.provider().id();
        String where = endpoint.baseUrl() == null ? "" : " at " + Redact.url(endpoint.baseUrl());
        String after = attempts > 1 ? " after " + attempts + " attempts" : "";
        String detail = f.detail() == null ? "" : ": " + f.detail();
        String msg = switch (f.kind()) {
            case AUTH -> who + " refused the API key" + status(f) + ": check "
                    + (endpoint.keyEnv() == null ? "the provider's credentials" : endpoint.keyEnv())
                    + (f.httpStatus() != null && f.httpStatus() == 403 ? " and the key's permissions" : "");
            case NOT_FOUND -> "model '" + spec.name() + "' not found" + where + status(f) + detail
                    + "; check --model and the base URL";
            case RATE_LIMITED -> "rate limited by " + who + status(f) + after + detail
                    + "; try again later or raise retry.max_wait";
            case OVERLOADED -> who + " is overloaded" + status(f) + after + detail + "; try again later";
            case SERVER -> who + " server error" + status(f) + after + detail;
            case TIMEOUT -> "no answer from " + who + where + " within " + seconds(null) + after
                    + "; raise the provider's timeout in the config or check the server";
            case UNREACHABLE -> "cannot reach " + who + where + detail + "; check the base URL"
                    + (spec.provider().baseUrlEnv() == null ? "" : " (" + spec.provider().baseUrlEnv() + ")")
                    + " and the network";
            case BAD_REQUEST -> who + " refused the request" + status(f) + detail;
            case CANCELLED -> "model call cancelled";
        };
        return clean(msg);
    }

    private String seconds(Duration d) {
        Duration x = d != null ? d : endpoint.timeout();
        if (x == null) {
            return "the timeout";
        }
        long ms = x.toMillis();
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String status(Failure f) {
        return f.httpStatus() == null ? "" : " (HTTP " + f.httpStatus() + ")";
    }

    /** The provider's own error message from a response body (JSON or text), redacted and short; or null. */
    String detail(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String text = body.strip();
        try {
            JsonNode n = JSON.readTree(text);
            String m = firstText(n, List.of("/error/message", "/error", "/message", "/detail"));
            if (m != null) {
                text = m;
            }
        } catch (IOException | RuntimeException notJson) {
            if (text.startsWith("<")) {
                return null;
            }
        }
        String one = clean(text);
        return one.length() > MAX_DETAIL ? one.substring(0, MAX_DETAIL) + "..." : one;
    }

    private static String firstText(JsonNode n, List<String> pointers) {
        for (String p : pointers) {
            JsonNode v = n.at(p);
            if (v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    private static String describeIo(Throwable c) {
        String m = c.getMessage();
        String type = c.getClass().getSimpleName();
        if (c instanceof ConnectException) {
            return "connection refused";
        }
        if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException
                || c instanceof UnresolvedModelServerException) {
            return "unknown host";
        }
        if (c instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        return m == null || m.isBlank() ? type : m;
    }

    /** One line, secrets removed. */
    String clean(String s) {
        String out = s.replaceAll("\\s*\\R\\s*", " ").strip();
        for (String secret : secrets) {
            out = Redact.secret(out, secret);
        }
        out = KEYISH.matcher(out).replaceAll(Redact.MASK);
        return Redact.secrets(out);
    }
}
