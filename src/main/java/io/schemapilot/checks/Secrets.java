package io.schemapilot.checks;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Names of columns whose values must never appear in a report: passwords, secrets, tokens, keys, card and social
 * security numbers, salts and hashes. The test is deliberately broad (a column called {@code discard_reason} is
 * hidden too): a sample that shows too little costs nothing, one that shows a secret cannot be taken back.
 */
public final class Secrets {

    private static final Pattern SECRET = Pattern.compile(
            "passw|pwd|passphrase|secret|token|api_?key|apikey|access_?key|private_?key|session_?key|credential"
                    + "|(^|_)ssn|social_?sec|tax_?id|credit|card|cvv|cvc|(^|_)iban|salt|hash|signature|encrypt|cipher"
                    + "|(^|_)otp($|_)|(^|_)pin($|_)");

    private Secrets() {
    }

    /** Whether a column (or an expression that mentions one) looks like it holds a secret. */
    public static boolean looksSecret(String columnOrExpression) {
        if (columnOrExpression == null) {
            return false;
        }
        return SECRET.matcher(columnOrExpression.toLowerCase(Locale.ROOT)).find();
    }
}
