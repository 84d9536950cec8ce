package io.schemapilot.testing;

/**
 * Values shaped like real credentials, for the tests of redaction and of "no secret reaches a transcript". They are
 * assembled at run time from an obviously fake body, so the sources hold nothing a secret scanner (or a reader) could
 * take for a real key.
 */
public final class FakeSecrets {

    /** The body of every fake value: letters only, never a real key. */
    public static final String BODY = "FAKE";

    private FakeSecrets() {
    }

    private static String body(int times) {
        return BODY.repeat(times);
    }

    /** {@code sk-} + body: an OpenAI-style key. */
    public static String openAiKey() {
        return "sk-" + body(6);
    }

    /** {@code sk-} + {@code tag} + {@code -} + body, e.g. tag {@code proj} or {@code ant-api03}. */
    public static String openAiKey(String tag) {
        return "sk-" + tag + "-" + body(6);
    }

    /** {@code sk-ant-} + body: an Anthropic-style key. */
    public static String anthropicKey() {
        return "sk-ant-" + body(6);
    }

    /** {@code ghp_} + body: a GitHub token. */
    public static String githubToken() {
        return "ghp_" + body(9);
    }

    /** {@code AKIA} + 16 upper-case letters: an AWS access key id. */
    public static String awsKeyId() {
        return "AKIA" + body(4);
    }

    /** {@code xoxb-} + body: a Slack bot token. */
    public static String slackToken() {
        return "xoxb-" + body(4);
    }

    /** header.payload.signature, each part starting like a JWT's. */
    public static String jwt() {
        return "eyJ" + body(3) + ".eyJ" + body(3) + "." + body(2);
    }
}
