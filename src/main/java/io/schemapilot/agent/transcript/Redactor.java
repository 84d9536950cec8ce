package io.schemapilot.agent.transcript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.schemapilot.pg.Redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text before it is written to a transcript (or shown): API keys of the usual shapes
 * ({@code sk-...}, {@code sk-ant-...}, GitHub, AWS, Slack tokens, JWTs), {@code Bearer} tokens and
 * {@code Authorization} headers, {@code key: value} / {@code key=value} pairs whose key names a secret
 * ({@code x-api-key}, {@code password}, {@code PGPASSWORD}, {@code client_secret}, {@code access_token}, ...),
 * passwords in connection URLs ({@link Redact}), and the literal values of the secrets it was given (typically the
 * environment variables whose names look secret, see {@link #fromEnvironment}). Every removed secret becomes
 * {@value Redact#MASK}. Immutable and thread-safe.
 */
public final class Redactor {

    /** Values shorter than this are not treated as literal secrets (they would mask ordinary words). */
    static final int MIN_SECRET_LENGTH = 4;

    /** Environment variable names whose values are secrets: ...KEY, ...TOKEN, ...SECRET, ...PASSWORD, ... */
    private static final Pattern SECRET_ENV_NAME = Pattern.compile(
            "(?i).*(key|token|secret|password|passwd|passphrase|credentials?|_pat|_auth)$");

    /** Provider keys and tokens recognisable by their shape alone. */
    private static final List<Pattern> TOKENS = List.of(
            Pattern.compile("\\bsk-(?:ant-|proj-|svcacct-|admin-)?[A-Za-z0-9_\\-]{8,}"),
            Pattern.compile("\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}"),
            Pattern.compile("\\bgithub_pat_[A-Za-z0-9_]{20,}"),
            Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
            Pattern.compile("\\bxox[abprs]-[A-Za-z0-9\\-]{10,}"),
            Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{30,}"),
            Pattern.compile("\\beyJ[A-Za-z0-9_\\-]{6,}\\.eyJ[A-Za-z0-9_\\-]{6,}\\.[A-Za-z0-9_\\-]+"));

    /** {@code Authorization: Bearer X}, {@code "authorization": "Basic X"}: the scheme is kept, the credential masked. */
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(\\b(?:proxy-)?authorization[\"']?\\s*[:=]\\s*[\"']?)((?:bearer|basic|token|digest)\\s+)?"
                    + "([^\\s\"',;]+)");

    /** A bare {@code Bearer X} where X looks like a token (has a digit or a symbol, not just a word). */
    private static final Pattern BEARER = Pattern.compile(
            "(?i)(\\bbearer\\s+)(?=[A-Za-z0-9._~+/\\-]*[0-9._~+/\\-])[A-Za-z0-9._~+/\\-]{6,}=*");

    /**
     * {@code NAME: value}, {@code NAME=value}, {@code "NAME": "value"} where NAME ends in a secret word. The value is
     * a quoted string or runs to whitespace, {@code &}, {@code ,}, {@code ;} or a closing brace.
     */
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(\\b[\\w\\-]*?(?:password|passwd|passphrase|secret|api[_\\-]?key|access[_\\-]?key|private[_\\-]?key"
                    + "|auth[_\\-]?key|access[_\\-]?token|auth[_\\-]?token|refresh[_\\-]?token|session[_\\-]?token"
                    + "|id[_\\-]?token|token)[\"']?\\s*[:=]\\s*)"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[^\\s&,;\"'}\\]]+)");

    /** JSON object field names whose values are masked as a whole. */
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(?i).*(password|passwd|passphrase|secret|api[_\\-]?key|apikey|access[_\\-]?key|private[_\\-]?key"
                    + "|auth[_\\-]?key|token|authorization|credentials?)$");

    private static final Redactor STANDARD = new Redactor(List.of());

    private final List<String> secrets;

    private Redactor(Collection<String> secrets) {
        Set<String> unique = new LinkedHashSet<>();
        for (String s : secrets) {
            if (s != null && s.strip().length() >= MIN_SECRET_LENGTH) {
                unique.add(s.strip());
            }
        }
        List<String> sorted = new ArrayList<>(unique);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        this.secrets = List.copyOf(sorted);
    }

    /** The patterns only, no literal secrets. */
    public static Redactor standard() {
        return STANDARD;
    }

    /**
     * The patterns plus the values of the variables of {@code env} whose names look secret ({@link #isSecretName}),
     * e.g. {@code OPENAI_API_KEY}, {@code GITHUB_TOKEN}, {@code PGPASSWORD}, {@code INSTANT_APP_ADMIN_TOKEN}.
     */
    public static Redactor fromEnvironment(Map<String, String> env) {
        List<String> values = new ArrayList<>();
        if (env != null) {
            for (Map.Entry<String, String> e : env.entrySet()) {
                if (e.getKey() != null && isSecretName(e.getKey())) {
                    values.add(e.getValue());
                }
            }
        }
        return new Redactor(values);
    }

    /** This redactor plus the given literal secrets (blank and very short values are ignored). */
    public Redactor withSecrets(Collection<String> more) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(more);
        return new Redactor(all);
    }

    /** Whether an environment variable of this name holds a secret. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_ENV_NAME.matcher(name).matches();
    }

    /** How many literal secrets this redactor masks besides its patterns. */
    public int literalSecretCount() {
        return secrets.size();
    }

    /** {@code text} with every secret replaced by {@value Redact#MASK}; null stays null. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : secrets) {
            out = Redact.secret(out, s);
        }
        out = Redact.secrets(out);
        for (Pattern p : TOKENS) {
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement(Redact.MASK));
        }
        out = replace(AUTHORIZATION, out, m -> m.group(1) + (m.group(2) == null ? "" : m.group(2)) + Redact.MASK);
        out = replace(BEARER, out, m -> m.group(1) + Redact.MASK);
        out = replace(KEY_VALUE, out, m -> {
            String v = m.group(2);
            if (v.equals(Redact.MASK) || v.equals("\"" + Redact.MASK + "\"") || v.equals("'" + Redact.MASK + "'")) {
                return m.group();
            }
            char q = v.charAt(0);
            if ((q == '"' || q == '\'') && v.length() >= 2) {
                return m.group(1) + q + Redact.MASK + q;
            }
            return m.group(1) + Redact.MASK;
        });
        return out;
    }

    /**
     * A copy of {@code node} with every string value redacted and the values of fields whose names look secret
     * ({@code password}, {@code api_key}, {@code token}, ...) masked whole; null stays null.
     */
    public JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            String r = redact(node.textValue());
            return r.equals(node.textValue()) ? node : TextNode.valueOf(r);
        }
        if (node.isArray()) {
            ArrayNode copy = ((ArrayNode) node).arrayNode();
            for (JsonNode n : node) {
                copy.add(redact(n));
            }
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = ((ObjectNode) node).objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode v = e.getValue();
                if (isSecretField(e.getKey()) && (v.isTextual() || v.isNumber()) && !v.asText().isEmpty()) {
                    copy.put(e.getKey(), Redact.MASK);
                } else {
                    copy.set(e.getKey(), redact(v));
                }
            }
            return copy;
        }
        return node;
    }

    static boolean isSecretField(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith("tokens") || n.equals("max_token") || n.endsWith("_count")) {
            return false;
        }
        return SECRET_FIELD.matcher(name).matches();
    }

    private interface Replacement {
        String apply(Matcher m);
    }

    private static String replace(Pattern p, String text, Replacement r) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(r.apply(m)));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
