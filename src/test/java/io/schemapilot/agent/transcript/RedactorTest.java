package io.schemapilot.agent.transcript;

import io.schemapilot.testing.FakeSecrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    private final Redactor r = Redactor.standard();

    private void gone(String text, String secret) {
        String out = r.redact(text);
        assertFalse(out.contains(secret), () -> "secret survived: " + out);
        assertTrue(out.contains("***"), out);
    }

    @Test
    void openai_and_anthropic_keys_are_masked() {
        gone("my key is " + FakeSecrets.openAiKey("proj") + " ok", FakeSecrets.BODY);
        gone("export ANTHROPIC=" + FakeSecrets.openAiKey("ant-api03"), FakeSecrets.BODY);
        gone(FakeSecrets.openAiKey(), FakeSecrets.BODY);
    }

    @Test
    void bearer_tokens_and_authorization_headers_are_masked() {
        gone("Authorization: Bearer " + FakeSecrets.jwt(), FakeSecrets.BODY);
        gone("curl -H 'Authorization: Basic dXNlcjpwYXNz' http://x", "dXNlcjpwYXNz");
        gone("sent bearer abc123def456ghi789", "abc123def456ghi789");
        assertEquals("Authorization: Bearer ***", r.redact("Authorization: Bearer tok_9f8e7d6c5b4a"));
    }

    @Test
    void x_api_key_headers_and_secret_pairs_are_masked() {
        gone("x-api-key: 4f9c2a77-custom-provider-key", "4f9c2a77-custom-provider-key");
        gone("{\"x-api-key\": \"abcdef123456\"}", "abcdef123456");
        gone("PGPASSWORD=hunter2hunter2 psql", "hunter2hunter2");
        gone("client_secret=Zz9Yy8Xx7 &grant=x", "Zz9Yy8Xx7");
        gone("access_token: 'q1w2e3r4t5'", "q1w2e3r4t5");
    }

    @Test
    void passwords_in_urls_and_password_pairs_are_masked() {
        gone("connect postgres://app:s3cr3t!@db.internal:5432/prod failed", "s3cr3t!");
        gone("jdbc:postgresql://db/prod?user=app&password=p4ss&sslmode=require", "p4ss");
        gone("host=db user=app password='my secret' dbname=x", "secret");
        assertEquals("postgres://app:***@db:5432/prod", r.redact("postgres://app:pw@db:5432/prod"));
    }

    @Test
    void json_stays_valid_after_masking() throws Exception {
        String args = "{\"sql\": \"select 1\", \"password\": \"hunter22\", \"url\": \"postgres://u:pw99@h/db\"}";
        String out = r.redact(args);
        JsonNode n = new ObjectMapper().readTree(out);
        assertEquals("***", n.get("password").asText());
        assertEquals("postgres://u:***@h/db", n.get("url").asText());
        assertEquals("select 1", n.get("sql").asText());
    }

    @Test
    void json_nodes_are_redacted_deeply_and_secret_fields_masked_whole() throws Exception {
        JsonNode data = new ObjectMapper().readTree("{\"rows\": [{\"note\": \"key " + FakeSecrets.anthropicKey() + "\"}],"
                + " \"api_key\": \"plainvalue\", \"input_tokens\": 12, \"nested\": {\"token\": 12345678}}");
        JsonNode out = r.redact(data);
        String s = out.toString();
        assertFalse(s.contains(FakeSecrets.BODY), s);
        assertFalse(s.contains("plainvalue"), s);
        assertFalse(s.contains("12345678"), s);
        assertEquals(12, out.get("input_tokens").asInt());
        assertTrue(data.toString().contains("plainvalue"), "the input is not changed");
    }

    @Test
    void values_of_secret_environment_variables_are_masked() {
        Redactor env = Redactor.fromEnvironment(Map.of(
                "OPENAI_API_KEY", "not-shaped-like-a-key-42",
                "INSTANT_APP_ADMIN_TOKEN", "adm1n-t0ken",
                "MY_SERVICE_PASSWORD", "correcthorse",
                "HOME", "/home/user",
                "SHORT_SECRET", "ab"));
        assertEquals(3, env.literalSecretCount());
        String out = env.redact("using not-shaped-like-a-key-42 and adm1n-t0ken and correcthorse in /home/user ab");
        assertEquals("using *** and *** and *** in /home/user ab", out);
        assertTrue(Redactor.isSecretName("AWS_SECRET_ACCESS_KEY"));
        assertTrue(Redactor.isSecretName("GITHUB_TOKEN"));
        assertTrue(Redactor.isSecretName("PGPASSWORD"));
        assertFalse(Redactor.isSecretName("PATH"));
        assertFalse(Redactor.isSecretName("DATABASE_URL"));
    }

    @Test
    void with_secrets_adds_literal_values() {
        Redactor more = r.withSecrets(List.of("plain-looking-secret", " ", "x"));
        assertEquals(1, more.literalSecretCount());
        assertEquals("a *** b", more.redact("a plain-looking-secret b"));
    }

    @Test
    void ordinary_text_is_left_alone() {
        String text = "ALTER TABLE orders ADD COLUMN status text NOT NULL; -- takes ACCESS EXCLUSIVE, max_tokens: 1024,"
                + " the bearer of bad news, primary key (id), task-list";
        assertEquals(text, r.redact(text));
        assertEquals(null, r.redact((String) null));
        assertEquals("", r.redact(""));
    }

    @Test
    void other_token_shapes_are_masked() {
        gone("token " + FakeSecrets.githubToken(), FakeSecrets.BODY);
        gone("aws " + FakeSecrets.awsKeyId() + " here", FakeSecrets.BODY);
        gone("slack " + FakeSecrets.slackToken(), FakeSecrets.BODY);
    }
}
