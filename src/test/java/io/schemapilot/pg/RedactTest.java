package io.schemapilot.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RedactTest {

    @Test
    void removes_the_password_from_urls() {
        assertEquals("postgres://app:***@db:5432/prod?sslmode=require",
                Redact.url("postgres://app:s3cr3t@db:5432/prod?sslmode=require"));
        assertEquals("postgresql://app:***@db/prod", Redact.url("postgresql://app:p@ss@db/prod"));
        assertEquals("jdbc:postgresql://db/prod?user=app&password=***&sslmode=require",
                Redact.url("jdbc:postgresql://db/prod?user=app&password=s3cr3t&sslmode=require"));
        assertEquals("postgres://app@db/prod", Redact.url("postgres://app@db/prod"));
        assertEquals("postgres://db/prod", Redact.url("postgres://db/prod"));
        assertNull(Redact.url(null));
    }

    @Test
    void removes_passwords_anywhere_in_text() {
        assertEquals("cannot connect to postgres://a:***@h/d, then host=h password=*** dbname=d",
                Redact.secrets("cannot connect to postgres://a:x1@h/d, then host=h password=x2 dbname=d"));
        assertEquals("password=*** user=u", Redact.secrets("password='a b' user=u"));
        assertEquals("no secret here", Redact.secrets("no secret here"));
    }

    @Test
    void removes_a_known_secret() {
        assertEquals("wrong password *** for app", Redact.secret("wrong password hunter2 for app", "hunter2"));
        assertEquals("text", Redact.secret("text", ""));
    }
}
